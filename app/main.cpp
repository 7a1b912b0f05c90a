#include "AppLauncher.h"

int main(int argc, char *argv[])
{
    return hookscope::AppLauncher::run(argc, argv);
}

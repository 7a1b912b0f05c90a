#pragma once

namespace hookscope {

// Reads the command line and runs the chosen mode: the GUI, --headless, or a sub-command.
class AppLauncher final
{
public:
    [[nodiscard]] static int run(int argc, char *argv[]);
};

} // namespace hookscope

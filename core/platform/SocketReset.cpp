#include "SocketReset.h"

#include "PlatformFeatures.h"

#ifdef HOOKSCOPE_LINUX_PATHS
#include <sys/socket.h>
#endif

namespace hookscope {

#ifdef HOOKSCOPE_LINUX_PATHS

bool resetOnClose(qintptr socketDescriptor)
{
    if (socketDescriptor < 0)
        return false;
    // A zero linger time: close() discards what is unsent and sends RST (Linux tcp_close).
    const ::linger hard{.l_onoff = 1, .l_linger = 0};
    return ::setsockopt(int(socketDescriptor), SOL_SOCKET, SO_LINGER, &hard, sizeof hard) == 0;
}

#else // portable: Qt has no socket option for a zero linger time

bool resetOnClose(qintptr socketDescriptor)
{
    Q_UNUSED(socketDescriptor);
    return false;
}

#endif

} // namespace hookscope

#pragma once

#include <QtGlobal>

namespace hookscope {

// Makes the next close of this connected TCP socket descriptor a reset (RST) instead of an
// orderly shutdown (FIN): SO_LINGER {on, 0 s}. The peer's next read or write then fails with
// "connection reset by peer", as when the app on the other end crashed; a plain close would
// look like an app that answered nothing and hung up on purpose. Call it just before
// QAbstractSocket::abort(). Returns whether the socket layer took it (portable fallback: it
// does nothing and returns false, so the close stays orderly).
bool resetOnClose(qintptr socketDescriptor);

} // namespace hookscope

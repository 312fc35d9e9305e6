// Reading OpenSSL's per-thread error queue: take the root cause as one line and leave the
// queue empty, so one scan's errors never show up in the next scan on the same thread.
#pragma once

#include <string>

namespace attt::tls {

/// The first error queued (usually the root cause), or 0; the queue is left empty.
unsigned long take_first_error();

/// "wrong version number", "No such file or directory": the reason of an error code.
std::string error_text(unsigned long code);

}  // namespace attt::tls

// How a step of a TLS scan fails in normal use (refused, timed out, not TLS): a status and one
// line for the user, carried as a value so that the collector never throws for them.
#pragma once

#include <string>

#include <tl/expected.hpp>

#include "auditor/core/target_status.h"

namespace attt::tls {

struct ScanFailure {
    TargetStatus status = TargetStatus::Error;
    std::string detail;  ///< "connection refused", "no answer within 2000 ms"
};

/// The value of a step, or why it could not be had.
template <class T>
using Attempt = tl::expected<T, ScanFailure>;

inline tl::unexpected<ScanFailure> scan_failure(TargetStatus status, std::string detail) {
    return tl::unexpected(ScanFailure{status, std::move(detail)});
}

}  // namespace attt::tls

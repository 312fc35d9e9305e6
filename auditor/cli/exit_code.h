// Exit codes follow OpenSCAP's convention, so schedulers and CI treat the auditor like oscap.
#pragma once

namespace attt::cli {

inline constexpr int kExitOk = 0;          ///< done, and no rule failed
inline constexpr int kExitError = 1;       ///< bad input, unusable database, internal error
inline constexpr int kExitRuleFailed = 2;  ///< done, and at least one rule failed

}  // namespace attt::cli

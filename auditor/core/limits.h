// Every cap the auditor applies to untrusted input, each with the reason for its size.
// Tests feed input just over each cap and expect a clear error, not a crash or a hang.
#pragma once

#include <chrono>
#include <cstddef>

namespace attt::limits {

// An inventory of a whole province is a few thousand rows; 16 MiB leaves a wide margin.
inline constexpr std::size_t kMaxInventoryBytes = 16U << 20U;
// One CSV line: the endpoint list of a large system stays far below this.
inline constexpr std::size_t kMaxCsvLineBytes = 64U << 10U;
// Rows in one import: hundreds of systems per province, thousands nationally.
inline constexpr std::size_t kMaxInventoryRows = 100'000;
// Endpoints of one system: a portal rarely has more than a handful.
inline constexpr std::size_t kMaxEndpointsPerSystem = 256;
// A policy file is a few hundred rules; 4 MiB is ample and stops memory exhaustion.
inline constexpr std::size_t kMaxPolicyBytes = 4U << 20U;
// Nesting of <all>/<any>/<not> in a condition; real rules use three or four levels.
inline constexpr std::size_t kMaxConditionDepth = 32;
// Policy files in one policy directory.
inline constexpr std::size_t kMaxPolicyFiles = 1'000;
// Certificates accepted from one server: real chains have 2-4.
inline constexpr std::size_t kMaxChainLength = 16;
// Text we keep from a fact or an error for evidence, so a hostile peer cannot flood the store.
inline constexpr std::size_t kMaxEvidenceBytes = 1'024;
// Parallel targets in one audit: the machine has few cores and targets are network-bound.
inline constexpr unsigned kMaxJobs = 64;

// Network deadlines. Provincial links can be slow, but an audit of hundreds of endpoints
// must not wait minutes on one that hangs.
inline constexpr std::chrono::milliseconds kDefaultConnectTimeout{5'000};
inline constexpr std::chrono::milliseconds kDefaultHandshakeTimeout{10'000};

}  // namespace attt::limits

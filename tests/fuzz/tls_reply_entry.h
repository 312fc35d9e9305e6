// One entry point over every parser of untrusted server bytes in checks/tls (records, the first
// handshake message, the reply classifier, the ServerHello body and the rest of the server
// flight). The libFuzzer target (tls_reply_fuzzer.cpp) and the corpus regression test
// (tests/checks/tls/fuzz_corpus_test.cpp) both call it, so a corpus file that once crashed the
// fuzzer fails the ordinary suite under ASan too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "checks/tls/server_flight.h"
#include "checks/tls/server_hello.h"

namespace attt::tls::fuzz {

/// What the parsers made of one input, for tests that check the seeds stay meaningful.
struct ReplySummary {
    std::size_t records = 0;  ///< whole TLS records read from the start
    ReplyKind reply = ReplyKind::Incomplete;
    FlightStatus flight = FlightStatus::Incomplete;  ///< for the key exchange the suite implies
    std::size_t certificates = 0;
};

/// Feeds `bytes` to every parser and checks their bounds (a violated invariant aborts, so the
/// fuzzer reports it). Never throws.
ReplySummary run_tls_reply_entry(std::span<const std::uint8_t> bytes);

}  // namespace attt::tls::fuzz

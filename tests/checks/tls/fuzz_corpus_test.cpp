// The libFuzzer seed corpus (tests/fuzz/corpus/server_reply) as a regression test of the
// ordinary suite: every file goes through the fuzzer's own entry (tests/fuzz/tls_reply_entry.h),
// so under the ASan build a parser regression on any seed or saved crash fails here, without
// clang. The file prefix states what the parsers must make of the real captures.
// NOLINTNEXTLINE(readability-identifier-naming): the name Boost.Test expects
#define BOOST_TEST_MODULE tls_fuzz_corpus
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/fuzz/tls_reply_entry.h"

namespace {

namespace fs = std::filesystem;
using attt::tls::FlightStatus;
using attt::tls::ReplyKind;

/// Seeds are a few KiB; anything bigger is not a seed.
constexpr std::uintmax_t kMaxSeedBytes = 256 * 1024;

fs::path corpus_dir() {
    return fs::path(ATTT_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "server_reply";
}

std::vector<std::uint8_t> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_corpus_file_parses_within_bounds) {
    std::size_t files = 0;
    std::size_t total = 0;
    for (const auto& entry : fs::directory_iterator(corpus_dir())) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const std::string name = entry.path().filename().string();
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST_REQUIRE(entry.file_size() <= kMaxSeedBytes);
            const auto bytes = read_file(entry.path());
            total += bytes.size();
            // Aborts (and fails the test run) on a broken invariant; ASan catches overreads.
            const auto summary = attt::tls::fuzz::run_tls_reply_entry(bytes);
            if (starts_with(name, "sh_")) {
                BOOST_TEST((summary.reply == ReplyKind::ServerHello));
                BOOST_TEST(summary.records >= 1U);
            } else if (starts_with(name, "alert_")) {
                BOOST_TEST((summary.reply == ReplyKind::Alert));
            } else if (starts_with(name, "sslv2_")) {
                BOOST_TEST((summary.reply == ReplyKind::Sslv2ServerHello));
            } else if (starts_with(name, "cut_")) {
                // A flight cut short: never a complete flight, whatever came before the cut.
                BOOST_TEST((summary.flight != FlightStatus::Complete));
                BOOST_TEST((summary.reply == ReplyKind::ServerHello ||
                            summary.reply == ReplyKind::Incomplete));
            } else {
                BOOST_TEST((summary.reply != ReplyKind::ServerHello));
            }
            // A TLS 1.0-1.2 capture is a whole flight up to ServerHelloDone, with a certificate.
            if (starts_with(name, "sh_tls1") && !starts_with(name, "sh_tls13")) {
                BOOST_TEST((summary.flight == FlightStatus::Complete));
                BOOST_TEST(summary.certificates >= 1U);
            }
        }
        ++files;
    }
    BOOST_TEST(files >= 10U);
    BOOST_TEST(total < 200U * 1024U);  // the corpus stays small
}

BOOST_AUTO_TEST_CASE(empty_and_single_byte_inputs_are_safe) {
    const std::vector<std::uint8_t> empty;
    BOOST_TEST((attt::tls::fuzz::run_tls_reply_entry(empty).reply == ReplyKind::Incomplete));
    for (int b = 0; b < 256; ++b) {
        const std::vector<std::uint8_t> one{static_cast<std::uint8_t>(b)};
        (void)attt::tls::fuzz::run_tls_reply_entry(one);
    }
}

// The known-weakness rules (weaknesses.h) and the SSL Labs style grade (grade.h) over TlsScan
// values built by hand: each rule true and false, each cap, and the worked example of
// docs/tls-grade.md with its exact scores.
// NOLINTNEXTLINE(readability-identifier-naming): the name Boost.Test expects
#define BOOST_TEST_MODULE tls_grade
#include "checks/tls/grade.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "checks/tls/tls_scan.h"
#include "checks/tls/weaknesses.h"

namespace {

using attt::tls::CertificateSummary;
using attt::tls::derive_vulnerabilities;
using attt::tls::Grade;
using attt::tls::Protocol;
using attt::tls::TlsScan;

constexpr std::uint16_t kEcdheRsaAes128Gcm = 0xC02F;
constexpr std::uint16_t kEcdheRsaAes256Gcm = 0xC030;
constexpr std::uint16_t kEcdheRsaAes128Sha = 0xC013;
constexpr std::uint16_t kDheRsaAes128Gcm = 0x009E;
constexpr std::uint16_t kRsaAes128Sha = 0x002F;
constexpr std::uint16_t kRsaAes128Gcm = 0x009C;
constexpr std::uint16_t kRsa3desSha = 0x000A;
constexpr std::uint16_t kRsaRc4Sha = 0x0005;
constexpr std::uint16_t kRsaExportRc4 = 0x0003;
constexpr std::uint16_t kDheRsaExportDes40 = 0x0014;
constexpr std::uint16_t kDhAnonExportRc4 = 0x0017;
constexpr std::uint16_t kDhAnonAes128Sha = 0x0034;
constexpr std::uint16_t kRsaNullSha = 0x0002;
constexpr std::uint16_t kRsaIdeaSha = 0x0007;
constexpr std::uint16_t kTlsAes128Gcm = 0x1301;
constexpr std::uint16_t kTlsAes256Gcm = 0x1302;
constexpr std::uint16_t kTlsChacha20 = 0x1303;
constexpr std::uint16_t kX25519 = 0x001d;
constexpr std::uint16_t kSecp256r1 = 0x0017;
constexpr std::uint32_t kSsl2Rc4Md5 = 0x010080;
constexpr std::uint32_t kSsl2Des3 = 0x0700c0;
constexpr long kHstsShort = 86400;

void accept(TlsScan& scan,
            Protocol protocol,
            std::vector<std::uint16_t> suites,
            bool server_preference = true) {
    auto& support = scan.protocol(protocol);
    support.protocol = protocol;
    support.accepted = true;
    support.suites = std::move(suites);
    support.server_preference = server_preference;
}

CertificateSummary good_certificate() {
    CertificateSummary cert;
    cert.subject = "CN=www.example.test";
    cert.key_type = "RSA";
    cert.key_bits = 2048;
    cert.signature_algorithm = "sha256WithRSAEncryption";
    cert.signature_hash = "SHA256";
    cert.checked_name = "www.example.test";
    cert.hostname_match = true;
    cert.chain_trusted = true;
    cert.chain_complete = true;
    cert.verify_error = "ok";
    cert.days_left = 200;
    return cert;
}

/// TLS 1.2 + 1.3, ECDHE with AEAD suites first, a trusted RSA 2048 certificate, HSTS one year.
TlsScan modern_scan() {
    TlsScan scan;
    scan.host = "www.example.test";
    scan.port = 443;
    accept(scan, Protocol::Tls12, {kEcdheRsaAes256Gcm, kEcdheRsaAes128Gcm});
    accept(scan, Protocol::Tls13, {kTlsAes256Gcm, kTlsChacha20, kTlsAes128Gcm});
    scan.key_exchange.groups = {kX25519, kSecp256r1};
    scan.features.secure_renegotiation = true;
    scan.features.fallback_scsv = true;
    scan.features.heartbleed = false;
    scan.certificates.push_back(good_certificate());
    scan.http.emplace();
    scan.http->status = 200;
    scan.http->hsts_max_age = 31536000;
    return scan;
}

Grade grade_of(TlsScan scan) {
    scan.vulnerabilities = derive_vulnerabilities(scan);
    return attt::tls::compute_grade(scan);
}

bool has_reason(const Grade& grade, const std::string& part) {
    return std::any_of(grade.reasons.begin(), grade.reasons.end(), [&](const std::string& r) {
        return r.find(part) != std::string::npos;
    });
}

std::string reasons_of(const Grade& grade) {
    std::string all;
    for (const auto& r : grade.reasons) {
        all += r + "; ";
    }
    return all;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Weaknesses: each rule true and false.

BOOST_AUTO_TEST_CASE(modern_server_has_no_known_weakness) {
    const auto v = derive_vulnerabilities(modern_scan());
    for (const auto& [name, flag] : attt::tls::vulnerability_list(v)) {
        BOOST_TEST(!flag, name);
    }
}

BOOST_AUTO_TEST_CASE(vulnerability_list_has_fixed_names_and_order) {
    attt::tls::Vulnerabilities v;
    v.drown = true;
    v.no_fallback_scsv = true;
    const auto list = attt::tls::vulnerability_list(v);
    const std::vector<std::string> expected{"heartbleed",
                                            "poodle",
                                            "sweet32",
                                            "freak",
                                            "logjam",
                                            "drown",
                                            "crime",
                                            "beast",
                                            "rc4",
                                            "insecure_renegotiation",
                                            "no_fallback_scsv"};
    BOOST_TEST_REQUIRE(list.size() == expected.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        BOOST_TEST(std::string(list[i].first) == expected[i]);
    }
    BOOST_TEST(list[5].second);
    BOOST_TEST(list[10].second);
    BOOST_TEST(!list[0].second);
}

BOOST_AUTO_TEST_CASE(heartbleed_only_when_probe_answered) {
    auto scan = modern_scan();
    scan.features.heartbleed = true;
    BOOST_TEST(derive_vulnerabilities(scan).heartbleed);
    scan.features.heartbleed.reset();
    BOOST_TEST(!derive_vulnerabilities(scan).heartbleed);
}

BOOST_AUTO_TEST_CASE(poodle_needs_sslv3_with_cbc) {
    auto scan = modern_scan();
    accept(scan, Protocol::Ssl3, {kRsaAes128Sha});
    BOOST_TEST(derive_vulnerabilities(scan).poodle);
    accept(scan, Protocol::Ssl3, {kRsaRc4Sha});
    BOOST_TEST(!derive_vulnerabilities(scan).poodle);
    // CBC with TLS 1.2 only is not POODLE.
    auto tls12_cbc = modern_scan();
    accept(tls12_cbc, Protocol::Tls12, {kEcdheRsaAes128Sha});
    BOOST_TEST(!derive_vulnerabilities(tls12_cbc).poodle);
}

BOOST_AUTO_TEST_CASE(sweet32_on_any_64bit_block_cipher) {
    auto scan = modern_scan();
    accept(scan, Protocol::Tls12, {kEcdheRsaAes128Gcm, kRsa3desSha});
    BOOST_TEST(derive_vulnerabilities(scan).sweet32);
    auto idea = modern_scan();
    accept(idea, Protocol::Tls10, {kRsaIdeaSha});
    BOOST_TEST(derive_vulnerabilities(idea).sweet32);
    auto sslv2 = modern_scan();
    sslv2.protocol(Protocol::Ssl2).accepted = true;
    sslv2.protocol(Protocol::Ssl2).sslv2_cipher_specs = {kSsl2Des3};
    BOOST_TEST(derive_vulnerabilities(sslv2).sweet32);
    BOOST_TEST(!derive_vulnerabilities(modern_scan()).sweet32);
    // A 3DES suite listed for a protocol the server refuses does not count.
    auto refused = modern_scan();
    refused.protocol(Protocol::Tls11).suites = {kRsa3desSha};
    BOOST_TEST(!derive_vulnerabilities(refused).sweet32);
}

BOOST_AUTO_TEST_CASE(freak_on_rsa_export_suite_or_export_key) {
    auto scan = modern_scan();
    accept(scan, Protocol::Tls10, {kRsaExportRc4});
    BOOST_TEST(derive_vulnerabilities(scan).freak);
    auto key = modern_scan();
    key.key_exchange.export_rsa_bits = 512;
    BOOST_TEST(derive_vulnerabilities(key).freak);
    auto dhe_export = modern_scan();
    accept(dhe_export, Protocol::Tls10, {kDheRsaExportDes40});
    BOOST_TEST(!derive_vulnerabilities(dhe_export).freak);
}

BOOST_AUTO_TEST_CASE(logjam_on_dh_export_or_small_prime) {
    auto dhe_export = modern_scan();
    accept(dhe_export, Protocol::Tls10, {kDheRsaExportDes40});
    BOOST_TEST(derive_vulnerabilities(dhe_export).logjam);
    auto anon_export = modern_scan();
    accept(anon_export, Protocol::Tls10, {kDhAnonExportRc4});
    BOOST_TEST(derive_vulnerabilities(anon_export).logjam);
    auto small = modern_scan();
    small.key_exchange.smallest_dh_bits = 1024;
    BOOST_TEST(derive_vulnerabilities(small).logjam);
    auto big = modern_scan();
    big.key_exchange.smallest_dh_bits = 2048;
    BOOST_TEST(!derive_vulnerabilities(big).logjam);
    auto rsa_export = modern_scan();
    accept(rsa_export, Protocol::Tls10, {kRsaExportRc4});
    BOOST_TEST(!derive_vulnerabilities(rsa_export).logjam);
}

BOOST_AUTO_TEST_CASE(drown_on_sslv2) {
    auto scan = modern_scan();
    scan.protocol(Protocol::Ssl2).accepted = true;
    scan.protocol(Protocol::Ssl2).sslv2_cipher_specs = {kSsl2Rc4Md5};
    BOOST_TEST(derive_vulnerabilities(scan).drown);
    BOOST_TEST(!derive_vulnerabilities(modern_scan()).drown);
}

BOOST_AUTO_TEST_CASE(crime_on_compression) {
    auto scan = modern_scan();
    scan.features.compression = true;
    BOOST_TEST(derive_vulnerabilities(scan).crime);
    BOOST_TEST(!derive_vulnerabilities(modern_scan()).crime);
}

BOOST_AUTO_TEST_CASE(beast_on_tls10_or_sslv3_cbc) {
    auto tls10 = modern_scan();
    accept(tls10, Protocol::Tls10, {kEcdheRsaAes128Sha});
    BOOST_TEST(derive_vulnerabilities(tls10).beast);
    auto ssl3 = modern_scan();
    accept(ssl3, Protocol::Ssl3, {kRsaAes128Sha});
    BOOST_TEST(derive_vulnerabilities(ssl3).beast);
    auto tls10_rc4 = modern_scan();
    accept(tls10_rc4, Protocol::Tls10, {kRsaRc4Sha});
    BOOST_TEST(!derive_vulnerabilities(tls10_rc4).beast);
    auto tls11 = modern_scan();
    accept(tls11, Protocol::Tls11, {kEcdheRsaAes128Sha});
    BOOST_TEST(!derive_vulnerabilities(tls11).beast);
}

BOOST_AUTO_TEST_CASE(rc4_on_tls_or_sslv2_rc4) {
    auto scan = modern_scan();
    accept(scan, Protocol::Tls12, {kEcdheRsaAes128Gcm, kRsaRc4Sha});
    BOOST_TEST(derive_vulnerabilities(scan).rc4);
    auto sslv2 = modern_scan();
    sslv2.protocol(Protocol::Ssl2).accepted = true;
    sslv2.protocol(Protocol::Ssl2).sslv2_cipher_specs = {kSsl2Rc4Md5};
    BOOST_TEST(derive_vulnerabilities(sslv2).rc4);
    BOOST_TEST(!derive_vulnerabilities(modern_scan()).rc4);
}

BOOST_AUTO_TEST_CASE(insecure_renegotiation_needs_legacy_protocol_without_rfc5746) {
    auto scan = modern_scan();
    scan.features.secure_renegotiation = false;
    BOOST_TEST(derive_vulnerabilities(scan).insecure_renegotiation);
    scan.features.secure_renegotiation.reset();
    BOOST_TEST(!derive_vulnerabilities(scan).insecure_renegotiation);
    // TLS 1.3 has no renegotiation at all.
    TlsScan tls13_only;
    accept(tls13_only, Protocol::Tls13, {kTlsAes128Gcm});
    tls13_only.features.secure_renegotiation = false;
    BOOST_TEST(!derive_vulnerabilities(tls13_only).insecure_renegotiation);
}

BOOST_AUTO_TEST_CASE(no_fallback_scsv_only_when_known_missing) {
    auto scan = modern_scan();
    scan.features.fallback_scsv = false;
    BOOST_TEST(derive_vulnerabilities(scan).no_fallback_scsv);
    scan.features.fallback_scsv.reset();
    BOOST_TEST(!derive_vulnerabilities(scan).no_fallback_scsv);
}

// ---------------------------------------------------------------------------------------------
// Scores and letters.

BOOST_AUTO_TEST_CASE(score_tables_match_the_guide) {
    using attt::tls::cipher_points;
    using attt::tls::key_exchange_points;
    using attt::tls::letter_for_score;
    using attt::tls::protocol_points;
    BOOST_TEST(protocol_points(Protocol::Ssl2) == 0);
    BOOST_TEST(protocol_points(Protocol::Ssl3) == 80);
    BOOST_TEST(protocol_points(Protocol::Tls10) == 90);
    BOOST_TEST(protocol_points(Protocol::Tls11) == 95);
    BOOST_TEST(protocol_points(Protocol::Tls12) == 100);
    BOOST_TEST(protocol_points(Protocol::Tls13) == 100);
    BOOST_TEST(key_exchange_points(0) == 0);
    BOOST_TEST(key_exchange_points(511) == 20);
    BOOST_TEST(key_exchange_points(512) == 40);
    BOOST_TEST(key_exchange_points(1024) == 80);
    BOOST_TEST(key_exchange_points(2048) == 90);
    BOOST_TEST(key_exchange_points(3072) == 90);
    BOOST_TEST(key_exchange_points(4096) == 100);
    BOOST_TEST(cipher_points(0) == 0);
    BOOST_TEST(cipher_points(112) == 20);
    BOOST_TEST(cipher_points(128) == 80);
    BOOST_TEST(cipher_points(256) == 100);
    BOOST_TEST(letter_for_score(80) == "A");
    BOOST_TEST(letter_for_score(79) == "B");
    BOOST_TEST(letter_for_score(65) == "B");
    BOOST_TEST(letter_for_score(64) == "C");
    BOOST_TEST(letter_for_score(50) == "C");
    BOOST_TEST(letter_for_score(35) == "D");
    BOOST_TEST(letter_for_score(20) == "E");
    BOOST_TEST(letter_for_score(19) == "F");
}

BOOST_AUTO_TEST_CASE(modern_server_with_hsts_gets_a_plus) {
    const auto grade = grade_of(modern_scan());
    BOOST_TEST(grade.letter == "A+", reasons_of(grade));
    BOOST_TEST(grade.protocol_score == 100);
    BOOST_TEST(grade.key_exchange_score == 90);  // x25519 / secp256r1 ~ RSA 3072
    BOOST_TEST(grade.cipher_score == 90);        // (AES-256 100 + AES-128 80) / 2
    BOOST_TEST(grade.score == 93);
    BOOST_TEST(grade.reasons.empty(), reasons_of(grade));
}

BOOST_AUTO_TEST_CASE(modern_server_without_hsts_gets_a) {
    auto scan = modern_scan();
    scan.http.reset();
    auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "A", reasons_of(grade));
    BOOST_TEST(has_reason(grade, "HSTS"));
    scan = modern_scan();
    scan.http->hsts_max_age = kHstsShort;
    grade = grade_of(scan);
    BOOST_TEST(grade.letter == "A");
}

BOOST_AUTO_TEST_CASE(no_tls13_means_no_a_plus) {
    auto scan = modern_scan();
    scan.protocol(Protocol::Tls13) = {};
    const auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "A", reasons_of(grade));
    BOOST_TEST(has_reason(grade, "TLS 1.3 not accepted"));
}

BOOST_AUTO_TEST_CASE(missing_fallback_scsv_gives_a_minus) {
    auto scan = modern_scan();
    scan.features.fallback_scsv = false;
    const auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "A-", reasons_of(grade));
    BOOST_TEST(has_reason(grade, "TLS_FALLBACK_SCSV"));
}

BOOST_AUTO_TEST_CASE(forward_secrecy_not_preferred_gives_a_minus) {
    auto scan = modern_scan();
    scan.protocol(Protocol::Tls13) = {};
    accept(scan, Protocol::Tls12, {kRsaAes128Gcm, kEcdheRsaAes128Gcm});
    const auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "A-", reasons_of(grade));
}

BOOST_AUTO_TEST_CASE(tls10_caps_at_b) {
    auto scan = modern_scan();
    accept(scan, Protocol::Tls10, {kEcdheRsaAes128Sha});
    const auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "B", reasons_of(grade));
    BOOST_TEST(has_reason(grade, "TLS 1.0 or TLS 1.1 accepted: capped at B"));
    BOOST_TEST(grade.protocol_score == 95);
}

BOOST_AUTO_TEST_CASE(sslv3_caps_at_c_with_cbc_and_b_without) {
    auto scan = modern_scan();
    accept(scan, Protocol::Ssl3, {kRsaAes128Sha});
    auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "C", reasons_of(grade));
    BOOST_TEST(has_reason(grade, "POODLE"));
    BOOST_TEST(has_reason(grade, "SSLv3 accepted: capped at B"));
    // SSLv3 accepted without a CBC suite recorded: not POODLE, only the protocol cap.
    auto only_protocol = modern_scan();
    only_protocol.protocol(Protocol::Ssl3).accepted = true;
    grade = grade_of(only_protocol);
    BOOST_TEST(grade.letter == "B", reasons_of(grade));
}

BOOST_AUTO_TEST_CASE(sslv2_gives_f) {
    auto scan = modern_scan();
    scan.protocol(Protocol::Ssl2).accepted = true;
    scan.protocol(Protocol::Ssl2).sslv2_cipher_specs = {kSsl2Des3};
    const auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "F", reasons_of(grade));
    // (TLS 1.2 100 + SSLv2 0) / 2: the protocol category is 50, not 0; the cap makes it F.
    BOOST_TEST(grade.protocol_score == 50);
    BOOST_TEST(grade.score == 66);
    BOOST_TEST(has_reason(grade, "DROWN"));
}

BOOST_AUTO_TEST_CASE(rc4_caps_at_c) {
    auto scan = modern_scan();
    accept(scan, Protocol::Tls12, {kEcdheRsaAes128Gcm, kRsaRc4Sha});
    const auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "C", reasons_of(grade));
    BOOST_TEST(has_reason(grade, "RC4 accepted: capped at C"));
}

BOOST_AUTO_TEST_CASE(preferred_3des_with_tls12_caps_at_c_but_last_3des_does_not) {
    auto first = modern_scan();
    accept(first, Protocol::Tls12, {kRsa3desSha, kEcdheRsaAes128Gcm});
    auto grade = grade_of(first);
    BOOST_TEST(grade.letter == "C", reasons_of(grade));
    auto last = modern_scan();
    accept(last, Protocol::Tls12, {kEcdheRsaAes128Gcm, kRsa3desSha});
    grade = grade_of(last);
    BOOST_TEST(grade.letter != "C", reasons_of(grade));
    BOOST_TEST(!has_reason(grade, "SWEET32"));
}

BOOST_AUTO_TEST_CASE(expired_or_untrusted_certificate_shows_t) {
    auto expired = modern_scan();
    expired.certificates[0].expired = true;
    auto grade = grade_of(expired);
    BOOST_TEST(grade.letter == "T", reasons_of(grade));
    BOOST_TEST(has_reason(grade, "grade if trusted: A+"));
    auto untrusted = modern_scan();
    untrusted.certificates[0].chain_trusted = false;
    untrusted.certificates[0].verify_error = "self-signed certificate";
    grade = grade_of(untrusted);
    BOOST_TEST(grade.letter == "T");
    BOOST_TEST(has_reason(grade, "self-signed certificate"));
    auto sha1 = modern_scan();
    sha1.certificates[0].signature_hash = "SHA1";
    BOOST_TEST(grade_of(sha1).letter == "T");
}

BOOST_AUTO_TEST_CASE(name_mismatch_shows_m) {
    auto scan = modern_scan();
    scan.certificates[0].hostname_match = false;
    const auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "M", reasons_of(grade));
    // Trust problems win over a mismatch.
    scan.certificates[0].chain_trusted = false;
    BOOST_TEST(grade_of(scan).letter == "T");
}

BOOST_AUTO_TEST_CASE(dh_1024_caps_at_b_and_dh_512_gives_f) {
    auto scan = modern_scan();
    accept(scan, Protocol::Tls12, {kEcdheRsaAes128Gcm, kDheRsaAes128Gcm});
    scan.key_exchange.smallest_dh_bits = 1024;
    auto grade = grade_of(scan);
    BOOST_TEST(grade.letter == "B", reasons_of(grade));
    BOOST_TEST(grade.key_exchange_score == 80);
    scan.key_exchange.smallest_dh_bits = 512;
    grade = grade_of(scan);
    BOOST_TEST(grade.letter == "F", reasons_of(grade));
    BOOST_TEST(grade.key_exchange_score == 40);
    scan.key_exchange.smallest_dh_bits = 2048;
    BOOST_TEST(grade_of(scan).letter == "A+");
}

BOOST_AUTO_TEST_CASE(certificate_key_and_signature_caps) {
    auto small = modern_scan();
    small.certificates[0].key_bits = 1024;
    BOOST_TEST(grade_of(small).letter == "B");
    small.certificates[0].key_bits = 768;
    BOOST_TEST(grade_of(small).letter == "F");
    auto md5 = modern_scan();
    md5.certificates[0].signature_hash = "MD5";
    BOOST_TEST(grade_of(md5).letter == "F");
    auto ec = modern_scan();
    ec.certificates[0].key_type = "EC";
    ec.certificates[0].key_bits = 256;
    BOOST_TEST(grade_of(ec).letter == "A+");
}

BOOST_AUTO_TEST_CASE(export_anonymous_and_null_suites_give_f) {
    for (const std::uint16_t suite : {kRsaExportRc4, kDhAnonAes128Sha, kRsaNullSha}) {
        auto scan = modern_scan();
        accept(scan, Protocol::Tls12, {kEcdheRsaAes128Gcm, suite});
        const auto grade = grade_of(scan);
        BOOST_TEST(grade.letter == "F", reasons_of(grade));
    }
}

BOOST_AUTO_TEST_CASE(heartbleed_compression_and_renegotiation_caps) {
    auto heartbleed = modern_scan();
    heartbleed.features.heartbleed = true;
    BOOST_TEST(grade_of(heartbleed).letter == "F");
    auto compression = modern_scan();
    compression.features.compression = true;
    BOOST_TEST(grade_of(compression).letter == "C");
    auto renegotiation = modern_scan();
    renegotiation.features.secure_renegotiation = false;
    BOOST_TEST(grade_of(renegotiation).letter == "C");
}

BOOST_AUTO_TEST_CASE(no_forward_secrecy_or_no_aead_caps_at_b) {
    auto no_fs = modern_scan();
    no_fs.protocol(Protocol::Tls13) = {};
    accept(no_fs, Protocol::Tls12, {kRsaAes128Gcm});
    auto grade = grade_of(no_fs);
    BOOST_TEST(grade.letter == "B", reasons_of(grade));
    BOOST_TEST(has_reason(grade, "no forward secrecy"));
    auto no_aead = modern_scan();
    no_aead.protocol(Protocol::Tls13) = {};
    accept(no_aead, Protocol::Tls12, {kEcdheRsaAes128Sha});
    grade = grade_of(no_aead);
    BOOST_TEST(grade.letter == "B", reasons_of(grade));
    BOOST_TEST(has_reason(grade, "no AEAD"));
}

BOOST_AUTO_TEST_CASE(failed_scan_gets_no_grade) {
    auto scan = modern_scan();
    scan.status = attt::TargetStatus::Timeout;
    const auto grade = grade_of(scan);
    BOOST_TEST(grade.letter.empty());
    BOOST_TEST(grade.reasons.size() == 1U);
    BOOST_TEST(attt::tls::compute_grade(TlsScan{}).letter.empty());
}

// The worked example of docs/tls-grade.md: TLS 1.0-1.2, ECDHE and DHE-1024, 3DES last.
BOOST_AUTO_TEST_CASE(worked_example_exact_scores) {
    TlsScan scan;
    scan.host = "legacy.example.test";
    scan.port = 443;
    accept(scan, Protocol::Tls10, {kEcdheRsaAes128Sha, kRsaAes128Sha, kRsa3desSha});
    accept(scan,
           Protocol::Tls12,
           {kEcdheRsaAes256Gcm, kEcdheRsaAes128Gcm, kDheRsaAes128Gcm, kRsaAes128Sha, kRsa3desSha});
    scan.key_exchange.groups = {kSecp256r1};
    scan.key_exchange.smallest_dh_bits = 1024;
    scan.features.secure_renegotiation = true;
    scan.features.fallback_scsv = true;
    scan.features.heartbleed = false;
    scan.certificates.push_back(good_certificate());
    scan.vulnerabilities = derive_vulnerabilities(scan);
    BOOST_TEST(scan.vulnerabilities.beast);
    BOOST_TEST(scan.vulnerabilities.sweet32);
    BOOST_TEST(scan.vulnerabilities.logjam);
    const auto grade = attt::tls::compute_grade(scan);
    BOOST_TEST(grade.protocol_score == 95);      // (TLS 1.2 100 + TLS 1.0 90) / 2
    BOOST_TEST(grade.key_exchange_score == 80);  // weakest: DHE 1024
    BOOST_TEST(grade.cipher_score == 60);        // (AES-256 100 + 3DES(112) 20) / 2
    BOOST_TEST(grade.score == 77);               // 0.3*95 + 0.3*80 + 0.4*60 = 76.5 -> 77
    BOOST_TEST(grade.letter == "B", reasons_of(grade));
    const std::vector<std::string> expected{
        "score 77 of 100 gives B",
        "TLS 1.0 or TLS 1.1 accepted: capped at B",
        "DH parameters of 1024 bits (below 2048): capped at B",
    };
    BOOST_TEST(grade.reasons == expected, boost::test_tools::per_element());
}

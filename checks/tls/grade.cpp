#include "checks/tls/grade.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/named_groups.h"
#include "checks/tls/sslv2_ciphers.h"
#include "checks/tls/weaknesses.h"

namespace attt::tls {

namespace {

/// Ordered from worst to best so that a cap is std::min.
enum class Letter {
    F,
    E,
    D,
    C,
    B,
    AMinus,
    A,
    APlus
};

constexpr std::array<std::string_view, 8> kLetterNames{"F", "E", "D", "C", "B", "A-", "A", "A+"};

std::string_view name_of(Letter letter) {
    return kLetterNames[static_cast<std::size_t>(letter)];
}

Letter letter_of_score(int score) {
    if (score >= 80) {
        return Letter::A;
    }
    if (score >= 65) {
        return Letter::B;
    }
    if (score >= 50) {
        return Letter::C;
    }
    if (score >= 35) {
        return Letter::D;
    }
    if (score >= 20) {
        return Letter::E;
    }
    return Letter::F;
}

/// 3DES has 168 key bits but 112 bits of security (meet in the middle); SSL Labs shows 112.
int effective_bits(std::string_view encryption, int bits) {
    if (encryption.find("3DES") != std::string_view::npos) {
        return std::min(bits, 112);
    }
    return bits;
}

/// RSA-equivalent strength of a certificate key (NIST SP 800-57 Part 1, table 2).
int certificate_strength(const CertificateSummary& cert) {
    const int bits = cert.key_bits;
    if (cert.key_type == "RSA" || cert.key_type == "DSA" || cert.key_type == "DH" ||
        cert.key_type.empty()) {
        return bits;
    }
    if (cert.key_type == "Ed25519") {
        return 3072;
    }
    if (cert.key_type == "Ed448") {
        return 7680;
    }
    // EC and other elliptic-curve keys: map the field size.
    if (bits >= 512) {
        return 15360;
    }
    if (bits >= 384) {
        return 7680;
    }
    if (bits >= 256) {
        return 3072;
    }
    if (bits >= 224) {
        return 2048;
    }
    if (bits >= 160) {
        return 1024;
    }
    return bits > 0 ? 512 : 0;
}

/// The smallest certificate key strength, preferring keys of `key_type` when any exist.
std::optional<int> weakest_certificate(const TlsScan& scan, std::string_view key_type) {
    std::optional<int> typed;
    std::optional<int> any;
    for (const CertificateSummary& cert : scan.certificates) {
        if (cert.key_bits <= 0) {
            continue;
        }
        const int strength = certificate_strength(cert);
        any = std::min(any.value_or(strength), strength);
        if (cert.key_type == key_type) {
            typed = std::min(typed.value_or(strength), strength);
        }
    }
    return typed ? typed : any;
}

/// The weakest accepted group in RSA-equivalent bits, among finite-field groups (`ffdhe`),
/// elliptic curves (`!ffdhe`) or, with `tls13`, every TLS 1.3 group.
std::optional<int> weakest_group(const TlsScan& scan, bool ffdhe, bool tls13) {
    std::optional<int> weakest;
    for (const std::uint16_t code : scan.key_exchange.groups) {
        const NamedGroup* group = find_named_group(code);
        if (group == nullptr || group->rsa_equivalent_bits <= 0) {
            continue;
        }
        if (!tls13 && group->ffdhe != ffdhe) {
            continue;
        }
        weakest =
            std::min(weakest.value_or(group->rsa_equivalent_bits), group->rsa_equivalent_bits);
    }
    return weakest;
}

/// Key exchange points for one accepted suite; nullopt when its strength cannot be known
/// (PSK, SRP, Kerberos, or nothing observed for it).
std::optional<int> suite_key_exchange_points(const TlsScan& scan, const CipherSuite& suite) {
    if (suite.is_anon || suite.authentication == "anon" || suite.key_exchange == "NULL") {
        return 0;
    }
    if (suite.is_export) {
        // Export key exchange is limited to 512 bits: 40 in the guide, 20 when even smaller.
        const int seen = suite.key_exchange == "RSA" ? scan.key_exchange.export_rsa_bits
                                                     : scan.key_exchange.smallest_dh_bits;
        return seen > 0 && seen < 512 ? 20 : 40;
    }
    std::optional<int> bits;
    const std::string_view kx = suite.key_exchange;
    if (kx == "RSA") {
        bits = weakest_certificate(scan, "RSA");
    } else if (kx == "DH" || kx == "ECDH") {
        bits = weakest_certificate(scan, kx == "DH" ? "DH" : "EC");
    } else if (kx == "DHE") {
        if (scan.key_exchange.smallest_dh_bits > 0) {
            bits = scan.key_exchange.smallest_dh_bits;
        } else {
            bits = weakest_group(scan, true, false);
        }
    } else if (kx == "ECDHE") {
        bits = weakest_group(scan, false, false);
    } else if (kx == "any") {
        bits = weakest_group(scan, false, true);
    }
    if (!bits) {
        return std::nullopt;
    }
    return key_exchange_points(*bits);
}

struct Accepted {
    std::optional<Protocol> best;
    std::optional<Protocol> worst;
    std::vector<const CipherSuite*> suites;  ///< every accepted TLS/SSLv3 suite, all protocols
    std::vector<const Sslv2Cipher*> sslv2;
};

Accepted collect_accepted(const TlsScan& scan) {
    Accepted out;
    for (const Protocol protocol : kAllProtocols) {
        const ProtocolSupport& support = scan.protocol(protocol);
        if (!support.accepted) {
            continue;
        }
        if (!out.worst) {
            out.worst = protocol;
        }
        out.best = protocol;
        for (const std::uint16_t code : support.suites) {
            if (const CipherSuite* suite = find_cipher_suite(code)) {
                out.suites.push_back(suite);
            }
        }
        for (const std::uint32_t code : support.sslv2_cipher_specs) {
            if (const Sslv2Cipher* cipher = find_sslv2_cipher(code)) {
                out.sslv2.push_back(cipher);
            }
        }
    }
    return out;
}

template <typename Pred>
bool any_of_suites(const Accepted& accepted, Pred pred) {
    return std::any_of(accepted.suites.begin(), accepted.suites.end(), [&](const CipherSuite* s) {
        return pred(*s);
    });
}

/// SSL Labs penalises 64-bit block ciphers only when a modern client would negotiate them with
/// TLS 1.1 or newer. Without browser simulation: the server enforces its order and puts such a
/// suite first, or offers nothing else on that protocol.
bool modern_client_gets_64bit_block(const TlsScan& scan) {
    for (const Protocol protocol : {Protocol::Tls11, Protocol::Tls12}) {
        const ProtocolSupport& support = scan.protocol(protocol);
        if (!support.accepted || support.suites.empty()) {
            continue;
        }
        const bool all_64bit =
            std::all_of(support.suites.begin(), support.suites.end(), [](std::uint16_t s) {
                return has_64bit_block_cipher(s);
            });
        const bool first_64bit = support.server_preference.value_or(false) &&
                                 has_64bit_block_cipher(support.suites.front());
        if (all_64bit || first_64bit) {
            return true;
        }
    }
    return false;
}

/// The server enforces an order on its best protocol up to TLS 1.2 and puts a suite without
/// forward secrecy first, so modern clients end up without it (SSL Labs' reference browsers).
bool forward_secrecy_not_preferred(const TlsScan& scan, const Accepted& accepted) {
    if (!accepted.best || *accepted.best == Protocol::Tls13) {
        return false;
    }
    const ProtocolSupport& support = scan.protocol(*accepted.best);
    if (support.suites.empty() || !support.server_preference.value_or(false)) {
        return false;
    }
    const CipherSuite* first = find_cipher_suite(support.suites.front());
    return first != nullptr && !first->forward_secret;
}

class Grader {
public:
    explicit Grader(Letter start) : letter_(start) {}

    void cap(bool condition, Letter limit, std::string_view what) {
        if (!condition) {
            return;
        }
        letter_ = std::min(letter_, limit);
        reasons_.push_back(std::string(what) + ": capped at " + std::string(name_of(limit)));
    }

    void note(std::string line) { reasons_.push_back(std::move(line)); }

    Letter letter() const { return letter_; }

    void set(Letter letter) { letter_ = letter; }

    std::vector<std::string> take_reasons() { return std::move(reasons_); }

private:
    Letter letter_;
    std::vector<std::string> reasons_;
};

}  // namespace

int protocol_points(Protocol protocol) {
    switch (protocol) {
        case Protocol::Ssl2:
            return 0;
        case Protocol::Ssl3:
            return 80;
        case Protocol::Tls10:
            return 90;
        case Protocol::Tls11:
            return 95;
        case Protocol::Tls12:
        case Protocol::Tls13:
            return 100;
    }
    return 0;
}

int key_exchange_points(int rsa_equivalent_bits) {
    if (rsa_equivalent_bits <= 0) {
        return 0;
    }
    if (rsa_equivalent_bits < 512) {
        return 20;
    }
    if (rsa_equivalent_bits < 1024) {
        return 40;
    }
    if (rsa_equivalent_bits < 2048) {
        return 80;
    }
    if (rsa_equivalent_bits < 4096) {
        return 90;
    }
    return 100;
}

int cipher_points(int bits) {
    if (bits <= 0) {
        return 0;
    }
    if (bits < 128) {
        return 20;
    }
    if (bits < 256) {
        return 80;
    }
    return 100;
}

std::string_view letter_for_score(int score) {
    return name_of(letter_of_score(score));
}

Grade compute_grade(const TlsScan& scan) {
    Grade grade;
    if (scan.status != TargetStatus::Ok) {
        grade.reasons.emplace_back("scan did not succeed: no grade");
        return grade;
    }
    const Accepted accepted = collect_accepted(scan);
    if (!accepted.best || !accepted.worst) {
        grade.reasons.emplace_back("no protocol accepted: no grade");
        return grade;
    }

    // 1. Protocol support: the average of the best and the worst protocol.
    const double protocol_score =
        (protocol_points(*accepted.best) + protocol_points(*accepted.worst)) / 2.0;

    // 2. Key exchange: the weakest key exchange of any accepted suite.
    std::optional<int> kx_score;
    for (const CipherSuite* suite : accepted.suites) {
        if (const auto points = suite_key_exchange_points(scan, *suite)) {
            kx_score = std::min(kx_score.value_or(*points), *points);
        }
    }
    for (const Sslv2Cipher* cipher : accepted.sslv2) {
        // SSLv2 uses RSA key transport with the certificate key; export kinds are limited to
        // 512 bits.
        std::optional<int> points;
        if (cipher->is_export) {
            points = 40;
        } else if (const auto bits = weakest_certificate(scan, "RSA")) {
            points = key_exchange_points(*bits);
        }
        if (points) {
            kx_score = std::min(kx_score.value_or(*points), *points);
        }
    }
    bool kx_unknown = false;
    if (!kx_score) {
        if (const auto bits = weakest_certificate(scan, "RSA")) {
            kx_score = key_exchange_points(*bits);
        } else {
            kx_unknown = true;
            kx_score = 0;
        }
    }

    // 3. Cipher strength: the average of the strongest and the weakest cipher's points.
    std::optional<int> strongest;
    std::optional<int> weakest;
    const auto add_cipher = [&](int bits) {
        const int points = cipher_points(bits);
        strongest = std::max(strongest.value_or(points), points);
        weakest = std::min(weakest.value_or(points), points);
    };
    for (const CipherSuite* suite : accepted.suites) {
        add_cipher(suite->is_null ? 0 : effective_bits(suite->encryption, suite->bits));
    }
    for (const Sslv2Cipher* cipher : accepted.sslv2) {
        add_cipher(effective_bits(
            cipher->openssl_name.find("CBC3") != std::string_view::npos ? "3DES" : "",
            cipher->bits));
    }
    const double cipher_score = strongest && weakest ? (*strongest + *weakest) / 2.0 : 0.0;

    grade.protocol_score = static_cast<int>(std::lround(protocol_score));
    grade.key_exchange_score = *kx_score;
    grade.cipher_score = static_cast<int>(std::lround(cipher_score));
    const bool zero_category = protocol_score <= 0.0 || *kx_score == 0 || cipher_score <= 0.0;
    grade.score = zero_category ? 0
                                : static_cast<int>(std::lround(
                                      0.3 * protocol_score + 0.3 * *kx_score + 0.4 * cipher_score));

    Grader g(letter_of_score(grade.score));
    if (g.letter() != Letter::A) {
        g.note("score " + std::to_string(grade.score) + " of 100 gives " +
               std::string(name_of(g.letter())));
    }
    if (kx_unknown) {
        g.note("key exchange strength unknown: scored 0");
    }

    // 4. Caps of the guide's revisions, worst first.
    const Vulnerabilities& v = scan.vulnerabilities;
    const auto accepts = [&](Protocol p) {
        return scan.protocol(p).accepted;
    };
    const int dh_bits = scan.key_exchange.smallest_dh_bits;

    g.cap(accepts(Protocol::Ssl2) || v.drown, Letter::F, "SSLv2 accepted (DROWN)");
    g.cap(v.heartbleed, Letter::F, "vulnerable to Heartbleed");
    const bool export_suites =
        any_of_suites(accepted, [](const CipherSuite& s) { return s.is_export; }) ||
        std::any_of(accepted.sslv2.begin(),
                    accepted.sslv2.end(),
                    [](const Sslv2Cipher* c) { return c->is_export; }) ||
        scan.key_exchange.export_rsa_bits > 0;
    g.cap(export_suites || v.freak, Letter::F, "export cipher suites accepted (FREAK, Logjam)");
    g.cap(
        any_of_suites(accepted,
                      [](const CipherSuite& s) { return s.is_anon || s.authentication == "anon"; }),
        Letter::F,
        "anonymous cipher suites accepted");
    g.cap(any_of_suites(accepted, [](const CipherSuite& s) { return s.is_null; }),
          Letter::F,
          "NULL (unencrypted) cipher suites accepted");
    g.cap(dh_bits > 0 && dh_bits < 1024,
          Letter::F,
          "DH parameters of " + std::to_string(dh_bits) + " bits (below 1024)");

    // Certificate key and signature, over every chain the server presented.
    int weakest_key = 0;
    bool md5 = false;
    for (const CertificateSummary& cert : scan.certificates) {
        if (cert.key_bits > 0) {
            const int strength = certificate_strength(cert);
            weakest_key = weakest_key == 0 ? strength : std::min(weakest_key, strength);
        }
        md5 = md5 || cert.signature_hash == "MD5";
    }
    g.cap(weakest_key > 0 && weakest_key < 1024,
          Letter::F,
          "certificate key below 1024 bits (RSA equivalent)");
    g.cap(md5, Letter::F, "certificate signed with MD5");

    g.cap(v.insecure_renegotiation, Letter::C, "no secure renegotiation (RFC 5746)");
    g.cap(v.crime, Letter::C, "TLS compression enabled (CRIME)");
    g.cap(v.poodle, Letter::C, "SSLv3 accepted with CBC suites (POODLE)");
    g.cap(v.rc4, Letter::C, "RC4 accepted");
    g.cap(modern_client_gets_64bit_block(scan),
          Letter::C,
          "64-bit block cipher (3DES) preferred with TLS 1.1 or newer (SWEET32)");
    g.cap(!accepts(Protocol::Tls12) && !accepts(Protocol::Tls13),
          Letter::C,
          "neither TLS 1.2 nor TLS 1.3 accepted");

    g.cap(accepts(Protocol::Ssl3), Letter::B, "SSLv3 accepted");
    g.cap(accepts(Protocol::Tls10) || accepts(Protocol::Tls11),
          Letter::B,
          "TLS 1.0 or TLS 1.1 accepted");
    g.cap(dh_bits >= 1024 && dh_bits < 2048,
          Letter::B,
          "DH parameters of " + std::to_string(dh_bits) + " bits (below 2048)");
    g.cap(weakest_key >= 1024 && weakest_key < 2048,
          Letter::B,
          "certificate key below 2048 bits (RSA equivalent)");
    g.cap(!any_of_suites(accepted, [](const CipherSuite& s) { return s.forward_secret; }),
          Letter::B,
          "no forward secrecy");
    g.cap(!any_of_suites(accepted, [](const CipherSuite& s) { return s.is_aead; }),
          Letter::B,
          "no AEAD cipher suite");
    const bool chain_incomplete = std::any_of(
        scan.certificates.begin(), scan.certificates.end(), [](const CertificateSummary& c) {
            return c.chain_trusted && !c.chain_complete;
        });
    g.cap(chain_incomplete, Letter::B, "certificate chain incomplete");

    // 5. Warnings: A becomes A-.
    g.cap(v.no_fallback_scsv, Letter::AMinus, "no TLS_FALLBACK_SCSV (downgrade protection)");
    g.cap(forward_secrecy_not_preferred(scan, accepted),
          Letter::AMinus,
          "forward secrecy not preferred");

    // 6. A+: an A without warnings, with TLS 1.3 and a long HSTS policy.
    if (g.letter() == Letter::A) {
        const bool tls13 = accepts(Protocol::Tls13);
        const bool hsts = scan.http && scan.http->hsts_max_age &&
                          *scan.http->hsts_max_age >= kHstsMinMaxAgeForAPlus;
        if (tls13 && hsts) {
            g.set(Letter::APlus);
        } else {
            if (!tls13) {
                g.note("TLS 1.3 not accepted: no A+");
            }
            if (!hsts) {
                g.note("no HSTS with max-age of at least 180 days: no A+");
            }
        }
    }

    // 7. Trust: out of the A-F scale, as SSL Labs shows T and M.
    grade.letter = std::string(name_of(g.letter()));
    std::string trust_problem;
    for (const CertificateSummary& cert : scan.certificates) {
        if (!trust_problem.empty()) {
            break;
        }
        if (cert.expired) {
            trust_problem = "certificate expired";
        } else if (cert.not_yet_valid) {
            trust_problem = "certificate not yet valid";
        } else if (cert.signature_hash == "SHA1") {
            trust_problem = "certificate signed with SHA-1";
        } else if (!cert.chain_trusted) {
            trust_problem =
                "certificate not trusted (" +
                (cert.verify_error.empty() ? std::string("unknown") : cert.verify_error) + ")";
        }
    }
    const bool mismatch = std::any_of(
        scan.certificates.begin(), scan.certificates.end(), [](const CertificateSummary& c) {
            return !c.checked_name.empty() && !c.hostname_match;
        });
    if (grade.letter == "F") {
        // F already says "broken whatever the certificate": a T would hide how bad it is.
        if (!trust_problem.empty()) {
            g.note(trust_problem + " as well");
        }
    } else if (!trust_problem.empty()) {
        g.note(trust_problem + ": shown as T; grade if trusted: " + grade.letter);
        grade.letter = "T";
    } else if (mismatch) {
        g.note("certificate does not match the host name: shown as M; grade if it matched: " +
               grade.letter);
        grade.letter = "M";
    }
    grade.reasons = g.take_reasons();
    return grade;
}

}  // namespace attt::tls

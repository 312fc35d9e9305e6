#include "auditor/cli/tls_scan_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "auditor/cli/table.h"
#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/named_groups.h"
#include "checks/tls/sslv2_ciphers.h"
#include "checks/tls/tls_facts.h"
#include "checks/tls/weaknesses.h"

namespace attt::cli {

namespace {

using tls::Protocol;

class Painter {
public:
    explicit Painter(bool colour) : colour_(colour) {}

    std::string bad(const std::string& text) const { return paint("31", text); }

    std::string good(const std::string& text) const { return paint("32", text); }

private:
    std::string paint(const char* code, const std::string& text) const {
        return colour_ && !text.empty() ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
    }

    bool colour_;
};

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

std::string maybe(const std::optional<bool>& value) {
    return value ? yes_no(*value) : "unknown";
}

/// What is weak about a suite, in a few words; empty when nothing is.
std::string suite_note(const tls::CipherSuite& suite, Protocol protocol) {
    std::vector<std::string> notes;
    if (suite.is_null)
        notes.emplace_back("no encryption");
    if (suite.is_anon)
        notes.emplace_back("anonymous");
    if (suite.is_export)
        notes.emplace_back("export");
    if (suite.is_rc4)
        notes.emplace_back("RC4");
    if (suite.is_des)
        notes.emplace_back("DES");
    if (suite.is_3des)
        notes.emplace_back("3DES (SWEET32)");
    if (suite.is_cbc && (protocol == Protocol::Ssl3 || protocol == Protocol::Tls10)) {
        notes.emplace_back("CBC in " + std::string(tls::protocol_label(protocol)));
    }
    if (!suite.forward_secret && protocol != Protocol::Tls13 && !suite.is_null) {
        notes.emplace_back("no forward secrecy");
    }
    return fmt::format("{}", fmt::join(notes, ", "));
}

void print_suites(const tls::TlsScan& scan, const Painter& paint, std::FILE* out) {
    Table table({"PROTOCOL", "ORDER", "BITS", "CIPHER SUITE", "OPENSSL NAME", "NOTE"});
    for (auto it = scan.protocols.rbegin(); it != scan.protocols.rend(); ++it) {
        const auto& support = *it;
        const std::string label(tls::protocol_label(support.protocol));
        const std::string order = !support.server_preference   ? "-"
                                  : *support.server_preference ? "server"
                                                               : "client";
        for (const auto code : support.suites) {
            const tls::CipherSuite* suite = tls::find_cipher_suite(code);
            if (suite == nullptr) {
                table.add({label, order, "?", tls::suite_name(code), "", ""});
                continue;
            }
            table.add({label,
                       order,
                       std::to_string(suite->bits),
                       std::string(suite->iana_name),
                       std::string(suite->openssl_name),
                       paint.bad(suite_note(*suite, support.protocol))});
        }
        for (const auto code : support.sslv2_cipher_specs) {
            const tls::Sslv2Cipher* cipher = tls::find_sslv2_cipher(code);
            table.add(
                {label,
                 "-",
                 cipher != nullptr ? std::to_string(cipher->bits) : "?",
                 cipher != nullptr ? std::string(cipher->name) : fmt::format("0x{:06X}", code),
                 cipher != nullptr ? std::string(cipher->openssl_name) : "",
                 paint.bad("SSLv2 (DROWN)")});
        }
    }
    table.print(out);
}

void print_protocols(const tls::TlsScan& scan, const Painter& paint, std::FILE* out) {
    std::vector<std::string> parts;
    for (const auto& support : scan.protocols) {
        const bool old = support.protocol <= Protocol::Tls11;
        const std::string word = yes_no(support.accepted);
        parts.push_back(fmt::format("{} {}",
                                    tls::protocol_label(support.protocol),
                                    support.accepted && old ? paint.bad(word) : word));
    }
    fmt::print(out, "Protocols     {}\n", fmt::join(parts, "  "));
}

void print_key_exchange(const tls::TlsScan& scan, std::FILE* out) {
    std::vector<std::string> groups;
    for (const auto code : scan.key_exchange.groups) {
        groups.push_back(tls::group_name(code));
    }
    fmt::print(out,
               "Groups        {}\n",
               groups.empty() ? "none" : fmt::format("{}", fmt::join(groups, ", ")));
    if (scan.key_exchange.smallest_dh_bits > 0) {
        fmt::print(
            out, "DH parameters {} bits (smallest seen)\n", scan.key_exchange.smallest_dh_bits);
    }
}

void print_features(const tls::TlsScan& scan, std::FILE* out) {
    const auto& f = scan.features;
    fmt::print(out,
               "Features      compression {}, secure renegotiation {}, fallback SCSV {}, "
               "session ids {}, tickets {}, OCSP stapling {}, heartbeat {}, ALPN {}\n",
               yes_no(f.compression),
               maybe(f.secure_renegotiation),
               maybe(f.fallback_scsv),
               maybe(f.session_id_resumption),
               maybe(f.session_tickets),
               yes_no(f.ocsp_stapling),
               yes_no(f.heartbeat),
               f.alpn.empty() ? "none" : fmt::format("{}", fmt::join(f.alpn, ", ")));
    if (!scan.negotiated_protocol.empty()) {
        fmt::print(out, "Negotiated    {} {}\n", scan.negotiated_protocol, scan.negotiated_cipher);
    }
}

void print_certificate(const tls::CertificateSummary& cert, const Painter& paint, std::FILE* out) {
    Table table({"", ""});
    table.add(
        {"Certificate",
         fmt::format("{} {} bits, {}", cert.key_type, cert.key_bits, cert.signature_algorithm)});
    table.add({"  subject", cert.subject});
    table.add({"  issuer", cert.issuer});
    table.add({"  names", fmt::format("{}", fmt::join(cert.san, ", "))});
    table.add({"  valid",
               fmt::format("{} to {} ({} days left){}",
                           cert.not_before,
                           cert.not_after,
                           cert.days_left,
                           cert.expired ? paint.bad(" EXPIRED") : "")});
    table.add({"  host name",
               fmt::format("{} {}",
                           cert.checked_name,
                           cert.hostname_match ? "matches" : paint.bad("DOES NOT MATCH"))});
    table.add(
        {"  chain",
         fmt::format("{} sent, {}, {}{}",
                     cert.chain_length,
                     cert.chain_trusted ? paint.good("trusted")
                                        : paint.bad("NOT TRUSTED (" + cert.verify_error + ")"),
                     cert.chain_complete ? "complete" : paint.bad("INCOMPLETE"),
                     cert.self_signed ? ", self-signed" : "")});
    table.add({"  sha256", cert.sha256_fingerprint});
    table.print(out);
}

void print_http(const tls::HttpSummary& http, const Painter& paint, std::FILE* out) {
    if (http.status == 0) {
        fmt::print(out, "HTTP          no answer ({})\n", http.error);
        return;
    }
    fmt::print(out,
               "HTTP          {}; HSTS {}; CSP {}; X-Frame-Options {}; X-Content-Type-Options {}; "
               "Server '{}'{}\n",
               http.status_line,
               http.hsts_max_age
                   ? fmt::format("max-age={}{}",
                                 *http.hsts_max_age,
                                 http.hsts_include_subdomains ? "; includeSubDomains" : "")
                   : paint.bad("missing"),
               http.content_security_policy.empty() ? "missing" : "set",
               http.x_frame_options.empty() ? "missing" : http.x_frame_options,
               http.x_content_type_options.empty() ? "missing" : http.x_content_type_options,
               http.server,
               http.server_discloses_version ? paint.bad(" (discloses its version)") : "");
}

}  // namespace

void print_tls_scan_text(const tls::TlsScan& scan, bool colour, std::FILE* out) {
    const Painter paint(colour);
    const std::string sni = scan.sni.empty() ? "" : fmt::format(" (SNI {})", scan.sni);
    const std::string starttls =
        scan.starttls.empty() ? "" : fmt::format(" STARTTLS {}", scan.starttls);
    fmt::print(out,
               "{}:{}{}{}  {}  {} connections, {} ms\n",
               scan.host,
               scan.port,
               sni,
               starttls,
               scan.status == TargetStatus::Ok ? paint.good("ok")
                                               : paint.bad(std::string(to_string(scan.status))),
               scan.connections,
               scan.elapsed.count());
    if (scan.status != TargetStatus::Ok) {
        fmt::print(out, "  {}\n\n", scan.detail);
        return;
    }
    if (scan.grade) {
        fmt::print(out,
                   "Grade         {} (score {}){}\n",
                   scan.grade->letter,
                   scan.grade->score,
                   scan.grade->reasons.empty()
                       ? ""
                       : fmt::format(": {}", fmt::join(scan.grade->reasons, "; ")));
    }
    print_protocols(scan, paint, out);
    fmt::print(out, "\n");
    print_suites(scan, paint, out);
    fmt::print(out, "\n");
    print_key_exchange(scan, out);
    print_features(scan, out);
    std::vector<std::string> found;
    for (const auto& [name, value] : tls::vulnerability_list(scan.vulnerabilities)) {
        if (value) {
            found.emplace_back(name);
        }
    }
    fmt::print(out,
               "Weaknesses    {}\n",
               found.empty() ? paint.good("none found")
                             : paint.bad(fmt::format("{}", fmt::join(found, ", "))));
    if (scan.http) {
        print_http(*scan.http, paint, out);
    }
    for (const auto& cert : scan.certificates) {
        fmt::print(out, "\n");
        print_certificate(cert, paint, out);
    }
    fmt::print(out, "\n");
}

}  // namespace attt::cli

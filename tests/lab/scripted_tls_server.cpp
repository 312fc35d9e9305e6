#include "tests/lab/scripted_tls_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <list>
#include <random>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "checks/tls/cipher_suite_registry.h"
#include "tests/lab/certificate_authority.h"
#include "tests/lab/loopback_server.h"
#include "tests/lab/openssl_handles.h"
#include "tests/lab/server_flight.h"

namespace attt::lab {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Like LoopbackServer: a prober opens connections mostly one after the other; 32 at once bounds
// the threads, more wait in the listen backlog.
constexpr std::size_t kMaxConcurrentConnections = 32;
constexpr int kListenBacklog = 128;
constexpr int kAcceptPollMs = 100;
// Every wait has a deadline, so a stuck peer holds a worker for a bounded time.
constexpr auto kHelloDeadline = 5s;
constexpr auto kAfterFlightHold = 5s;
constexpr auto kCloseDeadline = 1s;
constexpr auto kSendDeadline = 5s;
constexpr auto kLongHold = 30s;  // Silent, Trickle and EndlessHelloRetry
constexpr auto kTrickleInterval = 100ms;
constexpr auto kRetryInterval = 10ms;
// A hello is at most 64 KiB of handshake in at most 16 records; one read of more is hostile.
constexpr std::size_t kMaxHelloInput = kMaxClientHelloBytes + kMaxClientHelloRecords * 5 + 16384;
// After the flight only heartbeats are answered; records beyond TLS's own limit are not read,
// and a peer that keeps sending is cut off after this much.
constexpr std::size_t kMaxRecordInput = 16384 + 2048;
constexpr std::size_t kMaxInputAfterFlight = std::size_t{1} << 20U;
constexpr std::size_t kGarbageLength = 64;
constexpr std::size_t kManyExtensions = 5000;
constexpr std::uint16_t kFillerExtensionBase = 0x7000;
constexpr std::size_t kTruncatedClaimed = 200;
constexpr std::size_t kTruncatedSent = 20;
constexpr std::size_t kOversizedClaimed = 0xffff;
constexpr int kMinParameterBits = 256;
constexpr int kMaxParameterBits = 16384;

constexpr std::uint16_t kSsl3 = 0x0300;
constexpr std::uint16_t kTls12 = 0x0303;
constexpr std::uint16_t kTls13 = 0x0304;
constexpr std::uint16_t kScsvRenegotiation = 0x00ff;
constexpr std::uint16_t kScsvFallback = 0x5600;
constexpr std::uint16_t kGroupSecp256r1 = 0x0017;
constexpr std::uint16_t kExtStatusRequest = 0x0005;
constexpr std::uint16_t kExtSupportedGroups = 0x000a;
constexpr std::uint16_t kExtEcPointFormats = 0x000b;
constexpr std::uint16_t kExtHeartbeat = 0x000f;
constexpr std::uint16_t kExtSessionTicket = 0x0023;
constexpr std::uint16_t kExtSupportedVersions = 0x002b;
constexpr std::uint16_t kExtKeyShare = 0x0033;
constexpr std::uint16_t kExtRenegotiationInfo = 0xff01;
constexpr std::uint8_t kAlertFatal = 2;
constexpr std::uint8_t kAlertHandshakeFailure = 40;
constexpr std::uint8_t kAlertDecodeError = 50;
constexpr std::uint8_t kAlertProtocolVersion = 70;
constexpr std::uint8_t kAlertInappropriateFallback = 86;
constexpr std::uint16_t kSslv2NoCipherError = 0x0001;

bool contains(const std::vector<std::uint16_t>& values, std::uint16_t value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

bool is_grease(std::uint16_t value) {
    return (value & 0x0f0fU) == 0x0a0aU && (value >> 8U) == (value & 0xffU);
}

bool is_tls13_suite(std::uint16_t code) {
    if (const auto* suite = tls::find_cipher_suite(code)) {
        return suite->key_exchange == "any";
    }
    return (code >> 8U) == 0x13;
}

/// Whether a suite may be chosen at this version: TLS 1.3 suites only in 1.3 and nothing else
/// there; AEAD and SHA-256/384 MAC suites from TLS 1.2 on.
bool suite_fits_version(std::uint16_t code, std::uint16_t version) {
    if (code == kScsvRenegotiation || code == kScsvFallback) {
        return false;
    }
    if (version == kTls13 || is_tls13_suite(code)) {
        return version == kTls13 && is_tls13_suite(code);
    }
    const auto* suite = tls::find_cipher_suite(code);
    const bool tls12_only =
        suite != nullptr && (suite->is_aead || suite->mac == "SHA256" || suite->mac == "SHA384");
    return !tls12_only || version >= kTls12;
}

bool needs_ec_group(std::uint16_t code) {
    const auto* suite = tls::find_cipher_suite(code);
    return suite != nullptr && suite->key_exchange.starts_with("ECDH");
}

/// Groups usable by ECDHE in TLS <= 1.2: the elliptic curves (finite-field and post-quantum
/// groups have codes from 0x0100 on).
bool is_ec_group(std::uint16_t group) {
    return group < 0x0100;
}

template <class Filter>
std::uint16_t choose_group(const ScriptedSpec& spec,
                           const std::vector<std::uint16_t>& client_groups,
                           Filter usable) {
    const auto& first = spec.server_preference ? spec.groups : client_groups;
    const auto& second = spec.server_preference ? client_groups : spec.groups;
    for (const auto group : first) {
        if (usable(group) && contains(second, group)) {
            return group;
        }
    }
    return 0;
}

std::vector<std::uint16_t> client_groups(const ClientHelloInfo& hello) {
    if (!hello.has_extension(kExtSupportedGroups)) {
        return {kGroupSecp256r1};  // RFC 4492 5.1: a client without the extension means P-256
    }
    return hello.supported_groups;
}

std::uint16_t choose_suite(const ScriptedSpec& spec,
                           const ClientHelloInfo& hello,
                           std::uint16_t version,
                           std::uint16_t ec_group) {
    const auto& first = spec.server_preference ? spec.suites : hello.cipher_suites;
    const auto& second = spec.server_preference ? hello.cipher_suites : spec.suites;
    for (const auto code : first) {
        if (!contains(second, code) || !suite_fits_version(code, version)) {
            continue;
        }
        if (version != kTls13 && needs_ec_group(code) && ec_group == 0) {
            continue;
        }
        return code;
    }
    return 0;
}

std::uint16_t highest_tls_version(const ScriptedSpec& spec) {
    std::uint16_t highest = 0;
    for (const auto version : spec.versions) {
        if (version >= kSsl3 && version <= kTls13) {
            highest = std::max(highest, version);
        }
    }
    return highest;
}

/// The version the client asks for at most: its supported_versions, or client_version.
std::uint16_t client_highest_version(const ClientHelloInfo& hello) {
    if (hello.has_extension(kExtSupportedVersions)) {
        std::uint16_t highest = 0;
        for (const auto version : hello.supported_versions) {
            if (!is_grease(version) && version <= kTls13) {
                highest = std::max(highest, version);
            }
        }
        return highest;
    }
    return std::min(hello.client_version, kTls12);
}

/// 0 when no version is common: the server answers alert 70.
std::uint16_t choose_version(const ScriptedSpec& spec, const ClientHelloInfo& hello) {
    const auto accepted = [&](std::uint16_t version) {
        return version >= kSsl3 && version <= kTls13 && contains(spec.versions, version);
    };
    if (hello.has_extension(kExtSupportedVersions)) {
        std::uint16_t best = 0;
        for (const auto version : hello.supported_versions) {
            if (accepted(version)) {
                best = std::max(best, version);
            }
        }
        return best;
    }
    const std::uint16_t asked = std::min(hello.client_version, kTls12);
    if (!spec.downgrade_to_lower_version) {
        return accepted(asked) ? asked : 0;
    }
    std::uint16_t best = 0;
    for (const auto version : spec.versions) {
        if (accepted(version) && version <= asked && version != kTls13) {
            best = std::max(best, version);
        }
    }
    return best;
}

std::uint16_t alert_version(const ClientHelloInfo& hello) {
    return std::clamp(hello.record_version, kSsl3, kTls12);
}

ScriptedAnswer alert_answer(const ClientHelloInfo& hello, std::uint8_t description) {
    ScriptedAnswer answer;
    answer.kind = AnswerKind::Alert;
    answer.alert = description;
    answer.bytes = alert_record(alert_version(hello), kAlertFatal, description);
    return answer;
}

std::array<std::uint8_t, 32> fresh_random() {
    std::random_device device;
    std::array<std::uint8_t, 32> out{};
    for (auto& byte : out) {
        byte = static_cast<std::uint8_t>(device() & 0xffU);
    }
    return out;
}

Bytes u16_bytes(std::uint16_t value) {
    return {static_cast<std::uint8_t>(value >> 8U), static_cast<std::uint8_t>(value & 0xffU)};
}

ScriptedAnswer answer_sslv2(const ScriptedSpec& spec, const ClientHelloInfo& hello) {
    ScriptedAnswer answer;
    if (!contains(spec.versions, kVersionSsl2)) {
        answer.kind = AnswerKind::Close;  // as servers without SSLv2 do
        return answer;
    }
    answer.version = kVersionSsl2;
    const auto& first = spec.server_preference ? spec.sslv2_cipher_specs : hello.sslv2_cipher_specs;
    const auto& second =
        spec.server_preference ? hello.sslv2_cipher_specs : spec.sslv2_cipher_specs;
    for (const auto kind : first) {
        if (std::find(second.begin(), second.end(), kind) != second.end()) {
            answer.sslv2_cipher_specs.push_back(kind);
        }
    }
    if (answer.sslv2_cipher_specs.empty()) {
        answer.kind = AnswerKind::Sslv2Error;
        answer.bytes = sslv2_error(kSslv2NoCipherError);
        return answer;
    }
    answer.kind = AnswerKind::Sslv2ServerHello;
    const std::span<const std::uint8_t> leaf =
        spec.certificate_chain.empty() ? std::span<const std::uint8_t>{}
                                       : std::span<const std::uint8_t>(spec.certificate_chain[0]);
    answer.bytes = sslv2_server_hello(leaf, answer.sslv2_cipher_specs);
    return answer;
}

ScriptedAnswer answer_tls13(const ScriptedSpec& spec, const ClientHelloInfo& hello) {
    ScriptedAnswer answer;
    answer.version = kTls13;
    answer.cipher_suite = choose_suite(spec, hello, kTls13, 0);
    answer.group = choose_group(spec, client_groups(hello), [](std::uint16_t) { return true; });
    if (answer.cipher_suite == 0 || answer.group == 0) {
        return alert_answer(hello, kAlertHandshakeFailure);
    }
    const bool has_share = contains(hello.key_share_groups, answer.group);
    ServerHelloFields fields;
    fields.legacy_version = kTls12;
    fields.random = has_share ? fresh_random() : kHelloRetryRequestRandom;
    fields.session_id = hello.session_id;  // legacy_session_id_echo
    fields.cipher_suite = answer.cipher_suite;
    fields.extensions.push_back({kExtSupportedVersions, u16_bytes(kTls13)});
    Bytes share = u16_bytes(answer.group);
    if (has_share) {
        const Bytes key = dummy_public_key(answer.group);
        const Bytes length = u16_bytes(static_cast<std::uint16_t>(key.size()));
        share.insert(share.end(), length.begin(), length.end());
        share.insert(share.end(), key.begin(), key.end());
    }
    fields.extensions.push_back({kExtKeyShare, std::move(share)});
    answer.kind = has_share ? AnswerKind::Tls13ServerHello : AnswerKind::HelloRetryRequest;
    answer.server_hello = handshake_message(kHandshakeServerHello, server_hello_body(fields));
    answer.bytes = records(kContentHandshake, kTls12, answer.server_hello);
    return answer;
}

std::vector<Extension> tls12_extensions(const ScriptedSpec& spec,
                                        const ClientHelloInfo& hello,
                                        bool ecdhe) {
    std::vector<Extension> out;
    const bool asks_renegotiation =
        hello.offers_suite(kScsvRenegotiation) || hello.has_extension(kExtRenegotiationInfo);
    if (spec.secure_renegotiation && asks_renegotiation) {
        out.push_back({kExtRenegotiationInfo, {0}});  // empty renegotiated_connection
    }
    if (ecdhe && hello.has_extension(kExtEcPointFormats)) {
        out.push_back({kExtEcPointFormats, {1, 0}});  // uncompressed
    }
    if (spec.session_ticket && hello.has_extension(kExtSessionTicket)) {
        out.push_back({kExtSessionTicket, {}});
    }
    if (spec.status_request && hello.has_extension(kExtStatusRequest)) {
        out.push_back({kExtStatusRequest, {}});
    }
    if (spec.heartbeat && hello.has_extension(kExtHeartbeat)) {
        out.push_back({kExtHeartbeat, {1}});  // peer_allowed_to_send
    }
    return out;
}

bool sends_certificate(const tls::CipherSuite* suite) {
    if (suite == nullptr) {
        return true;
    }
    const auto auth = suite->authentication;
    return auth == "RSA" || auth == "DSS" || auth == "ECDSA" || suite->key_exchange == "RSA_PSK";
}

ScriptedAnswer answer_tls12(const ScriptedSpec& spec,
                            const ClientHelloInfo& hello,
                            std::uint16_t version) {
    ScriptedAnswer answer;
    answer.version = version;
    const std::uint16_t ec_group = choose_group(spec, client_groups(hello), is_ec_group);
    answer.cipher_suite = choose_suite(spec, hello, version, ec_group);
    if (answer.cipher_suite == 0) {
        return alert_answer(hello, kAlertHandshakeFailure);
    }
    const auto* suite = tls::find_cipher_suite(answer.cipher_suite);
    const bool ecdhe = needs_ec_group(answer.cipher_suite);
    if (ecdhe) {
        answer.group = ec_group;
    }
    answer.compression = spec.compression && std::find(hello.compression_methods.begin(),
                                                       hello.compression_methods.end(),
                                                       1) != hello.compression_methods.end();
    ServerHelloFields fields;
    fields.legacy_version = version;
    fields.random = fresh_random();
    if (spec.session_id) {
        const auto id = fresh_random();
        fields.session_id.assign(id.begin(), id.end());
    }
    fields.cipher_suite = answer.cipher_suite;
    fields.compression_method = answer.compression ? 1 : 0;
    fields.extensions = tls12_extensions(spec, hello, ecdhe);
    fields.extensions_block = !fields.extensions.empty();
    answer.server_hello = handshake_message(kHandshakeServerHello, server_hello_body(fields));

    Bytes flight = answer.server_hello;
    const auto append = [&flight](const Bytes& message) {
        flight.insert(flight.end(), message.begin(), message.end());
    };
    if (sends_certificate(suite)) {
        append(handshake_message(kHandshakeCertificate, certificate_body(spec.certificate_chain)));
    }
    if (suite != nullptr) {
        const bool anonymous = suite->is_anon;
        const std::span<const std::uint8_t> leaf =
            spec.certificate_chain.empty()
                ? std::span<const std::uint8_t>{}
                : std::span<const std::uint8_t>(spec.certificate_chain[0]);
        const SignatureForm signature = signature_form(version, leaf, anonymous);
        const auto kx = suite->key_exchange;
        if (kx == "DHE" || (kx == "DH" && anonymous)) {
            append(handshake_message(kHandshakeServerKeyExchange,
                                     dhe_key_exchange_body(spec.dh_bits, signature)));
        } else if (kx == "ECDHE" || (kx == "ECDH" && anonymous)) {
            append(handshake_message(kHandshakeServerKeyExchange,
                                     ecdhe_key_exchange_body(answer.group, signature)));
        } else if (kx == "RSA" && suite->is_export) {
            append(
                handshake_message(kHandshakeServerKeyExchange,
                                  rsa_export_key_exchange_body(spec.export_rsa_bits, signature)));
        }
    }
    append(handshake_message(kHandshakeServerHelloDone, {}));
    answer.kind = AnswerKind::ServerFlight;
    answer.bytes = records(kContentHandshake, version, flight);
    return answer;
}

}  // namespace

ScriptedAnswer answer_client_hello(const ScriptedSpec& spec, const ClientHelloInfo& hello) {
    if (hello.format == HelloFormat::Sslv2) {
        return answer_sslv2(spec, hello);
    }
    const std::uint16_t server_highest = highest_tls_version(spec);
    if (spec.fallback_scsv && hello.offers_suite(kScsvFallback) && server_highest != 0 &&
        client_highest_version(hello) < server_highest) {
        return alert_answer(hello, kAlertInappropriateFallback);
    }
    const std::uint16_t version = choose_version(spec, hello);
    if (version == 0) {
        return alert_answer(hello, kAlertProtocolVersion);
    }
    return version == kTls13 ? answer_tls13(spec, hello) : answer_tls12(spec, hello, version);
}

std::vector<std::vector<std::uint8_t>> der_chain_from_pem(const std::string& pem) {
    constexpr std::size_t kMaxChain = 16;  // a real chain has fewer than five
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    std::vector<std::vector<std::uint8_t>> chain;
    while (bio && chain.size() < kMaxChain) {
        X509Ptr x509(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!x509) {
            break;
        }
        unsigned char* der = nullptr;
        const int length = i2d_X509(x509.get(), &der);
        if (length <= 0) {
            break;
        }
        chain.emplace_back(der, der + length);
        OPENSSL_free(der);
    }
    ERR_clear_error();  // the read that ended the loop reports "no start line"
    if (chain.empty()) {
        throw std::runtime_error("scripted lab server: the PEM text holds no certificate");
    }
    return chain;
}

std::vector<std::uint8_t> make_self_signed_der(const std::string& common_name) {
    const auto ca = CertificateAuthority::create("ATTT Scripted Lab");
    CertificateSpec certificate;
    certificate.common_name = common_name;
    certificate.dns_names = {common_name};
    certificate.key = KeyKind::Rsa2048;
    certificate.self_signed = true;
    return der_chain_from_pem(ca.issue(certificate).cert_pem).front();
}

namespace {

/// Owns one file descriptor.
class UniqueFd {
public:
    UniqueFd() = default;

    explicit UniqueFd(int fd) : fd_(fd) {}

    UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset(std::exchange(other.fd_, -1));
        }
        return *this;
    }

    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    ~UniqueFd() { reset(); }

    int get() const { return fd_; }

    void reset(int fd = -1) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = fd;
    }

private:
    int fd_ = -1;
};

enum class Wait {
    Ready,
    Timeout,
    Stopped
};

/// Waits until `fd` has `events`, the deadline passes, or the server stops (`wake_fd` is
/// readable). Bounded by the deadline.
Wait wait_for(int fd, short events, Clock::time_point deadline, int wake_fd) {
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return Wait::Timeout;
        }
        pollfd fds[2] = {{fd, events, 0}, {wake_fd, POLLIN, 0}};
        const int n = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (n < 0 && errno != EINTR) {
            return Wait::Stopped;
        }
        if (n > 0 && fds[1].revents != 0) {
            return Wait::Stopped;
        }
        if (n > 0 && fds[0].revents != 0) {
            return Wait::Ready;
        }
    }
}

/// Sends everything before the deadline; false if the peer went away or time ran out.
bool send_all(int fd, std::span<const std::uint8_t> bytes, Clock::time_point deadline, int wake) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n > 0) {
            bytes = bytes.subspan(static_cast<std::size_t>(n));
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (wait_for(fd, POLLOUT, deadline, wake) != Wait::Ready) {
                return false;
            }
        } else {
            return false;
        }
    }
    return true;
}

/// Reads and discards until the peer closes, the deadline passes or the server stops.
/// Returns false if the peer closed or failed.
bool discard_input(int fd, Clock::time_point deadline, int wake) {
    std::uint8_t sink[4096];
    while (wait_for(fd, POLLIN, deadline, wake) == Wait::Ready) {
        const ssize_t n = ::recv(fd, sink, sizeof sink, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            return false;
        }
    }
    return true;
}

/// FIN, then drain what the peer still sends, so unread input does not turn into a reset.
void close_gracefully(int fd, int wake) {
    ::shutdown(fd, SHUT_WR);
    discard_input(fd, Clock::now() + kCloseDeadline, wake);
}

/// Sleeps for `interval` unless the server stops or the peer closes; false in those cases.
/// Input that arrives meanwhile is read and dropped (bounded by the caller's deadline).
bool pause_while_peer_open(int fd, std::chrono::milliseconds interval, int wake) {
    const auto until = Clock::now() + interval;
    for (;;) {
        const Wait wait = wait_for(fd, POLLIN, until, wake);
        if (wait == Wait::Timeout) {
            return true;
        }
        if (wait == Wait::Stopped) {
            return false;
        }
        std::uint8_t sink[4096];
        const ssize_t n = ::recv(fd, sink, sizeof sink, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            return false;
        }
    }
}

}  // namespace

struct ScriptedTlsServer::State {
    struct Worker {
        std::atomic<bool> done{false};
        std::thread thread;
    };

    ScriptedSpec spec;
    UniqueFd listener;
    UniqueFd wake_read;  // readable once stopping; never drained
    UniqueFd wake_write;
    std::uint16_t port = 0;
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> connections{0};
    std::list<Worker> workers;  // the accept thread's, and after it is joined the destructor's
    std::thread acceptor;

    void accept_loop();
    void start_worker(UniqueFd connection);
    void reap_finished_workers();
    void serve(int fd) const;
    void misbehave(int fd, const HelloRead& read, const ScriptedAnswer& answer) const;
    void after_flight(int fd, Bytes input, std::uint16_t version) const;
    Bytes forced_server_hello(const HelloRead& read,
                              const ScriptedAnswer& answer,
                              std::size_t filler_extensions,
                              std::uint16_t& record_version) const;
};

namespace {

void validate(const ScriptedSpec& spec) {
    if (!is_loopback_address(spec.bind_address)) {
        throw std::invalid_argument("scripted lab server: refusing to bind '" + spec.bind_address +
                                    "': only 127.0.0.0/8 and ::1 are allowed");
    }
    if (spec.versions.empty()) {
        throw std::invalid_argument("scripted lab server: no versions");
    }
    for (const auto version : spec.versions) {
        if (version != kVersionSsl2 && (version < kSsl3 || version > kTls13)) {
            throw std::invalid_argument("scripted lab server: unknown version " +
                                        std::to_string(version));
        }
    }
    if (highest_tls_version(spec) != 0 && spec.suites.empty()) {
        throw std::invalid_argument("scripted lab server: TLS versions but no suites");
    }
    if (contains(spec.versions, kVersionSsl2) && spec.sslv2_cipher_specs.empty()) {
        throw std::invalid_argument("scripted lab server: SSLv2 but no SSLv2 cipher specs");
    }
    for (const int bits : {spec.dh_bits, spec.export_rsa_bits}) {
        if (bits < kMinParameterBits || bits > kMaxParameterBits) {
            throw std::invalid_argument("scripted lab server: parameter size " +
                                        std::to_string(bits) + " outside 256..16384 bits");
        }
    }
}

}  // namespace

ScriptedTlsServer::ScriptedTlsServer(ScriptedSpec spec) : state_(std::make_unique<State>()) {
    State& s = *state_;
    validate(spec);
    s.spec = std::move(spec);
    if (s.spec.certificate_chain.empty()) {
        s.spec.certificate_chain.push_back(make_self_signed_der("scripted.lab.test"));
    }
    const std::string place = s.spec.bind_address + ":" + std::to_string(s.spec.port);
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        throw std::runtime_error("scripted lab server: pipe: " + std::string(std::strerror(errno)));
    }
    s.wake_read.reset(pipe_fds[0]);
    s.wake_write.reset(pipe_fds[1]);

    const bool v6 = s.spec.bind_address.find(':') != std::string::npos;
    s.listener.reset(
        ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (s.listener.get() < 0) {
        throw std::runtime_error("scripted lab server: socket: " +
                                 std::string(std::strerror(errno)));
    }
    const int one = 1;
    ::setsockopt(s.listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_storage address{};
    socklen_t length = 0;
    if (v6) {
        ::setsockopt(s.listener.get(), IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        sockaddr_in6 a{};
        a.sin6_family = AF_INET6;
        a.sin6_port = htons(s.spec.port);
        ::inet_pton(AF_INET6, s.spec.bind_address.c_str(), &a.sin6_addr);
        std::memcpy(&address, &a, sizeof a);
        length = sizeof a;
    } else {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(s.spec.port);
        ::inet_pton(AF_INET, s.spec.bind_address.c_str(), &a.sin_addr);
        std::memcpy(&address, &a, sizeof a);
        length = sizeof a;
    }
    if (::bind(s.listener.get(), reinterpret_cast<const sockaddr*>(&address), length) != 0 ||
        ::listen(s.listener.get(), kListenBacklog) != 0) {
        throw std::runtime_error("scripted lab server: cannot listen on " + place + ": " +
                                 std::strerror(errno));
    }
    if (::getsockname(s.listener.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("scripted lab server: getsockname: " +
                                 std::string(std::strerror(errno)));
    }
    if (v6) {
        sockaddr_in6 a{};
        std::memcpy(&a, &address, sizeof a);
        s.port = ntohs(a.sin6_port);
    } else {
        sockaddr_in a{};
        std::memcpy(&a, &address, sizeof a);
        s.port = ntohs(a.sin_port);
    }
    s.acceptor = std::thread([&s] { s.accept_loop(); });
}

ScriptedTlsServer::~ScriptedTlsServer() {
    State& s = *state_;
    s.stop.store(true);
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s.wake_write.get(), &byte, 1);
    if (s.acceptor.joinable()) {
        s.acceptor.join();
    }
    for (auto& worker : s.workers) {
        if (worker.thread.joinable()) {
            worker.thread.join();
        }
    }
    s.workers.clear();
}

std::uint16_t ScriptedTlsServer::port() const {
    return state_->port;
}

std::size_t ScriptedTlsServer::connections() const {
    return state_->connections.load();
}

void ScriptedTlsServer::State::accept_loop() {
    // A peer that hangs up mid-answer must not raise SIGPIPE in the test process: blocked here
    // and so in every worker (which inherits the mask); sends also pass MSG_NOSIGNAL.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);

    while (!stop.load()) {
        reap_finished_workers();
        const bool full = workers.size() >= kMaxConcurrentConnections;
        pollfd fds[2] = {{wake_read.get(), POLLIN, 0}, {listener.get(), POLLIN, 0}};
        const int n = ::poll(fds, full ? 1 : 2, kAcceptPollMs);
        if (n <= 0 || fds[0].revents != 0) {
            continue;
        }
        if (full || (fds[1].revents & POLLIN) == 0) {
            continue;
        }
        UniqueFd connection(
            ::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
        if (connection.get() < 0) {
            if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED) {
                pollfd wake{wake_read.get(), POLLIN, 0};
                ::poll(&wake, 1, kAcceptPollMs);
            }
            continue;
        }
        connections.fetch_add(1);
        start_worker(std::move(connection));
    }
}

void ScriptedTlsServer::State::start_worker(UniqueFd connection) {
    Worker& worker = workers.emplace_back();
    try {
        worker.thread =
            std::thread([this, fd = std::move(connection), &done = worker.done]() mutable {
                try {
                    serve(fd.get());
                } catch (...) {
                    // A failing connection is the prober's business, never the lab's crash.
                }
                ERR_clear_error();
                fd.reset();
                done.store(true, std::memory_order_release);
            });
    } catch (const std::system_error&) {
        workers.pop_back();
    }
}

void ScriptedTlsServer::State::reap_finished_workers() {
    for (auto it = workers.begin(); it != workers.end();) {
        if (it->done.load(std::memory_order_acquire)) {
            it->thread.join();
            it = workers.erase(it);
        } else {
            ++it;
        }
    }
}

void ScriptedTlsServer::State::serve(int fd) const {
    const int wake = wake_read.get();
    const auto deadline = Clock::now() + kHelloDeadline;
    Bytes input;
    HelloRead read;
    bool peer_closed = false;
    while (read.status == HelloStatus::Incomplete && input.size() < kMaxHelloInput) {
        if (wait_for(fd, POLLIN, deadline, wake) != Wait::Ready) {
            break;
        }
        std::uint8_t chunk[16384];
        const std::size_t room = std::min(sizeof chunk, kMaxHelloInput - input.size());
        const ssize_t n = ::recv(fd, chunk, room, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            peer_closed = true;
            break;
        }
        if (n > 0) {
            input.insert(input.end(), chunk, chunk + n);
            read = parse_client_hello(input);
        }
    }
    if (input.empty() || stop.load()) {
        return;  // nothing to answer: the peer left, stayed silent, or the lab stops
    }
    const ScriptedAnswer answer = read.status == HelloStatus::Complete
                                      ? answer_client_hello(spec, read.hello)
                                      : ScriptedAnswer{};
    if (spec.misbehaviour != Misbehaviour::None) {
        misbehave(fd, read, answer);
        return;
    }
    if (read.status != HelloStatus::Complete) {
        if (!input.empty() && input[0] == kContentHandshake &&
            read.status == HelloStatus::Malformed) {
            send_all(fd,
                     alert_record(0x0301, kAlertFatal, kAlertDecodeError),
                     Clock::now() + kSendDeadline,
                     wake);
        }
        if (!peer_closed) {
            close_gracefully(fd, wake);
        }
        return;
    }
    if (!send_all(fd, answer.bytes, Clock::now() + kSendDeadline, wake)) {
        return;
    }
    if (answer.kind == AnswerKind::ServerFlight) {
        input.erase(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(read.consumed));
        after_flight(fd, std::move(input), answer.version);
        return;
    }
    if (answer.kind == AnswerKind::Tls13ServerHello) {
        // A TLS 1.3 client now waits for EncryptedExtensions, which a script cannot encrypt:
        // end the handshake at once, as a server that cannot go on would, not after a stall.
        send_all(fd,
                 alert_record(0x0303, kAlertFatal, kAlertHandshakeFailure),
                 Clock::now() + kSendDeadline,
                 wake);
        close_gracefully(fd, wake);
        return;
    }
    if (answer.kind == AnswerKind::HelloRetryRequest) {
        // Stop here: a client that goes on (a second ClientHello, Finished) gets a fatal alert
        // at once, as a server that cannot continue would send, instead of a 5 s stall.
        if (wait_for(fd, POLLIN, Clock::now() + kAfterFlightHold, wake) == Wait::Ready) {
            send_all(fd,
                     alert_record(0x0303, kAlertFatal, kAlertHandshakeFailure),
                     Clock::now() + kSendDeadline,
                     wake);
        }
        close_gracefully(fd, wake);
        return;
    }
    close_gracefully(fd, wake);
}

void ScriptedTlsServer::State::after_flight(int fd, Bytes input, std::uint16_t version) const {
    const int wake = wake_read.get();
    const auto deadline = Clock::now() + kAfterFlightHold;
    std::size_t total = input.size();
    for (;;) {
        // Answer every complete record in the buffer.
        while (input.size() >= 5) {
            const std::size_t length = (static_cast<std::size_t>(input[3]) << 8U) | input[4];
            if (length > kMaxRecordInput) {
                close_gracefully(fd, wake);
                return;
            }
            if (input.size() < 5 + length) {
                break;
            }
            const std::span<const std::uint8_t> fragment(input.data() + 5, length);
            if (input[0] != kContentHeartbeat) {
                // The client goes on with its key exchange, which a script cannot finish: a
                // fatal alert now, as a real server that cannot continue sends, not a stall.
                send_all(fd,
                         alert_record(version, kAlertFatal, kAlertHandshakeFailure),
                         Clock::now() + kSendDeadline,
                         wake);
                close_gracefully(fd, wake);
                return;
            }
            if (input[0] == kContentHeartbeat && fragment.size() >= 3 && fragment[0] == 1) {
                const auto claimed = static_cast<std::uint16_t>((fragment[1] << 8U) | fragment[2]);
                const auto payload = fragment.subspan(3);
                const bool overlong = 3U + claimed + 16U > fragment.size();
                if (spec.heartbleed || (spec.heartbeat && !overlong)) {
                    const Bytes response = heartbeat_response(claimed, payload);
                    if (!send_all(fd,
                                  records(kContentHeartbeat, version, response),
                                  Clock::now() + kSendDeadline,
                                  wake)) {
                        return;
                    }
                }
            }
            input.erase(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(5 + length));
        }
        if (total > kMaxInputAfterFlight || wait_for(fd, POLLIN, deadline, wake) != Wait::Ready) {
            break;
        }
        std::uint8_t chunk[4096];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            return;  // the client closed: so do we
        }
        if (n > 0) {
            input.insert(input.end(), chunk, chunk + n);
            total += static_cast<std::size_t>(n);
        }
    }
    close_gracefully(fd, wake);
}

Bytes ScriptedTlsServer::State::forced_server_hello(const HelloRead& read,
                                                    const ScriptedAnswer& answer,
                                                    std::size_t filler_extensions,
                                                    std::uint16_t& record_version) const {
    const bool tls13 =
        answer.kind == AnswerKind::Tls13ServerHello || answer.kind == AnswerKind::HelloRetryRequest;
    const bool negotiated = tls13 || answer.kind == AnswerKind::ServerFlight;
    if (negotiated && filler_extensions == 0) {
        record_version = tls13 ? kTls12 : answer.version;
        return answer.server_hello;
    }
    ServerHelloFields fields;
    fields.random = fresh_random();
    if (negotiated) {
        fields.legacy_version = tls13 ? kTls12 : answer.version;
        fields.cipher_suite = answer.cipher_suite;
    } else {
        // Nothing was negotiated (or the hello was unreadable): any plausible ServerHello.
        const auto client = read.hello.client_version;
        fields.legacy_version =
            client >= kSsl3 ? std::min(client, kTls12) : std::max(highest_tls_version(spec), kSsl3);
        fields.legacy_version = std::min(fields.legacy_version, kTls12);
        fields.cipher_suite =
            read.hello.cipher_suites.empty()
                ? spec.suites.empty() ? std::uint16_t{0x002f} : spec.suites.front()
                : read.hello.cipher_suites.front();
    }
    if (tls13) {
        fields.session_id = read.hello.session_id;
        fields.extensions.push_back({kExtSupportedVersions, u16_bytes(kTls13)});
        Bytes share = u16_bytes(answer.group);
        const Bytes key = dummy_public_key(answer.group);
        const Bytes length = u16_bytes(static_cast<std::uint16_t>(key.size()));
        share.insert(share.end(), length.begin(), length.end());
        share.insert(share.end(), key.begin(), key.end());
        fields.extensions.push_back({kExtKeyShare, std::move(share)});
    }
    std::uint16_t type = kFillerExtensionBase;
    for (std::size_t i = 0; i < filler_extensions; ++type) {
        if (!is_grease(type)) {
            fields.extensions.push_back({type, {}});
            ++i;
        }
    }
    record_version = fields.legacy_version;
    return handshake_message(kHandshakeServerHello, server_hello_body(fields));
}

void ScriptedTlsServer::State::misbehave(int fd,
                                         const HelloRead& read,
                                         const ScriptedAnswer& answer) const {
    const int wake = wake_read.get();
    std::uint16_t record_version = kTls12;
    switch (spec.misbehaviour) {
        case Misbehaviour::None:
            return;
        case Misbehaviour::Garbage: {
            constexpr std::string_view kText =
                "ATTT lab: this answer is deliberately not TLS, nor SSLv2 at all!";
            static_assert(kText.size() == kGarbageLength);
            const auto* data = reinterpret_cast<const std::uint8_t*>(kText.data());
            send_all(fd, {data, kText.size()}, Clock::now() + kSendDeadline, wake);
            close_gracefully(fd, wake);
            return;
        }
        case Misbehaviour::Reset: {
            const linger hard{1, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            return;  // the worker closes the socket: with linger 0 that sends RST
        }
        case Misbehaviour::Silent:
            discard_input(fd, Clock::now() + kLongHold, wake);
            return;
        case Misbehaviour::Trickle: {
            const Bytes hello = forced_server_hello(read, answer, 0, record_version);
            const Bytes record = records(kContentHandshake, record_version, hello);
            const auto until = Clock::now() + kLongHold;
            for (const auto byte : record) {
                if (Clock::now() > until || !send_all(fd, {&byte, 1}, until, wake) ||
                    !pause_while_peer_open(
                        fd,
                        std::chrono::duration_cast<std::chrono::milliseconds>(kTrickleInterval),
                        wake)) {
                    return;
                }
            }
            discard_input(fd, Clock::now() + kAfterFlightHold, wake);
            return;
        }
        case Misbehaviour::OversizedRecord: {
            Bytes out{kContentHandshake, 0x03, 0x03, 0xff, 0xff};
            Bytes hello = forced_server_hello(read, answer, 0, record_version);
            hello.resize(kOversizedClaimed, static_cast<std::uint8_t>('A'));
            out.insert(out.end(), hello.begin(), hello.end());
            send_all(fd, out, Clock::now() + kSendDeadline, wake);
            close_gracefully(fd, wake);
            return;
        }
        case Misbehaviour::TruncatedRecord: {
            Bytes hello = forced_server_hello(read, answer, 0, record_version);
            hello.resize(kTruncatedSent, 0);
            Bytes out{kContentHandshake,
                      static_cast<std::uint8_t>(record_version >> 8U),
                      static_cast<std::uint8_t>(record_version & 0xffU),
                      0x00,
                      static_cast<std::uint8_t>(kTruncatedClaimed)};
            out.insert(out.end(), hello.begin(), hello.end());
            send_all(fd, out, Clock::now() + kSendDeadline, wake);
            close_gracefully(fd, wake);
            return;
        }
        case Misbehaviour::ManyExtensions: {
            const Bytes hello = forced_server_hello(read, answer, kManyExtensions, record_version);
            if (send_all(fd,
                         records(kContentHandshake, record_version, hello),
                         Clock::now() + kSendDeadline,
                         wake)) {
                discard_input(fd, Clock::now() + kAfterFlightHold, wake);
            }
            return;
        }
        case Misbehaviour::EndlessHelloRetry: {
            ServerHelloFields fields;
            fields.random = kHelloRetryRequestRandom;
            fields.session_id = read.hello.session_id;
            fields.cipher_suite = 0x1301;
            for (const auto code : spec.suites) {
                if (is_tls13_suite(code)) {
                    fields.cipher_suite = code;
                    break;
                }
            }
            std::uint16_t group = answer.group != 0     ? answer.group
                                  : spec.groups.empty() ? kGroupSecp256r1
                                                        : spec.groups.front();
            fields.extensions.push_back({kExtSupportedVersions, u16_bytes(kTls13)});
            fields.extensions.push_back({kExtKeyShare, u16_bytes(group)});
            const Bytes record =
                records(kContentHandshake,
                        kTls12,
                        handshake_message(kHandshakeServerHello, server_hello_body(fields)));
            const auto until = Clock::now() + kLongHold;
            while (Clock::now() < until) {
                if (!send_all(fd, record, until, wake) ||
                    !pause_while_peer_open(
                        fd,
                        std::chrono::duration_cast<std::chrono::milliseconds>(kRetryInterval),
                        wake)) {
                    return;
                }
            }
            return;
        }
    }
}

}  // namespace attt::lab

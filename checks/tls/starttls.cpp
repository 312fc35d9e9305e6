#include "checks/tls/starttls.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

namespace attt::tls {

namespace {

// What a server may send before it agrees to start TLS. Real preambles are a greeting and an
// EHLO answer of a few hundred bytes; 8 KiB and 64 lines leave room for a long EHLO list and
// a multi-line FTP banner while stopping a peer that talks forever.
constexpr std::size_t kMaxPreambleBytes = 8U << 10U;
constexpr int kMaxPreambleLines = 64;
// One reply line: RFC 5321 allows 512 bytes for SMTP; IMAP and FTP lines are shorter in
// practice. Twice that tolerates chatty banners.
constexpr std::size_t kMaxLineBytes = 1024;
// Server text quoted in a detail: enough to recognise the protocol, never a flood.
constexpr std::size_t kMaxQuotedChars = 80;
// Send attempts for one command: each waits on the socket, so the deadline ends the loop
// first; the cap guards against a socket that keeps reporting ready without progress.
constexpr int kMaxSendRounds = 1'000;

// The LDAP StartTLS ExtendedRequest (RFC 4511 4.12, 4.14): LDAPMessage { messageID 1,
// [APPLICATION 23] { [0] "1.3.6.1.4.1.1466.20037" } }, DER-encoded.
constexpr std::string_view kLdapStartTlsOid = "1.3.6.1.4.1.1466.20037";
constexpr std::uint8_t kBerSequence = 0x30;
constexpr std::uint8_t kBerInteger = 0x02;
constexpr std::uint8_t kBerEnumerated = 0x0a;
constexpr std::uint8_t kBerOctetString = 0x04;
constexpr std::uint8_t kLdapExtendedRequest = 0x77;   // [APPLICATION 23], constructed
constexpr std::uint8_t kLdapExtendedResponse = 0x78;  // [APPLICATION 24], constructed
constexpr std::uint8_t kLdapRequestName = 0x80;       // [0], primitive

std::string ldap_starttls_request() {
    std::string name;
    name += static_cast<char>(kLdapRequestName);
    name += static_cast<char>(kLdapStartTlsOid.size());
    name += kLdapStartTlsOid;
    std::string operation;
    operation += static_cast<char>(kLdapExtendedRequest);
    operation += static_cast<char>(name.size());
    operation += name;
    const std::string message_id{static_cast<char>(kBerInteger), 1, 1};
    std::string message;
    message += static_cast<char>(kBerSequence);
    message += static_cast<char>(message_id.size() + operation.size());
    message += message_id;
    message += operation;
    return message;
}

std::string_view protocol_label(StartTls protocol) {
    switch (protocol) {
        case StartTls::Smtp:
            return "SMTP";
        case StartTls::Imap:
            return "IMAP";
        case StartTls::Pop3:
            return "POP3";
        case StartTls::Ftp:
            return "FTP";
        case StartTls::Ldap:
            return "LDAP";
        case StartTls::None:
            break;
    }
    return "plain";
}

/// Server text for a detail: printable ASCII only (others become '.'), at most 80 characters.
std::string quoted(std::string_view text) {
    std::string out;
    for (const char c : text.substr(0, kMaxQuotedChars)) {
        const auto byte = static_cast<unsigned char>(c);
        out += (byte >= 0x20 && byte < 0x7f) ? c : '.';
    }
    if (text.size() > kMaxQuotedChars) {
        out += "...";
    }
    return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    return std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
        const auto lower = [](char c) {
            return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        };
        return lower(a) == lower(b);
    });
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// "250 text", "250-text" or a bare "250": the reply line of SMTP and FTP.
bool is_reply_line(std::string_view line) {
    return line.size() >= 3 && is_digit(line[0]) && is_digit(line[1]) && is_digit(line[2]) &&
           (line.size() == 3 || line[3] == ' ' || line[3] == '-');
}

int reply_code(std::string_view line) {
    return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

/// A multi-line SMTP or FTP reply: its code and final line.
struct Reply {
    int code = 0;
    std::string last_line;
};

/// One plaintext conversation on a connected socket, with the preamble's budget.
class Conversation {
public:
    Conversation(int fd, StartTls protocol, Deadline deadline, const RunContext& context)
        : fd_(fd), label_(protocol_label(protocol)), deadline_(deadline), context_(context) {}

    std::string_view label() const { return label_; }

    /// `step` names what we wait for, for the timeout detail ("the greeting", "EHLO").
    void set_step(std::string step) { step_ = std::move(step); }

    Attempt<void> send(std::string_view bytes) {
        for (int round = 0; round < kMaxSendRounds && !bytes.empty(); ++round) {
            const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent > 0) {
                bytes.remove_prefix(static_cast<std::size_t>(sent));
                continue;
            }
            if (sent < 0 && errno != EAGAIN && errno != EINTR) {
                return closed();
            }
            if (auto failure = wait(POLLOUT)) {
                return tl::unexpected(std::move(*failure));
            }
        }
        if (!bytes.empty()) {
            return timed_out();
        }
        return {};
    }

    /// One line without its CR LF. Reads exactly up to the line feed and never beyond it,
    /// so the byte after the server's last line (its first TLS byte) stays in the socket.
    Attempt<std::string> read_line() {
        if (++lines_ > kMaxPreambleLines) {
            return scan_failure(TargetStatus::ProtocolError,
                                fmt::format("{} server sent more than {} lines before STARTTLS",
                                            label_,
                                            kMaxPreambleLines));
        }
        std::string line;
        // One byte more than a line may hold, so an overlong line is seen as such.
        std::array<char, kMaxLineBytes + 1> buffer{};
        while (true) {
            if (read_bytes_ >= kMaxPreambleBytes) {
                return too_much(line);
            }
            const std::size_t room =
                std::min(kMaxLineBytes + 1 - line.size(), kMaxPreambleBytes - read_bytes_);
            auto peeked = receive(buffer.data(), room, MSG_PEEK);
            if (!peeked) {
                return tl::unexpected(std::move(peeked.error()));
            }
            const std::string_view seen(buffer.data(), *peeked);
            const auto newline = seen.find('\n');
            const std::size_t take = newline == std::string_view::npos ? seen.size() : newline + 1;
            // The bytes peeked are still queued: this receive takes exactly `take` of them.
            auto taken = receive(buffer.data(), take, 0);
            if (!taken) {
                return tl::unexpected(std::move(taken.error()));
            }
            line.append(buffer.data(), *taken);
            read_bytes_ += *taken;
            if (!line.empty() && line.back() == '\n') {
                line.pop_back();
                if (!line.empty() && line.back() == '\r') {
                    line.pop_back();
                }
                return line;
            }
            if (line.size() > kMaxLineBytes) {
                return scan_failure(
                    TargetStatus::ProtocolError,
                    fmt::format(
                        "{} line longer than {} bytes: '{}'", label_, kMaxLineBytes, quoted(line)));
            }
        }
    }

    /// Exactly `count` bytes (LDAP), within the budget.
    Attempt<std::string> read_exact(std::size_t count) {
        if (count > kMaxPreambleBytes - std::min(read_bytes_, kMaxPreambleBytes)) {
            return too_much({});
        }
        std::string bytes(count, '\0');
        std::size_t have = 0;
        while (have < count) {
            auto got = receive(bytes.data() + have, count - have, 0);
            if (!got) {
                return tl::unexpected(std::move(got.error()));
            }
            have += *got;
            read_bytes_ += *got;
        }
        return bytes;
    }

    /// An SMTP or FTP reply, multi-line ("250-a", "250 b"; FTP's "220-" banner may hold any
    /// text up to the line that starts with "220 "). `first` marks the greeting: a line that
    /// is not a reply there means another protocol (NotTls), later a malformed reply.
    Attempt<Reply> read_reply(bool first) {
        auto line = read_line();
        if (!line) {
            return tl::unexpected(std::move(line.error()));
        }
        if (!is_reply_line(*line)) {
            return malformed(*line, first);
        }
        Reply reply{reply_code(*line), *line};
        if (line->size() > 3 && (*line)[3] == '-') {
            const std::string final_prefix = line->substr(0, 3) + " ";
            while (true) {
                auto next = read_line();
                if (!next) {
                    return tl::unexpected(std::move(next.error()));
                }
                if (*next == line->substr(0, 3) || next->rfind(final_prefix, 0) == 0) {
                    reply.last_line = *next;
                    break;
                }
            }
        }
        return reply;
    }

    tl::unexpected<ScanFailure> malformed(std::string_view line, bool first) const {
        if (first) {
            return not_protocol(line);
        }
        return tl::unexpected(ScanFailure{
            TargetStatus::ProtocolError,
            fmt::format("malformed {} reply to {}: '{}'", label_, step_, quoted(line))});
    }

    tl::unexpected<ScanFailure> not_protocol(std::string_view seen) const {
        return tl::unexpected(ScanFailure{
            TargetStatus::NotTls,
            fmt::format("expected {} {}, got '{}'",
                        label_ == "POP3" ? "a" : "an",
                        label_ == "LDAP" ? "LDAP response" : fmt::format("{} greeting", label_),
                        quoted(seen))});
    }

    tl::unexpected<ScanFailure> refused(std::string_view what, std::string_view line) const {
        return tl::unexpected(ScanFailure{TargetStatus::ProtocolError,
                                          fmt::format("{} refused: {}", what, quoted(line))});
    }

private:
    /// recv of at most `size` bytes once the socket is readable; 0 bytes (peer closed) is a
    /// failure, so a success always carries at least one byte.
    Attempt<std::size_t> receive(char* data, std::size_t size, int flags) {
        for (int round = 0; round < kMaxSendRounds; ++round) {
            const ssize_t got = ::recv(fd_, data, size, flags);
            if (got > 0) {
                return static_cast<std::size_t>(got);
            }
            if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
                return closed();
            }
            if (auto failure = wait(POLLIN)) {
                return tl::unexpected(std::move(*failure));
            }
        }
        return timed_out();
    }

    std::optional<ScanFailure> wait(short events) const {
        switch (wait_ready(fd_, events, deadline_, context_)) {
            case WaitResult::Ready:
            case WaitResult::Failed:  // the next recv or send reports the cause
                return std::nullopt;
            case WaitResult::TimedOut:
                return timed_out().value();
            case WaitResult::Cancelled:
                return ScanFailure{TargetStatus::Error, "cancelled"};
        }
        return std::nullopt;
    }

    tl::unexpected<ScanFailure> timed_out() const {
        return tl::unexpected(
            ScanFailure{TargetStatus::Timeout,
                        fmt::format("{} STARTTLS: no answer to {} in time", label_, step_)});
    }

    tl::unexpected<ScanFailure> closed() const {
        return tl::unexpected(ScanFailure{
            TargetStatus::ProtocolError,
            fmt::format("{} server closed the connection (waiting for {})", label_, step_)});
    }

    tl::unexpected<ScanFailure> too_much(std::string_view line) const {
        return tl::unexpected(
            ScanFailure{TargetStatus::ProtocolError,
                        fmt::format("{} server sent more than {} bytes before STARTTLS: '{}'",
                                    label_,
                                    kMaxPreambleBytes,
                                    quoted(line))});
    }

    int fd_;
    std::string_view label_;
    Deadline deadline_;
    const RunContext& context_;
    std::string step_ = "the greeting";
    std::size_t read_bytes_ = 0;
    int lines_ = 0;
};

/// SMTP and FTP greet with 220; FTP may first say 120 ("ready in n minutes").
Attempt<void> expect_greeting_220(Conversation& talk, bool allow_120) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto greeting = talk.read_reply(attempt == 0);
        if (!greeting) {
            return tl::unexpected(std::move(greeting.error()));
        }
        if (greeting->code == 220) {
            return {};
        }
        if (!(allow_120 && greeting->code == 120 && attempt == 0)) {
            return talk.refused(fmt::format("{} session", talk.label()), greeting->last_line);
        }
    }
    return talk.refused(fmt::format("{} session", talk.label()), "no 220 after 120");
}

/// Sends `command` and wants `code`; anything else is the server refusing it ("EHLO refused:
/// 502 ...", "STARTTLS refused: 454 ...").
Attempt<void> command_reply(Conversation& talk,
                            std::string_view verb,
                            std::string_view command,
                            int code) {
    talk.set_step(fmt::format("'{}'", verb));
    if (auto sent = talk.send(fmt::format("{}\r\n", command)); !sent) {
        return sent;
    }
    auto reply = talk.read_reply(false);
    if (!reply) {
        return tl::unexpected(std::move(reply.error()));
    }
    if (reply->code != code) {
        return talk.refused(verb, reply->last_line);
    }
    return {};
}

Attempt<void> smtp(Conversation& talk, const std::string& client_name) {
    if (auto greeting = expect_greeting_220(talk, false); !greeting) {
        return greeting;
    }
    // EHLO takes a domain or an address literal; an empty name would be a syntax error.
    const std::string name = client_name.empty() ? "localhost" : client_name;
    if (auto ehlo = command_reply(talk, "EHLO", fmt::format("EHLO {}", quoted(name)), 250); !ehlo) {
        return ehlo;
    }
    return command_reply(talk, "STARTTLS", "STARTTLS", 220);
}

Attempt<void> ftp(Conversation& talk) {
    if (auto greeting = expect_greeting_220(talk, true); !greeting) {
        return greeting;
    }
    return command_reply(talk, "AUTH TLS", "AUTH TLS", 234);
}

Attempt<void> imap(Conversation& talk) {
    auto greeting = talk.read_line();
    if (!greeting) {
        return tl::unexpected(std::move(greeting.error()));
    }
    if (starts_with_ci(*greeting, "* BYE")) {
        return talk.refused("IMAP session", *greeting);
    }
    if (!starts_with_ci(*greeting, "* OK") && !starts_with_ci(*greeting, "* PREAUTH")) {
        return talk.not_protocol(*greeting);
    }
    talk.set_step("'a1 STARTTLS'");
    if (auto sent = talk.send("a1 STARTTLS\r\n"); !sent) {
        return sent;
    }
    // Untagged lines ("* CAPABILITY ...") may come before the tagged answer; the line budget
    // bounds them.
    while (true) {
        auto line = talk.read_line();
        if (!line) {
            return tl::unexpected(std::move(line.error()));
        }
        if (starts_with_ci(*line, "* ")) {
            continue;
        }
        if (starts_with_ci(*line, "a1 OK")) {
            return {};
        }
        if (starts_with_ci(*line, "a1 ")) {
            return talk.refused("STARTTLS", *line);
        }
        return talk.malformed(*line, false);
    }
}

Attempt<void> pop3(Conversation& talk) {
    auto greeting = talk.read_line();
    if (!greeting) {
        return tl::unexpected(std::move(greeting.error()));
    }
    if (starts_with_ci(*greeting, "-ERR")) {
        return talk.refused("POP3 session", *greeting);
    }
    if (!starts_with_ci(*greeting, "+OK")) {
        return talk.not_protocol(*greeting);
    }
    talk.set_step("'STLS'");
    if (auto sent = talk.send("STLS\r\n"); !sent) {
        return sent;
    }
    auto answer = talk.read_line();
    if (!answer) {
        return tl::unexpected(std::move(answer.error()));
    }
    if (starts_with_ci(*answer, "+OK")) {
        return {};
    }
    if (starts_with_ci(*answer, "-ERR")) {
        return talk.refused("STLS", *answer);
    }
    return talk.malformed(*answer, false);
}

/// A bounded BER reader over one received LDAPMessage: definite lengths only, at most two
/// length bytes (the message itself is capped at 8 KiB).
class BerReader {
public:
    explicit BerReader(std::string_view bytes) : bytes_(bytes) {}

    bool empty() const { return bytes_.empty(); }

    /// The content of the next element if its tag is `tag`.
    std::optional<std::string_view> next(std::uint8_t tag) {
        if (bytes_.size() < 2 || static_cast<std::uint8_t>(bytes_[0]) != tag) {
            return std::nullopt;
        }
        std::size_t length = static_cast<std::uint8_t>(bytes_[1]);
        std::size_t header = 2;
        if (length == 0x81 || length == 0x82) {
            const std::size_t count = length & 0x7fU;
            if (bytes_.size() < 2 + count) {
                return std::nullopt;
            }
            length = 0;
            for (std::size_t i = 0; i < count; ++i) {
                length = (length << 8U) | static_cast<std::uint8_t>(bytes_[2 + i]);
            }
            header += count;
        } else if (length > 0x7f) {
            return std::nullopt;
        }
        if (bytes_.size() - header < length) {
            return std::nullopt;
        }
        const std::string_view content = bytes_.substr(header, length);
        bytes_.remove_prefix(header + length);
        return content;
    }

private:
    std::string_view bytes_;
};

std::optional<long> ber_integer(std::optional<std::string_view> content) {
    if (!content || content->empty() || content->size() > 4) {
        return std::nullopt;
    }
    long value = (static_cast<std::uint8_t>((*content)[0]) & 0x80U) != 0 ? -1 : 0;
    for (const char c : *content) {
        value = static_cast<long>((static_cast<unsigned long>(value) << 8U) |
                                  static_cast<std::uint8_t>(c));
    }
    return value;
}

Attempt<void> ldap(Conversation& talk) {
    talk.set_step("the StartTLS extended request");
    if (auto sent = talk.send(ldap_starttls_request()); !sent) {
        return sent;
    }
    // Tag and first length byte, then the long-form length bytes, then the body: every read
    // is exact, so nothing after the response is consumed.
    auto head = talk.read_exact(2);
    if (!head) {
        return tl::unexpected(std::move(head.error()));
    }
    if (static_cast<std::uint8_t>((*head)[0]) != kBerSequence) {
        return talk.not_protocol(*head);
    }
    std::size_t length = static_cast<std::uint8_t>((*head)[1]);
    std::string message = *head;
    if (length == 0x81 || length == 0x82) {
        auto extra = talk.read_exact(length & 0x7fU);
        if (!extra) {
            return tl::unexpected(std::move(extra.error()));
        }
        length = 0;
        for (const char c : *extra) {
            length = (length << 8U) | static_cast<std::uint8_t>(c);
        }
        message += *extra;
    } else if (length > 0x7f) {
        return talk.not_protocol(*head);
    }
    auto body = talk.read_exact(length);
    if (!body) {
        return tl::unexpected(std::move(body.error()));
    }
    message += *body;

    BerReader outer(message);
    auto envelope = outer.next(kBerSequence);
    const auto bad = [&talk] {
        return tl::unexpected(ScanFailure{TargetStatus::ProtocolError,
                                          "malformed LDAP ExtendedResponse to StartTLS"});
    };
    if (!envelope) {
        return bad();
    }
    BerReader fields(*envelope);
    const auto message_id = ber_integer(fields.next(kBerInteger));
    auto response = fields.next(kLdapExtendedResponse);
    if (!message_id || !response) {
        return bad();
    }
    BerReader result(*response);
    const auto code = ber_integer(result.next(kBerEnumerated));
    const auto matched_dn = result.next(kBerOctetString);
    const auto diagnostic = result.next(kBerOctetString);
    if (!code || !matched_dn || !diagnostic) {
        return bad();
    }
    if (*message_id == 0) {
        // An unsolicited notification (RFC 4511 4.4.1): the server is closing the session.
        return talk.refused(
            "LDAP session",
            fmt::format("notice of disconnection, resultCode {} {}", *code, *diagnostic));
    }
    if (*message_id != 1) {
        return bad();
    }
    if (*code != 0) {
        return talk.refused("StartTLS", fmt::format("LDAP resultCode {} {}", *code, *diagnostic));
    }
    return {};
}

}  // namespace

std::optional<StartTls> parse_starttls(std::string_view text) {
    if (text.empty()) {
        return StartTls::None;
    }
    if (text == "smtp" || text == "submission") {
        return StartTls::Smtp;
    }
    if (text == "imap") {
        return StartTls::Imap;
    }
    if (text == "pop3") {
        return StartTls::Pop3;
    }
    if (text == "ftp") {
        return StartTls::Ftp;
    }
    if (text == "ldap") {
        return StartTls::Ldap;
    }
    return std::nullopt;
}

StartTls starttls_for_service(std::string_view service) {
    if (service.empty()) {
        return StartTls::None;  // "" parses as None, but is no service
    }
    return parse_starttls(service).value_or(StartTls::None);
}

std::string_view to_string(StartTls protocol) {
    switch (protocol) {
        case StartTls::None:
            return "";
        case StartTls::Smtp:
            return "smtp";
        case StartTls::Imap:
            return "imap";
        case StartTls::Pop3:
            return "pop3";
        case StartTls::Ftp:
            return "ftp";
        case StartTls::Ldap:
            return "ldap";
    }
    return "";
}

Attempt<void> negotiate_starttls(int fd,
                                 StartTls protocol,
                                 const std::string& client_name,
                                 Deadline deadline,
                                 const RunContext& context) {
    Conversation talk(fd, protocol, deadline, context);
    switch (protocol) {
        case StartTls::None:
            return {};
        case StartTls::Smtp:
            return smtp(talk, client_name);
        case StartTls::Imap:
            return imap(talk);
        case StartTls::Pop3:
            return pop3(talk);
        case StartTls::Ftp:
            return ftp(talk);
        case StartTls::Ldap:
            return ldap(talk);
    }
    return {};
}

}  // namespace attt::tls

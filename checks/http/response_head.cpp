#include "checks/http/response_head.h"

#include <array>

#include <boost/beast/core/buffers_prefix.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <fmt/format.h>

namespace attt::http {

namespace {

namespace beast_http = boost::beast::http;

// One read from the stream; a head usually arrives in one or two.
constexpr std::size_t kReadChunk = 4096;
// Reads for one head: each returns at least one byte, so the byte cap ends the loop; this
// cap only guards a reader that reports progress it did not make.
constexpr int kMaxReads = static_cast<int>(kMaxHeadBytes) + 1;
// Bytes of a non-HTTP answer quoted in the detail.
constexpr std::size_t kQuotedBytes = 60;

std::string printable(std::string_view bytes) {
    std::string out;
    for (const char c : bytes.substr(0, kQuotedBytes)) {
        const auto byte = static_cast<unsigned char>(c);
        out += (byte >= 0x20 && byte < 0x7f) ? c : '.';
    }
    return out;
}

tl::unexpected<tls::ScanFailure> protocol_error(std::string detail) {
    return tls::scan_failure(TargetStatus::ProtocolError, std::move(detail));
}

}  // namespace

tls::Attempt<ResponseHead> read_response_head(const ReadSome& read_some) {
    beast_http::response_parser<beast_http::empty_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(kMaxHeadBytes));
    parser.eager(false);  // stop at the end of the head
    std::string buffer;
    std::array<char, kReadChunk> chunk{};
    for (int round = 0; round < kMaxReads && !parser.is_header_done(); ++round) {
        if (buffer.size() > kMaxHeadBytes) {
            return protocol_error(
                fmt::format("HTTP response head longer than {} bytes", kMaxHeadBytes));
        }
        auto got = read_some(chunk.data(), chunk.size());
        if (!got) {
            return tl::unexpected(std::move(got.error()));
        }
        if (*got == 0) {
            if (buffer.empty()) {
                return protocol_error("the server closed the connection without an HTTP answer");
            }
            return protocol_error(fmt::format(
                "connection closed inside the HTTP response head: '{}'", printable(buffer)));
        }
        buffer.append(chunk.data(), *got);
        boost::beast::error_code error;
        const std::size_t used =
            parser.put(boost::asio::buffer(buffer.data(), buffer.size()), error);
        if (error == beast_http::error::need_more) {
            buffer.erase(0, used);
            continue;
        }
        if (error == beast_http::error::header_limit) {
            return protocol_error(
                fmt::format("HTTP response head longer than {} bytes", kMaxHeadBytes));
        }
        if (error) {
            return protocol_error(
                fmt::format("not an HTTP answer: '{}' ({})", printable(buffer), error.message()));
        }
        buffer.erase(0, used);
    }
    if (!parser.is_header_done()) {
        return protocol_error("HTTP response head not complete");
    }
    const auto& message = parser.get();
    ResponseHead head;
    head.status = static_cast<int>(message.result_int());
    head.status_line =
        fmt::format("HTTP/{}.{} {} {}",
                    message.version() / 10,
                    message.version() % 10,
                    head.status,
                    std::string_view(message.reason().data(), message.reason().size()));
    for (const auto& field : message) {
        if (head.headers.size() == kMaxHeaders) {
            break;
        }
        const auto name = field.name_string();
        const auto value = field.value();
        head.headers.emplace_back(std::string(name.data(), name.size()),
                                  std::string(value.data(), value.size()));
    }
    return head;
}

std::string get_root_request(const std::string& host) {
    return fmt::format(
        "GET / HTTP/1.1\r\nHost: {}\r\nUser-Agent: attt-auditor\r\nAccept: */*\r\n"
        "Connection: close\r\n\r\n",
        host);
}

std::string host_header(const std::string& name, unsigned port, unsigned default_port) {
    const std::string host = name.find(':') != std::string::npos ? "[" + name + "]" : name;
    return port == default_port ? host : fmt::format("{}:{}", host, port);
}

}  // namespace attt::http

// A TLS client stream for the HTTPS probe: one socket, one OpenSSL session over memory BIOs
// (so every byte on the wire goes through send(MSG_NOSIGNAL) and our deadline), read and
// write of application data. No certificate verification: the TLS prober judges certificates.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "auditor/core/run_context.h"
#include "checks/tls/openssl_handles.h"
#include "checks/tls/scan_failure.h"
#include "checks/tls/socket.h"

namespace attt::http {

class TlsStream {
public:
    /// Handshakes over `socket` (connected, non-blocking) with `server_name` as SNI (none
    /// when empty), all within `deadline`. Handshake failure → ProtocolError (NotTls when the
    /// peer does not speak TLS), deadline → Timeout, cancel → Error.
    static tls::Attempt<TlsStream> open(tls::Socket socket,
                                        const std::string& server_name,
                                        tls::Deadline deadline,
                                        const RunContext& context);

    tls::Attempt<void> write_all(std::string_view bytes);
    /// At most `size` bytes of application data; 0 once the peer has closed.
    tls::Attempt<std::size_t> read_some(char* data, std::size_t size);

private:
    TlsStream(tls::Socket socket,
              tls::SslCtxPtr ctx,
              tls::SslPtr ssl,
              tls::Deadline deadline,
              const RunContext& context);

    enum class Io {
        Done,
        Closed
    };
    /// Runs one SSL call until it returns > 0, moving bytes between the BIOs and the socket.
    template <class Call>
    tls::Attempt<int> drive(Call call, std::string_view what);
    tls::Attempt<void> flush();
    tls::Attempt<Io> receive();
    std::optional<tls::ScanFailure> wait(short events) const;

    tls::Socket socket_;
    tls::SslCtxPtr ctx_;
    tls::SslPtr ssl_;
    tls::Deadline deadline_;
    const RunContext* context_;
    std::size_t received_ = 0;
    bool peer_closed_ = false;
};

}  // namespace attt::http

// The HTTP side of an HTTPS endpoint: one TLS connection, "GET /", the response head judged
// by http_headers.h. Called by the TLS collector for https endpoints; its HttpSummary becomes
// http.* facts (http_facts.h) and the "http" object of `auditor tls --json`.
#pragma once

#include "auditor/core/run_context.h"
#include "auditor/inventory/endpoint.h"
#include "checks/tls/tls_scan.h"

namespace attt::http {

/// Opens exactly one TCP connection (context.deadlines.connect), does a TLS handshake with
/// SNI = the endpoint's expected name (none for an IP literal) and no certificate
/// verification, sends "GET / HTTP/1.1" with Host = that name (":port" added unless 443),
/// reads the response head only (at most 64 KiB and 100 fields; the body is not read) and
/// follows no redirect. Handshake, request and head share one deadline,
/// context.deadlines.handshake. Never throws for network trouble: on failure the summary has
/// status 0 and `error` set.
tls::HttpSummary probe_https(const inventory::Endpoint& endpoint, const RunContext& context);

}  // namespace attt::http

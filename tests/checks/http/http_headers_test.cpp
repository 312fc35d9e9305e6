// The header analysis and the http.* facts, without a network: hostile values, duplicates,
// odd spacing and case, caps.
// NOLINTNEXTLINE(readability-identifier-naming): the name Boost.Test expects
#define BOOST_TEST_MODULE http_headers
#include "checks/http/http_headers.h"

#include <limits>
#include <string>

#include <boost/test/unit_test.hpp>

#include "auditor/core/fact_set.h"
#include "auditor/inventory/endpoint_uri.h"
#include "auditor/plan/planner.h"
#include "checks/http/http_facts.h"

namespace {

namespace http = attt::http;

const attt::FactValue& value_of(const attt::FactSet& facts, const std::string& name) {
    const attt::Fact* fact = facts.find(name);
    BOOST_TEST_REQUIRE(fact != nullptr, "fact " << name << " is missing");
    return fact->value;
}

std::int64_t int_of(const attt::FactSet& facts, const std::string& name) {
    return std::get<std::int64_t>(value_of(facts, name));
}

bool bool_of(const attt::FactSet& facts, const std::string& name) {
    return std::get<bool>(value_of(facts, name));
}

std::string string_of(const attt::FactSet& facts, const std::string& name) {
    return std::get<std::string>(value_of(facts, name));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hsts)

BOOST_AUTO_TEST_CASE(reads_max_age_include_subdomains_and_preload) {
    const auto policy = http::parse_hsts("max-age=31536000; includeSubDomains; preload");
    BOOST_TEST(policy.valid);
    BOOST_TEST(policy.max_age == 31536000L);
    BOOST_TEST(policy.include_subdomains);
    BOOST_TEST(policy.preload);
}

BOOST_AUTO_TEST_CASE(directive_names_are_case_insensitive_and_values_may_be_quoted) {
    const auto policy = http::parse_hsts("  MAX-AGE = \"600\" ;INCLUDESUBDOMAINS ;; ");
    BOOST_TEST(policy.valid);
    BOOST_TEST(policy.max_age == 600L);
    BOOST_TEST(policy.include_subdomains);
    BOOST_TEST(!policy.preload);
}

BOOST_AUTO_TEST_CASE(invalid_values_make_the_header_invalid) {
    for (const char* value : {"",
                              "includeSubDomains",
                              "max-age=",
                              "max-age=-1",
                              "max-age=abc",
                              "max-age=1e9",
                              "max-age=\"60",
                              "max-age=60\"",
                              "max-age=600; max-age=700",
                              "max-age=1; includeSubDomains; includesubdomains",
                              "max-age=6 0"}) {
        BOOST_TEST_CONTEXT(value) {
            const auto policy = http::parse_hsts(value);
            BOOST_TEST(!policy.valid);
            BOOST_TEST(policy.max_age == 0L);
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_directives_are_ignored_and_huge_ages_saturate) {
    const auto policy = http::parse_hsts("max-age=99999999999999999999999999; report-uri=\"x\"");
    BOOST_TEST(policy.valid);
    BOOST_TEST(policy.max_age == std::numeric_limits<long>::max());
}

BOOST_AUTO_TEST_CASE(of_several_headers_the_first_counts) {
    const auto summary = http::analyse_response(
        200,
        "HTTP/1.1 200 OK",
        {{"Strict-Transport-Security", "max-age=0"},
         {"strict-transport-security", "max-age=31536000; includeSubDomains"}});
    BOOST_TEST_REQUIRE(summary.hsts_max_age.has_value());
    BOOST_TEST(*summary.hsts_max_age == 0L);
    BOOST_TEST(!summary.hsts_include_subdomains);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(server_and_cookies)

BOOST_AUTO_TEST_CASE(server_version_disclosure) {
    for (const char* value : {"nginx/1.18.0",
                              "Apache/2.4.41 (Ubuntu)",
                              "Microsoft-IIS/10.0",
                              "Apache/2",
                              "Jetty(9.4.43.v20210629)",
                              "openresty/1.21.4.1"}) {
        BOOST_TEST(http::discloses_version(value), value);
    }
    for (const char* value : {"nginx",
                              "Apache",
                              "cloudflare",
                              "AmazonS3",
                              "Microsoft-IIS",
                              "",
                              "gws",
                              "Apache (Win64)"}) {
        BOOST_TEST(!http::discloses_version(value), value);
    }
}

BOOST_AUTO_TEST_CASE(cookie_flags_come_from_attributes_only) {
    const auto all = http::parse_set_cookie("id=1; Secure; HttpOnly; SameSite=Lax");
    BOOST_TEST(all.secure);
    BOOST_TEST(all.http_only);
    BOOST_TEST(all.same_site == "lax");

    const auto in_value = http::parse_set_cookie("secure=httponly; Path=/; Domain=secure.gov.vn");
    BOOST_TEST(!in_value.secure);
    BOOST_TEST(!in_value.http_only);
    BOOST_TEST(in_value.same_site.empty());

    const auto odd = http::parse_set_cookie("a=b;SECURE;httponly  ;samesite=bogus");
    BOOST_TEST(odd.secure);
    BOOST_TEST(odd.http_only);
    BOOST_TEST(odd.same_site.empty());

    const auto none = http::parse_set_cookie("a=b; SameSite = None ; Secure");
    BOOST_TEST(none.same_site == "none");
}

BOOST_AUTO_TEST_CASE(csp_frame_ancestors_is_a_directive_not_a_source) {
    BOOST_TEST(http::csp_has_frame_ancestors("default-src 'self'; frame-ancestors 'none'"));
    BOOST_TEST(http::csp_has_frame_ancestors("default-src 'self', FRAME-ANCESTORS 'self'"));
    BOOST_TEST(!http::csp_has_frame_ancestors("default-src 'self' frame-ancestors"));
    BOOST_TEST(!http::csp_has_frame_ancestors(""));
}

BOOST_AUTO_TEST_CASE(summary_counts_cookies_and_takes_first_singular_headers) {
    const auto summary =
        http::analyse_response(200,
                               "HTTP/1.1 200 OK",
                               {{"Server", "nginx/1.18.0"},
                                {"Server", "hidden"},
                                {"Set-Cookie", "a=1; Secure; HttpOnly; SameSite=Strict"},
                                {"Set-Cookie", "b=2; HttpOnly"},
                                {"SET-COOKIE", "c=3"},
                                {"X-Frame-Options", " DENY "},
                                {"X-Frame-Options", "ALLOWALL"},
                                {"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"},
                                {"Content-Security-Policy", "default-src 'self'"},
                                {"Content-Security-Policy", "frame-ancestors 'none'"}});
    BOOST_TEST(summary.status == 200);
    BOOST_TEST(summary.server == "nginx/1.18.0");
    BOOST_TEST(summary.server_discloses_version);
    BOOST_TEST(summary.cookies == 3);
    BOOST_TEST(summary.cookies_without_secure == 2);
    BOOST_TEST(summary.cookies_without_httponly == 1);
    BOOST_TEST(summary.cookies_without_samesite == 2);
    BOOST_TEST(summary.x_frame_options == "DENY");
    BOOST_TEST(summary.x_content_type_options == "nosniff");
    BOOST_TEST(summary.referrer_policy == "no-referrer");
    BOOST_TEST(summary.content_security_policy == "default-src 'self', frame-ancestors 'none'");
    BOOST_TEST(summary.headers.front().first == "server");
    BOOST_TEST(!summary.hsts_max_age.has_value());
}

BOOST_AUTO_TEST_CASE(header_count_and_value_sizes_are_capped) {
    http::HeaderList many;
    for (int i = 0; i < 150; ++i) {
        many.emplace_back("X-Filler-" + std::to_string(i), std::string(5000, 'v'));
    }
    many.emplace_back("Server", "nginx/1.0");  // beyond the cap: not seen
    const auto summary = http::analyse_response(200, "HTTP/1.1 200 OK", many);
    BOOST_TEST(summary.headers.size() == http::kMaxHeaders);
    BOOST_TEST(summary.headers.front().second.size() <= 1024U);
    BOOST_TEST(summary.server.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(facts)

BOOST_AUTO_TEST_CASE(https_answer_becomes_http_facts) {
    const auto summary = http::analyse_response(
        200,
        "HTTP/1.1 200 OK",
        {{"Strict-Transport-Security", "max-age=15552000; includeSubDomains"},
         {"Server", "Apache/2.4.41 (Ubuntu)"},
         {"X-Powered-By", "PHP/7.4.3"},
         {"Set-Cookie", "sid=1; HttpOnly"},
         {"X-Content-Type-Options", "NoSniff"},
         {"Content-Security-Policy", "frame-ancestors 'self'"}});
    attt::FactSet facts;
    http::add_http_facts(summary, facts, {"127.0.0.1:443", {}});
    BOOST_TEST(int_of(facts, "http.status") == 200);
    BOOST_TEST(bool_of(facts, "http.hsts.present"));
    BOOST_TEST(bool_of(facts, "http.hsts.valid"));
    BOOST_TEST(int_of(facts, "http.hsts.max_age") == 15552000);
    BOOST_TEST(bool_of(facts, "http.hsts.include_subdomains"));
    BOOST_TEST(!bool_of(facts, "http.hsts.preload"));
    BOOST_TEST(bool_of(facts, "http.csp.present"));
    BOOST_TEST(bool_of(facts, "http.csp.frame_ancestors"));
    BOOST_TEST(string_of(facts, "http.x_frame_options").empty());
    BOOST_TEST(string_of(facts, "http.x_content_type_options") == "nosniff");
    BOOST_TEST(string_of(facts, "http.server") == "Apache/2.4.41 (Ubuntu)");
    BOOST_TEST(bool_of(facts, "http.server.discloses_version"));
    BOOST_TEST(bool_of(facts, "http.x_powered_by.discloses_version"));
    BOOST_TEST(int_of(facts, "http.cookies") == 1);
    BOOST_TEST(int_of(facts, "http.cookies.insecure") == 1);
    BOOST_TEST(int_of(facts, "http.cookies.without_httponly") == 0);
    BOOST_TEST(facts.find("http.error") == nullptr);
    const auto& names = std::get<attt::FactList>(value_of(facts, "http.headers"));
    BOOST_TEST(names.size() == 6U);
}

BOOST_AUTO_TEST_CASE(invalid_or_missing_hsts_has_max_age_zero) {
    attt::FactSet facts;
    http::add_http_facts(http::analyse_response(
                             200, "HTTP/1.1 200 OK", {{"Strict-Transport-Security", "max-age=x"}}),
                         facts,
                         {"h:1", {}});
    BOOST_TEST(bool_of(facts, "http.hsts.present"));
    BOOST_TEST(!bool_of(facts, "http.hsts.valid"));
    BOOST_TEST(int_of(facts, "http.hsts.max_age") == 0);
}

BOOST_AUTO_TEST_CASE(a_failed_probe_adds_only_the_error) {
    attt::tls::HttpSummary failed;
    failed.error = "the server does not answer with TLS";
    attt::FactSet facts;
    http::add_http_facts(failed, facts, {"h:1", {}});
    BOOST_TEST(facts.all().size() == 1U);
    BOOST_TEST(string_of(facts, "http.error") == "the server does not answer with TLS");
}

BOOST_AUTO_TEST_CASE(redirect_to_https_needs_a_redirect_status_and_the_same_host) {
    BOOST_TEST(http::redirects_to_https(301, "https://dvc.gov.vn/", "dvc.gov.vn"));
    BOOST_TEST(http::redirects_to_https(308, "HTTPS://DVC.gov.vn:8443/login?x=1", "dvc.gov.vn"));
    BOOST_TEST(http::redirects_to_https(302, "https://dvc.gov.vn.", "dvc.gov.vn"));
    BOOST_TEST(http::redirects_to_https(301, "https://[::1]/", "::1"));
    BOOST_TEST(!http::redirects_to_https(200, "https://dvc.gov.vn/", "dvc.gov.vn"));
    BOOST_TEST(!http::redirects_to_https(301, "http://dvc.gov.vn/", "dvc.gov.vn"));
    BOOST_TEST(!http::redirects_to_https(301, "/login", "dvc.gov.vn"));
    BOOST_TEST(!http::redirects_to_https(301, "https://evil.example/", "dvc.gov.vn"));
    BOOST_TEST(!http::redirects_to_https(301, "https://dvc.gov.vn.evil.example/", "dvc.gov.vn"));
    BOOST_TEST(!http::redirects_to_https(301, "https://dvc.gov.vn@evil.example/", "dvc.gov.vn"));
    BOOST_TEST(!http::redirects_to_https(301, "", "dvc.gov.vn"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(inventory_and_plan)

BOOST_AUTO_TEST_CASE(starttls_and_http_services_are_known) {
    for (const char* uri : {"smtp://127.0.0.1:25",
                            "submission://127.0.0.1:587",
                            "imap://h:143",
                            "pop3://h:110",
                            "ftp://h:21",
                            "ldap://h:389",
                            "http://127.0.0.1:80?sni=dvc.gov.vn"}) {
        BOOST_TEST(attt::inventory::parse_endpoint_uri(uri).has_value(), uri);
    }
    BOOST_TEST(!attt::inventory::parse_endpoint_uri("xmpp://h:5222").has_value());
    BOOST_TEST(attt::inventory::is_plain_http_service("http"));
    BOOST_TEST(!attt::inventory::is_plain_http_service("https"));
}

BOOST_AUTO_TEST_CASE(http_endpoints_become_http_targets_and_the_rest_tls_targets) {
    attt::inventory::System system;
    system.id = "VP-DVC-01";
    for (const char* uri :
         {"http://127.0.0.1:80", "https://127.0.0.1:443", "smtp://127.0.0.1:25"}) {
        system.endpoints.push_back(*attt::inventory::parse_endpoint_uri(uri));
    }
    const auto plan = attt::plan::plan_audit({system});
    BOOST_TEST_REQUIRE(plan.targets.size() == 4U);
    BOOST_TEST(attt::to_string(plan.targets[1].kind) == "http-endpoint");
    BOOST_TEST(attt::to_string(plan.targets[2].kind) == "tls-endpoint");
    BOOST_TEST(attt::to_string(plan.targets[3].kind) == "tls-endpoint");
    BOOST_TEST((attt::parse_target_kind("http-endpoint") == attt::TargetKind::HttpEndpoint));
}

BOOST_AUTO_TEST_SUITE_END()

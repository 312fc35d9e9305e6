// Reports as a reader sees them: input escaped, Vietnamese intact, failures with remediation,
// charts present without JavaScript, JSON that parses back to the same figures.
#define BOOST_TEST_MODULE reports
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "reports/i18n/catalog.h"
#include "reports/i18n/locale_format.h"
#include "reports/render/html_escape.h"
#include "reports/render/run_html.h"
#include "reports/render/run_json.h"
#include "reports/render/summary_html.h"
#include "reports/render/summary_json.h"

using namespace attt::reports;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

RunModel sample_run() {
    RunModel m;
    m.run_id = 7;
    m.started_at = "2026-11-28T09:30:00Z";
    m.finished_at = "2026-11-28T09:31:05Z";
    m.status = "completed";
    m.tool_version = "0.1.0";
    m.policies = {"tls-certificates"};
    m.totals.pass = 1;
    m.totals.fail = 1;
    m.findings_by_severity = {{"critical", 1}, {"high", 0}, {"medium", 0}, {"low", 0}, {"info", 0}};
    SystemRow s;
    s.id = "VP-DVC-01";
    s.name = "<script>alert(1)</script> Cổng dịch vụ công";
    s.unit_name = "Sở Khoa học và Công nghệ";
    s.owner = "Nguyễn Văn An";
    s.level = 3;
    s.approval_status = "approved";
    s.legal_basis = "nd85-2016";
    s.counts.fail = 1;
    s.counts.pass = 1;
    TargetRow t{"127.0.0.1:8443", "tls-endpoint", "dvc.vinhphuc.gov.vn", "ok", "", 120, {}};
    t.results.push_back({"CERT-VALIDITY-PERIOD",
                         {"Chứng thư số còn hiệu lực", "The certificate is within its validity period"},
                         "critical",
                         "fail",
                         "tls.cert.expired = true \"&' [127.0.0.1:8443]",
                         {"Xin cấp lại chứng thư số", "Obtain a new certificate"}});
    t.results.push_back({"TLS-TLS12", {"Hỗ trợ TLS 1.2", "TLS 1.2"}, "high", "pass", "ok", {"", ""}});
    s.targets.push_back(t);
    m.systems.push_back(s);
    return m;
}

SummaryModel sample_summary() {
    SummaryModel m;
    m.generated_at = "2026-11-28T10:00:00Z";
    m.run_id = 7;
    m.approved = {93, 100};
    m.compliant = {40, 100};
    m.audited = {100, 100};
    for (int level = 1; level <= 5; ++level) {
        m.levels.push_back({level, {level, 5}});
    }
    m.units.push_back({"SO-YTE", "Sở Y tế & <Bệnh viện>", {4, 5}, {1, 5}, 7, 2});
    m.findings_by_severity = {{"critical", 2}, {"high", 5}, {"medium", 9}, {"low", 1}, {"info", 0}};
    m.top_failed_rules.push_back({"CERT-TRUST", "Chứng thư tin cậy", "Trusted certificate", "high", 12});
    return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(run_html_escapes_everything_from_input) {
    const auto html = render_run_html(sample_run(), Lang::Vi);
    BOOST_TEST(!contains(html, "<script>alert(1)</script>"));
    BOOST_TEST(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    BOOST_TEST(contains(html, "&quot;&amp;&#39;"));
    BOOST_TEST(!contains(html, "<script"));
}

BOOST_AUTO_TEST_CASE(run_html_in_vietnamese_shows_failures_with_remediation) {
    const auto html = render_run_html(sample_run(), Lang::Vi);
    BOOST_TEST(contains(html, "<html lang=\"vi\">"));
    BOOST_TEST(contains(html, "Cổng dịch vụ công"));
    BOOST_TEST(contains(html, "Không đạt"));
    BOOST_TEST(contains(html, "Nghiêm trọng"));
    BOOST_TEST(contains(html, "Biện pháp khắc phục"));
    BOOST_TEST(contains(html, "Xin cấp lại chứng thư số"));
    BOOST_TEST(contains(html, "28/11/2026 09:30 UTC"));
    BOOST_TEST(contains(html, "Nghị định 85/2016/NĐ-CP"));
}

BOOST_AUTO_TEST_CASE(run_html_in_english) {
    const auto html = render_run_html(sample_run(), Lang::En);
    BOOST_TEST(contains(html, "Information security audit report"));
    BOOST_TEST(contains(html, "Obtain a new certificate"));
    BOOST_TEST(contains(html, "The certificate is within its validity period"));
    BOOST_TEST(!contains(html, "Không đạt"));
}

BOOST_AUTO_TEST_CASE(summary_html_has_svg_charts_and_vietnamese_percentages) {
    const auto html = render_summary_html(sample_summary(), Lang::Vi);
    BOOST_TEST(contains(html, "<svg"));
    BOOST_TEST(contains(html, "93,00 %"));
    BOOST_TEST(contains(html, "Sở Y tế &amp; &lt;Bệnh viện&gt;"));
    BOOST_TEST(!contains(html, "<script"));
    const auto en = render_summary_html(sample_summary(), Lang::En);
    BOOST_TEST(contains(en, "93.00%"));
}

BOOST_AUTO_TEST_CASE(run_json_round_trips_counts_and_vietnamese_text) {
    const auto doc = nlohmann::json::parse(render_run_json(sample_run()));
    BOOST_TEST(doc["schema"] == "attt-run-report/1");
    BOOST_TEST(doc["totals"]["fail"] == 1);
    BOOST_TEST(doc["systems"][0]["name"] == "<script>alert(1)</script> Cổng dịch vụ công");
    BOOST_TEST(doc["systems"][0]["targets"][0]["results"][0]["title"]["vi"] == "Chứng thư số còn hiệu lực");
}

BOOST_AUTO_TEST_CASE(summary_json_carries_shares_with_their_parts) {
    const auto doc = nlohmann::json::parse(render_summary_json(sample_summary()));
    BOOST_TEST(doc["schema"] == "attt-summary-report/1");
    BOOST_TEST(doc["approved"]["part"] == 93);
    BOOST_TEST(doc["approved"]["percent"].get<double>() == 93.0);
    BOOST_TEST(doc["levels"].size() == 5U);
}

BOOST_AUTO_TEST_CASE(catalog_translates_stable_names_and_shows_unknown_ones) {
    BOOST_TEST(tr(Lang::Vi, "outcome", "not-applicable") == "Không áp dụng");
    BOOST_TEST(tr(Lang::En, "status", "timeout") == "Timed out");
    BOOST_TEST(tr(Lang::Vi, "severity", "galactic") == "galactic");
    BOOST_TEST(format_percent(92.9577, Lang::Vi) == "92,96 %");
    BOOST_TEST(format_time("not a time", Lang::Vi) == "not a time");
}

BOOST_AUTO_TEST_CASE(escape_covers_the_five_characters) {
    BOOST_TEST(escape_html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

// Reports as a reader sees them: everything from input escaped, Vietnamese intact, failures
// first and with their remediation, charts without JavaScript, JSON that parses back to the
// same figures and the same bytes.
// NOLINTNEXTLINE(readability-identifier-naming): the name Boost.Test expects
#define BOOST_TEST_MODULE reports
#include <cstddef>
#include <string>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "reports/i18n/catalog.h"
#include "reports/i18n/locale_format.h"
#include "reports/render/html_escape.h"
#include "reports/render/html_page.h"
#include "reports/render/run_html.h"
#include "reports/render/run_json.h"
#include "reports/render/summary_html.h"
#include "reports/render/summary_json.h"

using namespace attt::reports;

namespace {

const std::string kHostileName = "<script>alert(1)</script> Cổng dịch vụ công";
const std::string kHostileEvidence = "tls.cert.subject = \"&'\" [127.0.0.1:8443]";
const std::string kVietnameseName = "Hệ thống quản lý văn bản và điều hành – Sở Tư pháp";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++n;
    }
    return n;
}

/// Position of `needle`; fails the test when it is missing, so order checks cannot pass vacuously.
std::size_t position(const std::string& haystack, const std::string& needle) {
    const auto at = haystack.find(needle);
    BOOST_TEST_REQUIRE(at != std::string::npos, "missing: " << needle);
    return at;
}

RuleResultRow rule(const std::string& id,
                   const std::string& severity,
                   const std::string& outcome,
                   const std::string& evidence,
                   const LocalText& remediation) {
    return {id, {"Tiêu đề " + id, "Title " + id}, severity, outcome, evidence, remediation};
}

/// Two systems, listed clean one first: the report must put the failing one first.
RunModel sample_run() {
    RunModel m;
    m.run_id = 7;
    m.started_at = "2026-11-28T09:30:00Z";
    m.finished_at = "2026-11-28T09:41:05Z";
    m.status = "completed";
    m.tool_version = "0.1.0";
    m.policies = {"tls-certificates", "governance"};
    m.totals = {4, 2, 0, 1, 0};
    m.findings_by_severity = {{"critical", 1}, {"high", 1}};  // the others missing on purpose

    SystemRow clean;
    clean.id = "STP-VB-01";
    clean.name = kVietnameseName;
    clean.unit_id = "STP";
    clean.unit_name = "Sở Tư pháp";
    clean.level = 2;
    clean.approval_status = "pending";
    clean.legal_basis = "nd331-2026";
    clean.counts = {2, 0, 0, 1, 0};
    TargetRow record{"system", "system", "", "ok", "", 0, {}};
    record.results.push_back(rule("GOV-APPROVAL", "high", "pass", "approval = pending", {}));
    record.results.push_back(rule("GOV-ASSESSMENT", "medium", "not-applicable", "level < 3", {}));
    record.results.push_back(rule("GOV-OWNER", "low", "pass", "owner set", {}));
    clean.targets.push_back(record);

    SystemRow failing;
    failing.id = "VP-DVC-01";
    failing.name = kHostileName;
    failing.unit_id = "VP";
    failing.unit_name = "Văn phòng UBND tỉnh";
    failing.owner = "Nguyễn Văn An <an@vinhphuc.gov.vn>";
    failing.contact = "0211 3 862 000";
    failing.level = 3;
    failing.approval_status = "approved";
    failing.decision_no = "123/QĐ-UBND";
    failing.legal_basis = "nd85-2016";
    failing.counts = {2, 2, 0, 0, 0};
    TargetRow endpoint{"127.0.0.1:8443", "tls-endpoint", "dvc.vinhphuc.gov.vn", "ok", "", 1234, {}};
    endpoint.results.push_back(rule("TLS-TLS12",
                                    "high",
                                    "pass",
                                    "tls.protocol.TLSv1.2 = true",
                                    {"PASS-REMEDY-VI", "PASS-REMEDY-EN"}));
    endpoint.results.push_back(
        rule("CERT-SUBJECT",
             "medium",
             "fail",
             kHostileEvidence,
             {"Đặt lại tên trong chứng thư số", "Fix the certificate subject"}));
    endpoint.results.push_back(rule("CERT-VALIDITY-PERIOD",
                                    "critical",
                                    "fail",
                                    "tls.cert.expired = true [127.0.0.1:8443]",
                                    {"Xin cấp lại chứng thư số", "Obtain a new certificate"}));
    failing.targets.push_back(endpoint);
    failing.targets.push_back(
        {"10.0.0.9:443", "tls-endpoint", "", "timeout", "no answer within 5000 ms", 5000, {}});
    failing.targets[1].results.push_back(
        rule("TLS-TLS12", "high", "error", "endpoint timed out", {"x", "x"}));

    m.systems = {clean, failing};
    return m;
}

SummaryModel sample_summary() {
    SummaryModel m;
    m.generated_at = "2026-11-28T10:00:00Z";
    m.run_id = 7;
    m.run_started_at = "2026-11-28T09:30:00Z";
    m.approved = {66, 71};  // the province's 92.96 %
    m.compliant = {40, 71};
    m.audited = {71, 71};
    m.levels = {{1, {3, 4}}, {2, {20, 31}}, {3, {15, 30}}, {4, {2, 6}}, {5, {0, 0}}};
    m.units.push_back({"SYT", "Sở Y tế & <Bệnh viện>", {4, 5}, {1, 5}, 7, 2});
    m.units.push_back({"STP", "Sở Tư pháp", {6, 6}, {5, 6}, 1, 0});
    m.findings_by_severity = {
        {"critical", 17}, {"high", 5}, {"medium", 9}, {"low", 1}, {"info", 0}};
    m.unreachable_targets = 3;
    for (int i = 1; i <= 12; ++i) {
        m.top_failed_rules.push_back({"RULE-" + std::to_string(i),
                                      "Yêu cầu số " + std::to_string(i),
                                      "Requirement " + std::to_string(i),
                                      "high",
                                      20 - i});
    }
    return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(run_html)

BOOST_AUTO_TEST_CASE(escapes_everything_that_came_from_input) {
    const auto html = render_run_html(sample_run(), Lang::Vi);
    BOOST_TEST(!contains(html, "<script"));
    BOOST_TEST(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; Cổng dịch vụ công"));
    BOOST_TEST(!contains(html, kHostileEvidence));
    BOOST_TEST(contains(html, "tls.cert.subject = &quot;&amp;&#39;&quot; [127.0.0.1:8443]"));
    BOOST_TEST(!contains(html, "<an@vinhphuc.gov.vn>"));
    BOOST_TEST(contains(html, "Nguyễn Văn An &lt;an@vinhphuc.gov.vn&gt;"));
}

BOOST_AUTO_TEST_CASE(is_one_self_contained_page) {
    const auto html = render_run_html(sample_run(), Lang::Vi);
    BOOST_TEST(html.rfind("<!DOCTYPE html>", 0) == 0U);
    BOOST_TEST(contains(html, "<meta charset=\"utf-8\">"));
    BOOST_TEST(contains(html, "@media print"));
    BOOST_TEST(!contains(html, "http:"));
    BOOST_TEST(!contains(html, "https:"));
    BOOST_TEST(!contains(html, "<link"));
    BOOST_TEST(!contains(html, " src="));
    BOOST_TEST(count(html, "<section") == count(html, "</section>"));
    BOOST_TEST(count(html, "<table") == count(html, "</table>"));
    BOOST_TEST(count(html, "<section") == 2U);
}

BOOST_AUTO_TEST_CASE(vietnamese_page_keeps_diacritics_and_uses_the_domain_terms) {
    const auto html = render_run_html(sample_run(), Lang::Vi);
    BOOST_TEST(contains(html, "<html lang=\"vi\">"));
    BOOST_TEST(contains(html, "Báo cáo kiểm tra, đánh giá an toàn thông tin"));
    BOOST_TEST(contains(html, kVietnameseName));
    BOOST_TEST(contains(html, ">Không đạt<"));
    BOOST_TEST(contains(html, ">Nghiêm trọng<"));
    BOOST_TEST(contains(html, ">Không áp dụng<"));
    BOOST_TEST(contains(html, ">Đã phê duyệt<"));
    BOOST_TEST(contains(html, ">Đang thẩm định<"));
    BOOST_TEST(contains(html, ">Quá thời gian chờ<"));
    BOOST_TEST(contains(html, "Nghị định 85/2016/NĐ-CP"));
    BOOST_TEST(contains(html, "Nghị định 331/2026/NĐ-CP"));
    BOOST_TEST(contains(html, "123/QĐ-UBND"));
    BOOST_TEST(contains(html, "28/11/2026 09:30 UTC"));
    BOOST_TEST(contains(html, "1.234 ms"));
    BOOST_TEST(contains(html, "Tiêu đề CERT-VALIDITY-PERIOD"));
    BOOST_TEST(!contains(html, "Title CERT-VALIDITY-PERIOD"));
}

BOOST_AUTO_TEST_CASE(english_page_uses_english_words) {
    const auto html = render_run_html(sample_run(), Lang::En);
    BOOST_TEST(contains(html, "<html lang=\"en\">"));
    BOOST_TEST(contains(html, "Information security audit report"));
    BOOST_TEST(contains(html, ">Fail<"));
    BOOST_TEST(contains(html, ">Critical<"));
    BOOST_TEST(contains(html, ">Timed out<"));
    BOOST_TEST(contains(html, "Decree 85/2016/ND-CP"));
    BOOST_TEST(contains(html, "2026-11-28 09:30 UTC"));
    BOOST_TEST(contains(html, "Title CERT-VALIDITY-PERIOD"));
    BOOST_TEST(contains(html, "Remediation"));
    BOOST_TEST(contains(html, "Obtain a new certificate"));
    BOOST_TEST(!contains(html, "Xin cấp lại chứng thư số"));
    BOOST_TEST(!contains(html, "Không đạt"));
    // Input keeps its own language: the system's Vietnamese name is not translated.
    BOOST_TEST(contains(html, kVietnameseName));
}

BOOST_AUTO_TEST_CASE(failing_rules_show_their_remediation_and_passing_rules_do_not) {
    const auto vi = render_run_html(sample_run(), Lang::Vi);
    BOOST_TEST(contains(vi, "Biện pháp khắc phục"));
    BOOST_TEST(contains(vi, "Xin cấp lại chứng thư số"));
    BOOST_TEST(contains(vi, "Đặt lại tên trong chứng thư số"));
    BOOST_TEST(!contains(vi, "PASS-REMEDY-VI"));
    BOOST_TEST(!contains(render_run_html(sample_run(), Lang::En), "PASS-REMEDY-EN"));
}

BOOST_AUTO_TEST_CASE(lists_the_system_with_most_failures_first) {
    const auto html = render_run_html(sample_run(), Lang::Vi);
    // The overview links each system once; overview and sections both put the failing one first.
    BOOST_TEST(count(html, "href=\"#sys-") == 2U);
    BOOST_TEST(position(html, "href=\"#sys-VP-DVC-01\"") <
               position(html, "href=\"#sys-STP-VB-01\""));
    BOOST_TEST(position(html, "id=\"sys-VP-DVC-01\"") < position(html, "id=\"sys-STP-VB-01\""));
}

BOOST_AUTO_TEST_CASE(lists_failures_before_passes_and_worst_severity_first) {
    const auto html = render_run_html(sample_run(), Lang::Vi);
    const auto section = html.substr(position(html, "id=\"sys-VP-DVC-01\""));
    const auto critical_fail = position(section, "CERT-VALIDITY-PERIOD</b>");
    const auto medium_fail = position(section, "CERT-SUBJECT</b>");
    const auto pass = position(section, "TLS-TLS12</b>");
    BOOST_TEST(critical_fail < medium_fail);
    BOOST_TEST(medium_fail < pass);
    BOOST_TEST(contains(section, "class=\"loud fail\""));
    BOOST_TEST(contains(section, "class=\"quiet pass\""));
}

BOOST_AUTO_TEST_CASE(shows_why_a_target_could_not_be_scanned) {
    const auto html = render_run_html(sample_run(), Lang::En);
    BOOST_TEST(contains(html, "10.0.0.9:443"));
    BOOST_TEST(contains(html, "no answer within 5000 ms"));
    BOOST_TEST(contains(html, "dvc.vinhphuc.gov.vn"));
}

BOOST_AUTO_TEST_CASE(shows_open_findings_by_severity_with_zero_for_missing_ones) {
    const auto html = render_run_html(sample_run(), Lang::En);
    BOOST_TEST(contains(html, ">Critical</span><span class=\"n\">1</span>"));
    BOOST_TEST(contains(html, ">Low</span><span class=\"n\">0</span>"));
}

BOOST_AUTO_TEST_CASE(says_so_when_a_run_has_no_systems) {
    RunModel empty;
    empty.run_id = 1;
    empty.status = "running";
    const auto html = render_run_html(empty, Lang::Vi);
    BOOST_TEST(contains(html, "Lượt kiểm tra này chưa có hệ thống nào."));
    BOOST_TEST(contains(html, "chưa kết thúc"));
    BOOST_TEST(!contains(html, "<section"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(summary_html)

BOOST_AUTO_TEST_CASE(shows_the_shares_in_the_reader_s_notation) {
    const auto vi = render_summary_html(sample_summary(), Lang::Vi);
    BOOST_TEST(contains(vi, ">92,96 %<"));
    BOOST_TEST(contains(vi, "66/71 hệ thống"));
    BOOST_TEST(contains(vi, "Báo cáo tổng hợp"));
    BOOST_TEST(contains(vi, "Tỷ lệ tuân thủ theo cấp độ"));
    const auto en = render_summary_html(sample_summary(), Lang::En);
    BOOST_TEST(contains(en, ">92.96%<"));
    BOOST_TEST(!contains(en, "92,96"));
}

BOOST_AUTO_TEST_CASE(draws_findings_as_an_svg_bar_chart_labelled_with_numbers) {
    const auto html = render_summary_html(sample_summary(), Lang::Vi);
    BOOST_TEST(!contains(html, "<script"));
    const auto begin = position(html, "<svg class=\"chart\"");
    const auto chart = html.substr(begin, position(html.substr(begin), "</svg>"));
    BOOST_TEST(contains(chart, ">Nghiêm trọng</text>"));
    BOOST_TEST(contains(chart, ">17</text>"));
    BOOST_TEST(contains(chart, ">Trung bình</text>"));
    BOOST_TEST(contains(chart, ">9</text>"));
    BOOST_TEST(count(chart, "<rect") == 10U);  // five tracks, five bars
}

BOOST_AUTO_TEST_CASE(ranks_units_escapes_their_names_and_shows_compliance_per_level) {
    const auto html = render_summary_html(sample_summary(), Lang::Vi);
    BOOST_TEST(contains(html, "Sở Y tế &amp; &lt;Bệnh viện&gt;"));
    BOOST_TEST(!contains(html, "<Bệnh viện>"));
    BOOST_TEST(position(html, "Sở Y tế") < position(html, "Sở Tư pháp"));
    BOOST_TEST(contains(html, "1/5 (20,00 %)"));
    BOOST_TEST(contains(html, "15/30 (50,00 %)"));
    BOOST_TEST(count(html, "<svg class=\"meter\"") == 4U + 2U);  // levels 1-4, two units
}

BOOST_AUTO_TEST_CASE(shows_at_most_ten_failed_rules) {
    const auto html = render_summary_html(sample_summary(), Lang::En);
    BOOST_TEST(contains(html, "Requirement 10<"));
    BOOST_TEST(!contains(html, "Requirement 11<"));
    BOOST_TEST(!contains(html, "RULE-12"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(json)

BOOST_AUTO_TEST_CASE(run_json_parses_back_with_the_same_figures_and_bytes) {
    const auto text = render_run_json(sample_run());
    BOOST_TEST(text.rfind("{\n  \"schema\": \"attt-run-report/1\",\n  \"run_id\": 7,", 0) == 0U);
    BOOST_TEST(contains(text, kVietnameseName));  // UTF-8 as it is, not \u escapes
    const auto doc = nlohmann::json::parse(text);
    BOOST_TEST(doc.at("schema").get<std::string>() == "attt-run-report/1");
    BOOST_TEST(doc.at("run_id").get<int>() == 7);
    BOOST_TEST(doc.at("totals").at("pass").get<int>() == 4);
    BOOST_TEST(doc.at("totals").at("fail").get<int>() == 2);
    BOOST_TEST(doc.at("totals").at("not_applicable").get<int>() == 1);
    BOOST_TEST(doc.at("systems").size() == 2U);
    const auto& clean = doc.at("systems").at(0);
    BOOST_TEST(clean.at("name").get<std::string>() == kVietnameseName);
    BOOST_TEST(clean.at("legal_basis").get<std::string>() == "nd331-2026");
    const auto& failing = doc.at("systems").at(1);
    BOOST_TEST(failing.at("name").get<std::string>() == kHostileName);
    BOOST_TEST(failing.at("counts").at("fail").get<int>() == 2);
    const auto& result = failing.at("targets").at(0).at("results").at(1);
    BOOST_TEST(result.at("evidence").get<std::string>() == kHostileEvidence);
    BOOST_TEST(result.at("title").at("vi").get<std::string>() == "Tiêu đề CERT-SUBJECT");
    BOOST_TEST(result.at("title").at("en").get<std::string>() == "Title CERT-SUBJECT");
    BOOST_TEST(failing.at("targets").at(1).at("status").get<std::string>() == "timeout");
    BOOST_TEST(failing.at("targets").at(0).at("duration_ms").get<int>() == 1234);
}

BOOST_AUTO_TEST_CASE(run_json_lists_all_five_severities) {
    const auto doc = to_json(sample_run());
    const auto& by_severity = doc.at("findings_by_severity");
    BOOST_TEST(by_severity.size() == 5U);
    BOOST_TEST(by_severity.at("critical").get<int>() == 1);
    BOOST_TEST(by_severity.at("info").get<int>() == 0);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_input_does_not_abort_the_document) {
    auto m = sample_run();
    m.systems[0].name = "bad \xff byte";
    const auto doc = nlohmann::json::parse(render_run_json(m));
    BOOST_TEST(doc.at("systems").at(0).at("name").get<std::string>() == "bad \xEF\xBF\xBD byte");
}

BOOST_AUTO_TEST_CASE(summary_json_carries_shares_with_their_parts) {
    const auto text = render_summary_json(sample_summary());
    BOOST_TEST(text.rfind("{\n  \"schema\": \"attt-summary-report/1\",", 0) == 0U);
    const auto doc = nlohmann::json::parse(text);
    BOOST_TEST(doc == to_json(sample_summary()));
    BOOST_TEST(doc.at("approved").at("part").get<int>() == 66);
    BOOST_TEST(doc.at("approved").at("whole").get<int>() == 71);
    BOOST_TEST(doc.at("approved").at("percent").get<double>() == 100.0 * 66 / 71,
               boost::test_tools::tolerance(1e-9));
    BOOST_TEST(doc.at("levels").size() == 5U);
    BOOST_TEST(doc.at("levels").at(4).at("compliant").at("percent").get<double>() == 0.0);
    BOOST_TEST(doc.at("units").at(0).at("unit_name").get<std::string>() == "Sở Y tế & <Bệnh viện>");
    BOOST_TEST(doc.at("units").at(0).at("critical_findings").get<int>() == 2);
    BOOST_TEST(doc.at("findings_by_severity").at("critical").get<int>() == 17);
    BOOST_TEST(doc.at("unreachable_targets").get<int>() == 3);
    BOOST_TEST(doc.at("top_failed_rules").size() == 12U);  // JSON mirrors the model
    BOOST_TEST(doc.at("top_failed_rules").at(0).at("title_vi").get<std::string>() ==
               "Yêu cầu số 1");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(i18n)

BOOST_AUTO_TEST_CASE(parses_the_two_languages_and_nothing_else) {
    BOOST_TEST((parse_lang("vi") == Lang::Vi));
    BOOST_TEST((parse_lang("en") == Lang::En));
    BOOST_TEST(!parse_lang("VI").has_value());
    BOOST_TEST(!parse_lang("fr").has_value());
    BOOST_TEST(!parse_lang("").has_value());
}

BOOST_AUTO_TEST_CASE(translates_stable_names_in_the_domain_terms) {
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Outcome, "pass") == "Đạt");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Outcome, "fail") == "Không đạt");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Outcome, "not-applicable") == "Không áp dụng");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Outcome, "error") == "Lỗi");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Severity, "critical") == "Nghiêm trọng");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Severity, "medium") == "Trung bình");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Severity, "info") == "Thông tin");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Approval, "not-submitted") == "Chưa có hồ sơ");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Approval, "expired") == "Hết hiệu lực");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::TargetStatus, "unreachable") == "Không kết nối được");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::TargetStatus, "not-tls") == "Không phải TLS");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::TargetStatus, "protocol-error") == "Lỗi giao thức");
    BOOST_TEST(tr(Lang::Vi, Vocabulary::LegalBasis, "nd331-2026") == "Nghị định 331/2026/NĐ-CP");
    BOOST_TEST(tr(Lang::En, Vocabulary::TargetStatus, "timeout") == "Timed out");
    BOOST_TEST(tr(Lang::En, Vocabulary::Approval, "approved") == "Approved");
    BOOST_TEST(tr(Lang::Vi, MessageKey::Remediation) == "Biện pháp khắc phục");
    BOOST_TEST(tr(Lang::Vi, MessageKey::ComplianceRate) == "Tỷ lệ tuân thủ");
}

BOOST_AUTO_TEST_CASE(shows_an_unknown_name_as_it_is) {
    BOOST_TEST(tr(Lang::Vi, Vocabulary::Severity, "galactic") == "galactic");
    BOOST_TEST(!find_name(Lang::Vi, Vocabulary::Severity, "galactic").has_value());
    // A name is looked up in its own vocabulary only.
    BOOST_TEST(!find_name(Lang::En, Vocabulary::Severity, "fail").has_value());
    BOOST_TEST(tr(Lang::En, Vocabulary::Outcome, "error") == "Error");
    BOOST_TEST(tr(Lang::En, Vocabulary::TargetStatus, "error") == "Collection error");
}

BOOST_AUTO_TEST_CASE(formats_percentages_per_language) {
    BOOST_TEST(format_percent(100.0 * 66 / 71, Lang::Vi) == "92,96 %");
    BOOST_TEST(format_percent(100.0 * 66 / 71, Lang::En) == "92.96%");
    BOOST_TEST(format_percent(100.0, Lang::Vi) == "100,00 %");
    BOOST_TEST(format_percent(0.0, Lang::En) == "0.00%");
}

BOOST_AUTO_TEST_CASE(formats_integers_with_thousands_separators) {
    BOOST_TEST(format_integer(0, Lang::Vi) == "0");
    BOOST_TEST(format_integer(999, Lang::Vi) == "999");
    BOOST_TEST(format_integer(1234, Lang::Vi) == "1.234");
    BOOST_TEST(format_integer(1234567, Lang::En) == "1,234,567");
    BOOST_TEST(format_integer(-1234, Lang::En) == "-1,234");
}

BOOST_AUTO_TEST_CASE(formats_store_times_and_leaves_anything_else_alone) {
    BOOST_TEST(format_time("2026-11-28T09:30:00Z", Lang::Vi) == "28/11/2026 09:30 UTC");
    BOOST_TEST(format_time("2026-11-28T09:30:00Z", Lang::En) == "2026-11-28 09:30 UTC");
    BOOST_TEST(format_time("2026-11-28T09:30:00.250Z", Lang::Vi) == "28/11/2026 09:30 UTC");
    BOOST_TEST(format_time("", Lang::Vi) == "");
    BOOST_TEST(format_time("not a time at all!!!", Lang::Vi) == "not a time at all!!!");
    BOOST_TEST(format_time("2026-11-28T09:30:00+07", Lang::Vi) == "2026-11-28T09:30:00+07");
    BOOST_TEST(format_time("2026-1X-28T09:30:00Z", Lang::En) == "2026-1X-28T09:30:00Z");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(html)

BOOST_AUTO_TEST_CASE(escape_covers_the_five_characters_and_keeps_utf8) {
    BOOST_TEST(escape_html("<a href=\"x\">'&'</a>") ==
               "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    BOOST_TEST(escape_html("Sở Tư pháp") == "Sở Tư pháp");
}

BOOST_AUTO_TEST_CASE(anchor_ids_keep_only_safe_characters_and_stay_distinct) {
    BOOST_TEST(anchor_id("sys", "VP-DVC-01") == "sys-VP-DVC-01");
    BOOST_TEST(anchor_id("sys", "a\" onclick=\"x") == "sys-a_22_20onclick_3D_22x");
    BOOST_TEST(anchor_id("sys", "a b") != anchor_id("sys", "a_20b"));
}

BOOST_AUTO_TEST_CASE(badges_use_a_known_class_for_unknown_names) {
    BOOST_TEST(badge(Lang::Vi, Vocabulary::Outcome, "fail") ==
               "<span class=\"badge b-fail\">Không đạt</span>");
    BOOST_TEST(badge(Lang::Vi, Vocabulary::Outcome, "x\"<y") ==
               "<span class=\"badge b-unknown\">x&quot;&lt;y</span>");
}

BOOST_AUTO_TEST_SUITE_END()

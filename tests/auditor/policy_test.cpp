// Policy loading: the shipped policies load and lint clean; hostile or broken XML is refused
// with file:line and never expanded, fetched or crashed on.
#define BOOST_TEST_MODULE policy
#include <string>

#include <boost/test/unit_test.hpp>

#include "auditor/core/limits.h"
#include "auditor/core/text_file.h"
#include "auditor/policy/policy_loader.h"
#include "auditor/policy/policy_set.h"
#include "auditor/policy/safe_xml.h"
#include "tests/support/temp_dir.h"

using namespace attt;
using namespace attt::policy;

namespace {

const std::string kPolicyDir = std::string(ATTT_SOURCE_DIR) + "/policies";

Error load_error(const std::string& relative) {
    auto set = load_policy_files({test::data_file("policies/" + relative)}, kPolicyDir);
    BOOST_TEST_REQUIRE(!set.has_value());
    return set.error();
}

}  // namespace

BOOST_AUTO_TEST_CASE(shipped_policies_load_with_unique_ids_and_bilingual_texts) {
    auto set = load_policy_dir(kPolicyDir);
    BOOST_TEST_REQUIRE(set.has_value(), (set ? "" : set.error().message));
    BOOST_TEST(set->rules().size() >= 12U);
    for (const char* id : {"GOV-LEVEL-APPROVED",
                           "CERT-VALIDITY-PERIOD",
                           "CERT-EXPIRY-SOON",
                           "CERT-HOSTNAME",
                           "CERT-TRUST",
                           "CERT-KEY-RSA",
                           "CERT-SIGNATURE",
                           "TLS-NO-TLS10-11"}) {
        const Rule* rule = set->find_rule(id);
        BOOST_TEST_REQUIRE(rule != nullptr, id);
        BOOST_TEST(!rule->title.vi.empty());
        BOOST_TEST(!rule->title.en.empty());
        BOOST_TEST(!rule->remediation.vi.empty());
        BOOST_TEST(!rule->references.empty());
    }
    const Rule* expiry = set->find_rule("CERT-EXPIRY-SOON");
    BOOST_TEST(expiry->check.fact == "tls.cert.days_left");
    BOOST_TEST(expiry->check.value == "30");
    BOOST_TEST(expiry->applies_when.has_value());
}

BOOST_AUTO_TEST_CASE(malformed_xml_names_file_and_line) {
    const Error e = load_error("malformed.xml");
    BOOST_TEST(e.message.find("malformed.xml:6: malformed XML") != std::string::npos, e.message);
}

BOOST_AUTO_TEST_CASE(external_entity_is_refused_before_parsing) {
    const Error e = load_error("xxe.xml");
    BOOST_TEST(e.message.find("xxe.xml:2: DTDs and entity declarations are not allowed") !=
                   std::string::npos,
               e.message);
    BOOST_TEST(e.message.find("root:") == std::string::npos);  // no file contents leak
}

BOOST_AUTO_TEST_CASE(entity_expansion_bomb_is_refused) {
    const Error e = load_error("billion-laughs.xml");
    BOOST_TEST(
        e.message.find("billion-laughs.xml:2: DTDs and entity declarations") != std::string::npos,
        e.message);
}

BOOST_AUTO_TEST_CASE(undeclared_entity_reference_is_a_parse_error) {
    const Error e = load_error("undeclared-entity.xml");
    BOOST_TEST(e.message.find("undeclared-entity.xml:3: malformed XML") != std::string::npos,
               e.message);
}

BOOST_AUTO_TEST_CASE(schema_violations_name_line_and_attribute) {
    const Error e = load_error("schema-violation.xml");
    BOOST_TEST(e.message.find("schema-violation.xml:5:") != std::string::npos, e.message);
    BOOST_TEST(e.details.size() >= 2U);  // bad severity and bad level both reported
}

BOOST_AUTO_TEST_CASE(lint_catches_a_comparison_with_a_word) {
    const Error e = load_error("semantic.xml");
    BOOST_TEST(e.message.find(
                   "semantic.xml:8: rule SEM-1: 'ge' compares tls.cert.days_left with 'thirty'") !=
                   std::string::npos,
               e.message);
}

BOOST_AUTO_TEST_CASE(duplicate_rule_ids_across_files_are_reported) {
    test::TempDir dir;
    const std::string copy = dir.write(
        "copy.xml",
        *attt::read_text_file(kPolicyDir + "/levels/governance.xml", limits::kMaxPolicyBytes));
    auto set = load_policy_files({kPolicyDir + "/levels/governance.xml", copy}, kPolicyDir);
    BOOST_TEST_REQUIRE(!set.has_value());
    BOOST_TEST(set.error().message.find("rule id GOV-LEVEL-APPROVED is already defined") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(oversized_policy_is_refused_without_parsing) {
    test::TempDir dir;
    const std::string path =
        dir.write("huge.xml", "<a>" + std::string(limits::kMaxPolicyBytes, ' ') + "</a>");
    auto doc = read_xml_file(path, limits::kMaxPolicyBytes);
    BOOST_TEST_REQUIRE(!doc.has_value());
    BOOST_TEST(doc.error().message.find("larger than the limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused) {
    std::string deep;
    for (int i = 0; i < 400; ++i) {
        deep += "<a>";
    }
    for (int i = 0; i < 400; ++i) {
        deep += "</a>";
    }
    auto doc = parse_xml_safely("deep.xml", deep);
    // libxml2 refuses > 256 levels on its own; either way nothing crashes and the place is named.
    BOOST_TEST_REQUIRE(!doc.has_value());
    BOOST_TEST(doc.error().message.find("deep.xml:1:") == 0U);
}

BOOST_AUTO_TEST_CASE(missing_policy_file_is_named) {
    auto set = load_policy_files({"/nonexistent/p.xml"}, kPolicyDir);
    BOOST_TEST_REQUIRE(!set.has_value());
    BOOST_TEST(set.error().message == "/nonexistent/p.xml: cannot read: no such file");
}

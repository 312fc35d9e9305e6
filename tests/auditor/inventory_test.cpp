// Inventory import: CSV and JSON parsing, endpoint notation, and validation that reports
// every problem with its file and line.
#define BOOST_TEST_MODULE inventory
#include <algorithm>
#include <string>

#include <boost/test/unit_test.hpp>

#include "auditor/core/limits.h"
#include "auditor/inventory/csv_reader.h"
#include "auditor/inventory/endpoint_uri.h"
#include "auditor/inventory/inventory_file.h"
#include "tests/support/temp_dir.h"

using namespace attt;
using namespace attt::inventory;

namespace {

bool any_detail_contains(const Error& error, const std::string& needle) {
    return std::any_of(error.details.begin(), error.details.end(), [&](const std::string& d) {
        return d.find(needle) != std::string::npos;
    });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_reader)

BOOST_AUTO_TEST_CASE(reads_quoted_fields_with_commas_quotes_and_newlines) {
    auto rows = read_csv("t.csv", "a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n");
    BOOST_TEST_REQUIRE(rows.has_value());
    BOOST_TEST(rows->size() == 2U);
    BOOST_TEST((*rows)[0].fields[1] == "b,c");
    BOOST_TEST((*rows)[0].fields[2] == "say \"hi\"");
    BOOST_TEST((*rows)[1].fields[1] == "two\nlines");
    BOOST_TEST((*rows)[1].line == 2U);
}

BOOST_AUTO_TEST_CASE(rejects_unterminated_quote_with_its_line) {
    auto rows = read_csv("t.csv", "a,b\n1,\"open\n");
    BOOST_TEST_REQUIRE(!rows.has_value());
    BOOST_TEST(rows.error().message == "t.csv:2: a quoted field is not closed");
}

BOOST_AUTO_TEST_CASE(rejects_line_longer_than_the_limit) {
    std::string text = "a\n" + std::string(limits::kMaxCsvLineBytes + 1, 'x') + "\n";
    auto rows = read_csv("t.csv", text);
    BOOST_TEST_REQUIRE(!rows.has_value());
    BOOST_TEST(rows.error().message.find("t.csv:2: line is longer than") == 0U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(endpoint_uri)

BOOST_AUTO_TEST_CASE(parses_service_host_port_and_sni) {
    auto e = parse_endpoint_uri("https://127.0.0.1:8443?sni=dvc.vinhphuc.gov.vn");
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->service == "https");
    BOOST_TEST(e->host == "127.0.0.1");
    BOOST_TEST(e->port == 8443);
    BOOST_TEST(e->sni == "dvc.vinhphuc.gov.vn");
    BOOST_TEST(e->expected_name() == "dvc.vinhphuc.gov.vn");
}

BOOST_AUTO_TEST_CASE(stores_internationalised_names_in_their_ascii_form) {
    // SNI and certificate SANs carry A-labels; a Vietnamese name is registered as written.
    auto e = parse_endpoint_uri("https://127.0.0.1:443?sni=dịchvụcông.vinhphuc.gov.vn");
    BOOST_TEST_REQUIRE(e.has_value(), e.error().message);
    BOOST_TEST(e->sni == "xn--dchvcng-x0a0689dsha.vinhphuc.gov.vn");
    auto host = parse_endpoint_uri("https://cổngthôngtin.vn:443");
    BOOST_TEST_REQUIRE(host.has_value(), host.error().message);
    BOOST_TEST(host->host.rfind("xn--", 0) == 0);
    auto bad = parse_endpoint_uri("https://a\xff.vn:443");
    BOOST_TEST_REQUIRE(!bad.has_value());
    BOOST_TEST(bad.error().message.find("not a valid internationalised name") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(parses_bracketed_ipv6) {
    auto e = parse_endpoint_uri("smtps://[::1]:465");
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->host == "::1");
    BOOST_TEST(e->place() == "[::1]:465");
}

BOOST_AUTO_TEST_CASE(rejects_port_out_of_range_unknown_service_and_missing_port) {
    BOOST_TEST(parse_endpoint_uri("https://h:0").error().message.find("port '0'") !=
               std::string::npos);
    BOOST_TEST(parse_endpoint_uri("https://h:65536").error().message.find("1 to 65535") !=
               std::string::npos);
    BOOST_TEST(parse_endpoint_uri("gopher://h:70").error().message.find("unknown service") !=
               std::string::npos);
    BOOST_TEST(parse_endpoint_uri("https://h").error().message.find("no port") !=
               std::string::npos);
    BOOST_TEST(!parse_endpoint_uri("https://h:443?sni=a b").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(inventory_file)

BOOST_AUTO_TEST_CASE(imports_the_good_csv_with_vietnamese_names_intact) {
    auto inv = load_inventory_file(test::data_file("inventory/good.csv"));
    BOOST_TEST_REQUIRE(inv.has_value());
    BOOST_TEST(inv->systems.size() == 3U);
    BOOST_TEST(inv->units.size() == 2U);
    BOOST_TEST(inv->systems[0].name == "Cổng dịch vụ công tỉnh");
    BOOST_TEST(inv->systems[1].name == "Hệ thống quản lý văn bản, điều hành");
    BOOST_TEST(inv->systems[1].endpoints.size() == 2U);
    BOOST_TEST(inv->systems[1].legal_basis == "nd85-2016");
    BOOST_TEST(inv->systems[2].legal_basis == "nd331-2026");
    BOOST_TEST(inv->systems[2].endpoints.empty());
}

BOOST_AUTO_TEST_CASE(imports_json) {
    auto inv = load_inventory_file(test::data_file("inventory/good.json"));
    BOOST_TEST_REQUIRE(inv.has_value());
    BOOST_TEST(inv->systems.at(0).level == 3);
    BOOST_TEST(inv->systems.at(0).endpoints.at(0).sni == "mail.vinhphuc.gov.vn");
}

BOOST_AUTO_TEST_CASE(reports_every_bad_row_with_file_and_line) {
    const auto path = test::data_file("inventory/bad-rows.csv");
    auto inv = load_inventory_file(path);
    BOOST_TEST_REQUIRE(!inv.has_value());
    const Error& e = inv.error();
    BOOST_TEST(e.message == path + ": 4 problems; nothing was imported");
    BOOST_TEST(any_detail_contains(e, path + ":2: missing owner"));
    BOOST_TEST(any_detail_contains(e, path + ":3: level '7' is not a security level from 1 to 5"));
    BOOST_TEST(any_detail_contains(e, path + ":4: port '70000' is not a number from 1 to 65535"));
    BOOST_TEST(
        any_detail_contains(e, path + ":5: duplicate system id VP-A (first at " + path + ":2)"));
}

BOOST_AUTO_TEST_CASE(rejects_invalid_utf8_naming_the_line) {
    const auto path = test::data_file("inventory/bad-utf8.csv");
    auto inv = load_inventory_file(path);
    BOOST_TEST_REQUIRE(!inv.has_value());
    BOOST_TEST(inv.error().message.find(path + ":2: invalid UTF-8") == 0U);
}

BOOST_AUTO_TEST_CASE(json_errors_name_the_system_index) {
    const auto path = test::data_file("inventory/bad-level.json");
    auto inv = load_inventory_file(path);
    BOOST_TEST_REQUIRE(!inv.has_value());
    BOOST_TEST(any_detail_contains(inv.error(), path + ": systems[0]: level '0'"));
    BOOST_TEST(any_detail_contains(inv.error(), "decision_date '2022-02-30' is not a date"));
}

BOOST_AUTO_TEST_CASE(missing_file_and_unknown_extension_are_clear_errors) {
    BOOST_TEST(load_inventory_file("/nonexistent/inv.csv").error().message ==
               "/nonexistent/inv.csv: cannot read: no such file");
    test::TempDir dir;
    auto inv = load_inventory_file(dir.write("inv.txt", "x"));
    BOOST_TEST(inv.error().message.find("unknown inventory format '.txt'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rejects_a_row_with_a_missing_field) {
    test::TempDir dir;
    const auto path =
        dir.write("short.csv",
                  "system_id,system_name,unit_id,unit_name,unit_kind,owner,level,approval_status\n"
                  "A,Tên,U,Đơn vị,commune,Chủ,2\n");
    auto inv = load_inventory_file(path);
    BOOST_TEST_REQUIRE(!inv.has_value());
    BOOST_TEST(any_detail_contains(inv.error(), path + ":2: 7 fields, but the header has 8"));
}

BOOST_AUTO_TEST_CASE(rejects_a_header_without_required_columns) {
    test::TempDir dir;
    auto inv = load_inventory_file(dir.write("h.csv", "system_id,name\nA,B\n"));
    BOOST_TEST_REQUIRE(!inv.has_value());
    BOOST_TEST(inv.error().message.find(":1: header lacks columns system_name, unit_id") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(rejects_a_file_over_the_size_cap) {
    test::TempDir dir;
    auto inv =
        load_inventory_file(dir.write("big.csv", std::string(limits::kMaxInventoryBytes + 1, 'a')));
    BOOST_TEST_REQUIRE(!inv.has_value());
    BOOST_TEST(inv.error().message.find("larger than the limit") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

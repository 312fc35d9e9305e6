// Every bad input of the foundation issue, through the real binary: a clear error naming the
// input (and line), exit code 1, and nothing written.
#define BOOST_TEST_MODULE cli_bad_input
#include <filesystem>

#include <SQLiteCpp/Database.h>
#include <boost/test/unit_test.hpp>

#include "tests/support/run_command.h"

using attt::test::contains;
using attt::test::count_lines;
using attt::test::data_file;
using attt::test::kPolicyDir;
using attt::test::run_auditor;
using attt::test::TempDir;

namespace {

/// Imports the good inventory into a fresh database and returns its path.
std::string imported_db(const TempDir& dir) {
    const auto db = dir.file("attt.db");
    auto r = run_auditor({"inventory", "import", data_file("inventory/good.csv"), "--db", db});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    return db;
}

}  // namespace

BOOST_AUTO_TEST_CASE(missing_inventory_file) {
    TempDir dir;
    auto r = run_auditor(
        {"inventory", "import", "/nonexistent/inventory.csv", "--db", dir.file("a.db")});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err == "auditor: error: /nonexistent/inventory.csv: cannot read: no such file\n");
    BOOST_TEST(!std::filesystem::exists(dir.file("a.db")));
}

BOOST_AUTO_TEST_CASE(unreadable_inventory_path) {
    TempDir dir;
    std::filesystem::create_directory(dir.file("folder.csv"));
    auto r = run_auditor({"inventory", "import", dir.file("folder.csv"), "--db", dir.file("a.db")});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "folder.csv: cannot read: not a regular file"));
}

BOOST_AUTO_TEST_CASE(bad_csv_rows_are_all_reported_with_lines_and_nothing_is_written) {
    TempDir dir;
    const auto file = data_file("inventory/bad-rows.csv");
    auto r = run_auditor({"inventory", "import", file, "--db", dir.file("a.db")});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "auditor: error: " + file + ": 4 problems; nothing was imported\n"));
    BOOST_TEST(contains(r.err, file + ":2: missing owner"));
    BOOST_TEST(contains(r.err, file + ":3: level '7' is not a security level from 1 to 5"));
    BOOST_TEST(contains(r.err, file + ":4: port '70000' is not a number from 1 to 65535"));
    BOOST_TEST(contains(r.err, file + ":5: duplicate system id VP-A"));
    BOOST_TEST(count_lines(r.err) == 5U);
    BOOST_TEST(!std::filesystem::exists(dir.file("a.db")));
}

BOOST_AUTO_TEST_CASE(bad_file_leaves_an_existing_database_unchanged) {
    TempDir dir;
    const auto db = imported_db(dir);
    auto r = run_auditor({"inventory", "import", data_file("inventory/bad-rows.csv"), "--db", db});
    BOOST_TEST(r.exit_code == 1);
    SQLite::Database check(db);
    BOOST_TEST(check.execAndGet("SELECT COUNT(*) FROM systems").getInt() == 3);
    BOOST_TEST(check.execAndGet("SELECT COUNT(*) FROM systems WHERE id = 'VP-A'").getInt() == 0);
}

BOOST_AUTO_TEST_CASE(invalid_utf8) {
    TempDir dir;
    const auto file = data_file("inventory/bad-utf8.csv");
    auto r = run_auditor({"inventory", "import", file, "--db", dir.file("a.db")});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, file + ":2: invalid UTF-8"));
    BOOST_TEST(count_lines(r.err) == 1U);
}

BOOST_AUTO_TEST_CASE(malformed_policy_xml) {
    auto r = run_auditor(
        {"policy", "lint", data_file("policies/malformed.xml"), "--policies", kPolicyDir});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "malformed.xml:6: malformed XML"));
}

BOOST_AUTO_TEST_CASE(policy_failing_the_schema) {
    auto r = run_auditor(
        {"policy", "lint", data_file("policies/schema-violation.xml"), "--policies", kPolicyDir});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "schema-violation.xml:5:"));
    BOOST_TEST(contains(r.err, "urgent"));
}

BOOST_AUTO_TEST_CASE(policy_with_an_external_entity) {
    auto r =
        run_auditor({"policy", "lint", data_file("policies/xxe.xml"), "--policies", kPolicyDir});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "xxe.xml:2: DTDs and entity declarations are not allowed"));
    BOOST_TEST(!contains(r.err, "root:x:0"));
}

BOOST_AUTO_TEST_CASE(policy_with_an_entity_expansion_bomb) {
    auto r = run_auditor(
        {"policy", "lint", data_file("policies/billion-laughs.xml"), "--policies", kPolicyDir});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(
        contains(r.err, "billion-laughs.xml:2: DTDs and entity declarations are not allowed"));
}

BOOST_AUTO_TEST_CASE(shipped_policies_lint_clean) {
    auto r = run_auditor({"policy",
                          "lint",
                          kPolicyDir + "/levels/governance.xml",
                          kPolicyDir + "/baselines/tls-certificates.xml",
                          kPolicyDir + "/baselines/tls-endpoints.xml",
                          "--policies",
                          kPolicyDir});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(contains(r.out, "3 policies OK"));
}

BOOST_AUTO_TEST_CASE(unknown_system_id_audits_nothing) {
    TempDir dir;
    const auto db = imported_db(dir);
    auto r = run_auditor({"audit", "--db", db, "--system", "VP-NOPE-99", "--policies", kPolicyDir});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "unknown system id VP-NOPE-99; nothing was audited"));
    SQLite::Database check(db);
    BOOST_TEST(check.execAndGet("SELECT COUNT(*) FROM runs").getInt() == 0);
}

BOOST_AUTO_TEST_CASE(database_path_that_cannot_be_written) {
    auto r = run_auditor({"inventory",
                          "import",
                          data_file("inventory/good.csv"),
                          "--db",
                          "/nonexistent-dir/attt.db"});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(
        contains(r.err, "auditor: error: /nonexistent-dir/attt.db: cannot use the database"));
    BOOST_TEST(count_lines(r.err) == 1U);
}

BOOST_AUTO_TEST_CASE(database_from_a_newer_schema) {
    TempDir dir;
    const auto db = dir.file("newer.db");
    {
        SQLite::Database raw(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA user_version = 42");
    }
    auto r = run_auditor({"inventory", "list", "--db", db});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "schema version 42 is newer than this auditor understands"));
    SQLite::Database check(db);
    BOOST_TEST(check.execAndGet("PRAGMA user_version").getInt() == 42);
}

BOOST_AUTO_TEST_CASE(missing_database_for_a_report) {
    TempDir dir;
    auto r = run_auditor({"report",
                          "run",
                          "--db",
                          dir.file("none.db"),
                          "--format",
                          "json",
                          "-o",
                          dir.file("r.json")});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "none.db: no such database"));
    BOOST_TEST(!std::filesystem::exists(dir.file("none.db")));
}

BOOST_AUTO_TEST_CASE(bad_endpoint_argument_for_tls) {
    auto r = run_auditor({"tls", "127.0.0.1:99999"});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "127.0.0.1:99999: port '99999' is not a number from 1 to 65535"));
}

BOOST_AUTO_TEST_CASE(help_and_version) {
    auto v = run_auditor({"--version"});
    BOOST_TEST(v.exit_code == 0);
    BOOST_TEST(contains(v.out, "auditor 0."));
    for (const char* sub : {"inventory", "policy", "audit", "tls", "report"}) {
        auto h = run_auditor({sub, "--help"});
        BOOST_TEST(h.exit_code == 0, sub);
        BOOST_TEST(contains(h.out, "Usage"), sub);
    }
    auto bad = run_auditor({"audit", "--no-such-flag"});
    BOOST_TEST(bad.exit_code == 1);
}

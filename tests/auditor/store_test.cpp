// The store on a real SQLite file: migrations, refusal of newer schemas and unwritable paths,
// all-or-nothing import, and the findings lifecycle across runs.
#define BOOST_TEST_MODULE store
#include <filesystem>

#include <SQLiteCpp/Database.h>
#include <boost/test/unit_test.hpp>

#include "auditor/core/time_format.h"
#include "auditor/store/database.h"
#include "auditor/store/inventory_store.h"
#include "auditor/store/report_queries.h"
#include "auditor/store/run_store.h"
#include "tests/support/printing.h"
#include "tests/support/temp_dir.h"

using namespace attt;
using namespace attt::store;

namespace {

inventory::Inventory sample_inventory() {
    inventory::Inventory inv;
    inv.units.push_back({"SO-KHCN", "Sở Khoa học và Công nghệ", "department"});
    inventory::System s;
    s.id = "VP-DVC-01";
    s.name = "Cổng dịch vụ công tỉnh";
    s.unit_id = "SO-KHCN";
    s.owner = "Nguyễn Văn An";
    s.level = 3;
    s.approval = inventory::ApprovalStatus::Approved;
    s.decision_no = "1/QĐ";
    s.decision_date = "2021-01-01";
    s.legal_basis = "nd85-2016";
    s.endpoints.push_back({"127.0.0.1", 8443, "https", "dvc.vinhphuc.gov.vn"});
    inv.systems.push_back(s);
    return inv;
}

policy::PolicySet one_rule_policy() {
    policy::Policy p;
    p.id = "test";
    policy::Rule r;
    r.id = "CERT-TRUST";
    r.title = {"Tin cậy", "Trusted"};
    r.severity = Severity::High;
    r.target = TargetKind::TlsEndpoint;
    p.rules.push_back(r);
    return {{p}};
}

struct Fixture {
    test::TempDir dir;
    std::string path = dir.file("attt.db");
    Database db = std::move(*Database::open(path, OpenMode::CreateIfMissing));
    TimePoint t0 = *parse_utc("2026-11-01T08:00:00Z");

    Fixture() {
        import_inventory(db, sample_inventory(), t0);
        record_rules(db, one_rule_policy());
    }

    FindingChanges run_once(Outcome outcome, TimePoint at) {
        const auto run = begin_run(db, at, {"test"}, 1, 1);
        TargetRecord record;
        record.system_id = "VP-DVC-01";
        record.target = "127.0.0.1:8443";
        record.kind = TargetKind::TlsEndpoint;
        record.status = outcome == Outcome::Error ? TargetStatus::Timeout : TargetStatus::Ok;
        record.results.push_back(
            {"CERT-TRUST", outcome, Severity::High, "tls.cert.trusted = false"});
        auto changes = record_target(db, run, record, at);
        finish_run(db, run, RunStatus::Completed, at);
        return changes;
    }

    std::string finding_status() {
        return db.sql().execAndGet("SELECT status FROM findings").getString();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(new_database_is_at_the_latest_schema_with_foreign_keys_and_wal, Fixture) {
    BOOST_TEST(db.schema_version() == Database::latest_version());
    BOOST_TEST(db.sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
    BOOST_TEST(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
}

BOOST_AUTO_TEST_CASE(refuses_a_database_from_a_newer_auditor) {
    test::TempDir dir;
    const auto path = dir.file("newer.db");
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA user_version = 999");
    }
    auto db = Database::open(path, OpenMode::MustExist);
    BOOST_TEST_REQUIRE(!db.has_value());
    BOOST_TEST(db.error().message.find("schema version 999 is newer than this auditor") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(refuses_a_path_that_cannot_be_written) {
    auto db = Database::open("/nonexistent-dir/attt.db", OpenMode::CreateIfMissing);
    BOOST_TEST_REQUIRE(!db.has_value());
    BOOST_TEST(db.error().message.find("/nonexistent-dir/attt.db: cannot use the database") == 0U);
}

BOOST_AUTO_TEST_CASE(refuses_a_file_that_is_not_a_database) {
    test::TempDir dir;
    auto db = Database::open(dir.write("x.db", std::string(4096, 'x')), OpenMode::MustExist);
    BOOST_TEST_REQUIRE(!db.has_value());
    BOOST_TEST(db.error().message.find("cannot use the database") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(must_exist_does_not_create_a_file) {
    test::TempDir dir;
    auto db = Database::open(dir.file("none.db"), OpenMode::MustExist);
    BOOST_TEST(!db.has_value());
    BOOST_TEST(!std::filesystem::exists(dir.file("none.db")));
}

BOOST_FIXTURE_TEST_CASE(import_round_trips_and_reimport_updates_in_place, Fixture) {
    auto systems = load_systems(db);
    BOOST_TEST_REQUIRE(systems.size() == 1U);
    BOOST_TEST(systems[0].name == "Cổng dịch vụ công tỉnh");
    BOOST_TEST(systems[0].endpoints.at(0).sni == "dvc.vinhphuc.gov.vn");
    auto inv = sample_inventory();
    inv.systems[0].endpoints.clear();
    auto summary = import_inventory(db, inv, t0);
    BOOST_TEST(summary.systems_updated == 1U);
    BOOST_TEST(summary.systems_added == 0U);
    BOOST_TEST(load_systems(db)[0].endpoints.empty());
}

BOOST_FIXTURE_TEST_CASE(finding_lifecycle_open_seen_fixed_reopened, Fixture) {
    BOOST_TEST(run_once(Outcome::Fail, t0).opened == 1U);
    BOOST_TEST(finding_status() == "open");
    const auto t1 = t0 + std::chrono::hours(24 * 7);
    BOOST_TEST(run_once(Outcome::Fail, t1).opened == 0U);
    BOOST_TEST(
        db.sql().execAndGet("SELECT first_seen || ' ' || last_seen FROM findings").getString() ==
        "2026-11-01T08:00:00Z 2026-11-08T08:00:00Z");
    BOOST_TEST(run_once(Outcome::Pass, t1 + std::chrono::hours(24)).fixed == 1U);
    BOOST_TEST(finding_status() == "fixed");
    BOOST_TEST(run_once(Outcome::Fail, t1 + std::chrono::hours(48)).reopened == 1U);
    BOOST_TEST(finding_status() == "reopened");
    BOOST_TEST(db.sql().execAndGet("SELECT COUNT(*) FROM finding_events").getInt() == 3);
}

BOOST_FIXTURE_TEST_CASE(a_target_that_could_not_be_scanned_never_fixes_a_finding, Fixture) {
    run_once(Outcome::Fail, t0);
    const auto changes = run_once(Outcome::Error, t0 + std::chrono::hours(24));
    BOOST_TEST(changes.fixed == 0U);
    BOOST_TEST(finding_status() == "open");
}

BOOST_FIXTURE_TEST_CASE(a_failed_target_write_rolls_back_whole, Fixture) {
    const auto run = begin_run(db, t0, {"test"}, 1, 1);
    TargetRecord record;
    record.system_id = "VP-DVC-01";
    record.target = "127.0.0.1:8443";
    record.results.push_back({"CERT-TRUST", Outcome::Fail, Severity::High, "x"});
    record.results.push_back(
        {"NO-SUCH-RULE", Outcome::Fail, Severity::High, "x"});  // violates the FK
    BOOST_CHECK_THROW(record_target(db, run, record, t0), SQLite::Exception);
    BOOST_TEST(db.sql().execAndGet("SELECT COUNT(*) FROM run_targets").getInt() == 0);
    BOOST_TEST(db.sql().execAndGet("SELECT COUNT(*) FROM results").getInt() == 0);
    BOOST_TEST(db.sql().execAndGet("SELECT COUNT(*) FROM findings").getInt() == 0);
}

BOOST_FIXTURE_TEST_CASE(run_model_counts_outcomes_and_open_findings, Fixture) {
    run_once(Outcome::Fail, t0);
    auto model = load_run_model(db, std::nullopt);
    BOOST_TEST_REQUIRE(model.has_value());
    BOOST_TEST(model->systems.size() == 1U);
    BOOST_TEST(model->totals.fail == 1);
    BOOST_TEST(model->findings_by_severity.at("high") == 1);
    BOOST_TEST(model->systems[0].targets.at(0).results.at(0).title.vi == "Tin cậy");
    BOOST_TEST(!load_run_model(db, 999).has_value());
}

BOOST_FIXTURE_TEST_CASE(abandoned_running_runs_are_marked_interrupted, Fixture) {
    begin_run(db, t0, {"test"}, 1, 1);
    BOOST_TEST(mark_abandoned_runs(db, t0) == 1);
    BOOST_TEST(db.sql().execAndGet("SELECT status FROM runs").getString() == "interrupted");
}

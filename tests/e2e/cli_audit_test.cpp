// A whole audit as a user runs it: real TLS servers on 127.0.0.1 (good, expired, self-signed,
// wrong host name, weak key, legacy TLS, not TLS, silent, closed), an inventory pointing at
// them, `auditor audit` into a real SQLite file, then reports read back from that file.
#define BOOST_TEST_MODULE cli_audit
#include <fstream>
#include <map>
#include <memory>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "tests/lab/certificate_authority.h"
#include "tests/lab/loopback_server.h"
#include "tests/support/run_command.h"

using namespace attt::lab;
using attt::test::contains;
using attt::test::kPolicyDir;
using attt::test::run_auditor;
using attt::test::TempDir;

namespace {

/// One lab per test binary: the servers, the CA file, and an inventory that points at them.
struct Lab {
    TempDir dir;
    CertificateAuthority ca = CertificateAuthority::create("ATTT test CA");
    std::map<std::string, std::unique_ptr<LoopbackServer>> servers;
    std::uint16_t closed_port = 0;

    Lab() {
        dir.write("ca.pem", ca.certificate_pem());
        serve("good",
              leaf("good.vinhphuc.gov.vn", KeyKind::EcP256, SignatureHash::Sha256, -10, 300));
        serve("expired",
              leaf("expired.vinhphuc.gov.vn", KeyKind::Rsa2048, SignatureHash::Sha256, -400, -5));
        auto self = leaf("self.vinhphuc.gov.vn", KeyKind::Rsa2048, SignatureHash::Sha256, -1, 200);
        self.self_signed = true;
        serve("self", self);
        serve("weak",
              leaf("weak.vinhphuc.gov.vn", KeyKind::Rsa1024, SignatureHash::Sha1, -1, 200),
              "TLSv1");
        ServerSpec plain;
        plain.behaviour = Behaviour::Plain;
        servers["plain"] = std::make_unique<LoopbackServer>(plain);
        ServerSpec silent;
        silent.behaviour = Behaviour::Silent;
        servers["silent"] = std::make_unique<LoopbackServer>(silent);
        {
            // A port that was just in use and is now closed: connecting is refused.
            ServerSpec spec;
            spec.behaviour = Behaviour::Plain;
            LoopbackServer gone{spec};
            closed_port = gone.port();
        }
    }

    CertificateSpec leaf(const std::string& name,
                         KeyKind key,
                         SignatureHash hash,
                         int from,
                         int to) {
        CertificateSpec spec;
        spec.common_name = name;
        spec.dns_names = {name};
        spec.key = key;
        spec.hash = hash;
        spec.not_before_days = from;
        spec.not_after_days = to;
        return spec;
    }

    void serve(const std::string& id,
               const CertificateSpec& spec,
               const std::string& min_protocol = "TLSv1.2") {
        ServerSpec server;
        server.credentials = ca.issue(spec);
        server.min_protocol = min_protocol;
        servers[id] = std::make_unique<LoopbackServer>(server);
    }

    std::string endpoint(const std::string& id, const std::string& sni) const {
        return "https://127.0.0.1:" + std::to_string(servers.at(id)->port()) + "?sni=" + sni;
    }

    std::string inventory() const {
        const std::string header =
            "system_id,system_name,unit_id,unit_name,unit_kind,owner,contact,level,approval_status,"
            "decision_no,decision_date,legal_basis,endpoints\n";
        auto row = [](const std::string& id,
                      const std::string& name,
                      const std::string& status,
                      const std::string& endpoints) {
            const bool approved = status == "approved";
            return id + "," + name +
                   ",SO-KHCN,Sở Khoa học và Công nghệ,department,Nguyễn Văn "
                   "An,an@vinhphuc.gov.vn,3," +
                   status + "," + (approved ? "12/QĐ-UBND,2021-05-04" : ",") + ",nd85-2016,\"" +
                   endpoints + "\"\n";
        };
        return header +
               row("VP-GOOD",
                   "Cổng dịch vụ công tỉnh",
                   "approved",
                   endpoint("good", "good.vinhphuc.gov.vn")) +
               row("VP-BAD",
                   "Hệ thống <b>một cửa</b> & \"điện tử\"",
                   "pending",
                   endpoint("expired", "expired.vinhphuc.gov.vn") + ";" +
                       endpoint("self", "self.vinhphuc.gov.vn") + ";" +
                       endpoint("weak", "other.vinhphuc.gov.vn")) +
               row("VP-DOWN",
                   "Hệ thống hội nghị truyền hình",
                   "approved",
                   endpoint("plain", "plain.vinhphuc.gov.vn") + ";" +
                       endpoint("silent", "silent.vinhphuc.gov.vn") +
                       ";https://127.0.0.1:" + std::to_string(closed_port));
    }
};

Lab& lab() {
    static Lab instance;
    return instance;
}

/// Imports the lab inventory and audits it once; later tests read the same database.
struct Audited {
    std::string db;
    attt::test::CommandResult audit;

    Audited() {
        db = lab().dir.file("attt.db");
        const auto csv = lab().dir.write("inventory.csv", lab().inventory());
        auto imported = run_auditor({"inventory", "import", csv, "--db", db});
        BOOST_TEST_REQUIRE(imported.exit_code == 0, imported.err);
        audit = run_auditor({"audit",
                             "--db",
                             db,
                             "--all",
                             "--jobs",
                             "4",
                             "--ca-file",
                             lab().dir.file("ca.pem"),
                             "--policies",
                             kPolicyDir,
                             "--connect-timeout",
                             "1000",
                             "--handshake-timeout",
                             "1500"});
    }
};

Audited& audited() {
    static Audited instance;
    return instance;
}

std::map<std::string, std::string> outcomes(const std::string& db, const std::string& system_id) {
    SQLite::Database sql(db);
    SQLite::Statement st(sql,
                         "SELECT r.target || ' ' || r.rule_id, r.outcome FROM results r JOIN runs "
                         "u ON u.id = r.run_id"
                         " WHERE r.system_id = ? AND u.id = (SELECT MAX(id) FROM runs)");
    st.bind(1, system_id);
    std::map<std::string, std::string> out;
    while (st.executeStep()) {
        out[st.getColumn(0).getString()] = st.getColumn(1).getString();
    }
    return out;
}

std::string port_of(const std::string& id) {
    return "127.0.0.1:" + std::to_string(lab().servers.at(id)->port());
}

}  // namespace

BOOST_AUTO_TEST_CASE(audit_exits_2_and_prints_the_summary_table) {
    const auto& a = audited();
    BOOST_TEST(a.audit.exit_code == 2, a.audit.err);
    BOOST_TEST(contains(a.audit.out, "Systems audited"));
    BOOST_TEST(contains(a.audit.out, "Targets scanned  10 (3 could not be scanned)"), a.audit.out);
    BOOST_TEST(contains(a.audit.out, "Rules failed"));
}

BOOST_AUTO_TEST_CASE(good_endpoint_passes_every_certificate_and_protocol_rule) {
    auto r = outcomes(audited().db, "VP-GOOD");
    const auto t = port_of("good") + " ";
    for (const char* rule : {"CERT-VALIDITY-PERIOD",
                             "CERT-EXPIRY-SOON",
                             "CERT-HOSTNAME",
                             "CERT-TRUST",
                             "CERT-KEY-EC",
                             "CERT-SIGNATURE",
                             "TLS-NO-TLS10-11",
                             "TLS-TLS12",
                             "TLS-TLS13",
                             "GOV-ENDPOINT-REACHABLE"}) {
        BOOST_TEST(r[t + rule] == "pass", rule);
    }
    BOOST_TEST(r[t + "CERT-KEY-RSA"] == "not-applicable");
    BOOST_TEST(r["system GOV-LEVEL-APPROVED"] == "pass");
}

BOOST_AUTO_TEST_CASE(each_defect_fails_the_rule_that_names_it) {
    auto r = outcomes(audited().db, "VP-BAD");
    BOOST_TEST(r[port_of("expired") + " CERT-VALIDITY-PERIOD"] == "fail");
    BOOST_TEST(r[port_of("expired") + " CERT-EXPIRY-SOON"] == "not-applicable");
    BOOST_TEST(r[port_of("self") + " CERT-TRUST"] == "fail");
    BOOST_TEST(r[port_of("weak") + " CERT-HOSTNAME"] == "fail");
    BOOST_TEST(r[port_of("weak") + " CERT-KEY-RSA"] == "fail");
    BOOST_TEST(r[port_of("weak") + " CERT-SIGNATURE"] == "fail");
    BOOST_TEST(r[port_of("weak") + " TLS-NO-TLS10-11"] == "fail");
    BOOST_TEST(r["system GOV-LEVEL-APPROVED"] == "fail");
}

BOOST_AUTO_TEST_CASE(unreachable_endpoints_are_findings_not_the_end_of_the_audit) {
    SQLite::Database sql(audited().db);
    SQLite::Statement st(sql,
                         "SELECT target, status FROM run_targets WHERE system_id = 'VP-DOWN' AND "
                         "kind = 'tls-endpoint'");
    std::map<std::string, std::string> status;
    while (st.executeStep()) {
        status[st.getColumn(0).getString()] = st.getColumn(1).getString();
    }
    BOOST_TEST(status[port_of("plain")] == "not-tls");
    BOOST_TEST(status[port_of("silent")] == "timeout");
    BOOST_TEST(status["127.0.0.1:" + std::to_string(lab().closed_port)] == "unreachable");
    auto r = outcomes(audited().db, "VP-DOWN");
    BOOST_TEST(r[port_of("silent") + " GOV-ENDPOINT-REACHABLE"] == "fail");
    BOOST_TEST(r[port_of("silent") + " CERT-TRUST"] == "error");
    BOOST_TEST(sql.execAndGet("SELECT status FROM runs").getString() == "completed");
}

BOOST_AUTO_TEST_CASE(findings_are_recorded_once_and_kept_across_runs) {
    const auto& a = audited();
    SQLite::Database sql(a.db);
    const int findings = sql.execAndGet("SELECT COUNT(*) FROM findings").getInt();
    BOOST_TEST(findings > 5);
    const auto first_seen = sql.execAndGet("SELECT MIN(first_seen) FROM findings").getString();
    auto again = run_auditor({"audit",
                              "--db",
                              a.db,
                              "--system",
                              "VP-BAD",
                              "--ca-file",
                              lab().dir.file("ca.pem"),
                              "--policies",
                              kPolicyDir});
    BOOST_TEST(again.exit_code == 2, again.err);
    BOOST_TEST(contains(again.out, "Findings: 0 new, 0 reopened, 0 fixed"), again.out);
    BOOST_TEST(sql.execAndGet("SELECT COUNT(*) FROM findings").getInt() == findings);
    BOOST_TEST(sql.execAndGet("SELECT MIN(first_seen) FROM findings").getString() == first_seen);
}

BOOST_AUTO_TEST_CASE(run_report_json_and_html_come_from_the_database) {
    const auto& a = audited();
    const auto json_path = lab().dir.file("run.json");
    const auto html_path = lab().dir.file("run.html");
    auto j = run_auditor(
        {"report", "run", "--db", a.db, "--run", "1", "--format", "json", "-o", json_path});
    BOOST_TEST_REQUIRE(j.exit_code == 0, j.err);
    auto doc = nlohmann::json::parse(attt::test::slurp(json_path));
    BOOST_TEST(doc["run_id"] == 1);
    BOOST_TEST(doc["systems"].size() == 3U);
    auto h = run_auditor({"report",
                          "run",
                          "--db",
                          a.db,
                          "--run",
                          "1",
                          "--format",
                          "html",
                          "--lang",
                          "vi",
                          "-o",
                          html_path});
    BOOST_TEST_REQUIRE(h.exit_code == 0, h.err);
    const auto html = attt::test::slurp(html_path);
    BOOST_TEST(contains(html, "Cổng dịch vụ công tỉnh"));
    BOOST_TEST(!contains(html, "<b>một cửa</b>"));  // names from the inventory are escaped
    BOOST_TEST(contains(html, "&lt;b&gt;một cửa&lt;/b&gt;"));
}

BOOST_AUTO_TEST_CASE(summary_report_gives_the_approval_share) {
    const auto path = lab().dir.file("summary.json");
    auto r =
        run_auditor({"report", "summary", "--db", audited().db, "--format", "json", "-o", path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    auto doc = nlohmann::json::parse(attt::test::slurp(path));
    BOOST_TEST(doc["approved"]["part"] == 2);
    BOOST_TEST(doc["approved"]["whole"] == 3);
}

BOOST_AUTO_TEST_CASE(tls_command_scans_one_endpoint_without_a_database) {
    auto r = run_auditor({"tls",
                          port_of("expired"),
                          "--sni",
                          "expired.vinhphuc.gov.vn",
                          "--json",
                          "--ca-file",
                          lab().dir.file("ca.pem")});
    BOOST_TEST(r.exit_code == 0, r.err);
    auto doc = nlohmann::json::parse(r.out);
    BOOST_TEST(doc["status"] == "ok");
    BOOST_TEST(doc["target"]["sni"] == "expired.vinhphuc.gov.vn");
    BOOST_TEST(doc["certificate"]["expired"] == true);
    BOOST_TEST(doc["certificate"]["days_left"].get<int>() < 0);
    BOOST_TEST(doc["grade"] == "T");
    BOOST_TEST(doc["connections"].get<int>() > 0);
    for (const char* key : {"protocols",
                            "cipher_suites",
                            "server_preference",
                            "groups",
                            "vulnerabilities",
                            "http",
                            "elapsed_ms"}) {
        BOOST_TEST(doc.contains(key), key);
    }
    auto good = run_auditor({"tls",
                             port_of("good"),
                             "--sni",
                             "good.vinhphuc.gov.vn",
                             "--ca-file",
                             lab().dir.file("ca.pem"),
                             "--no-color"});
    BOOST_TEST(good.exit_code == 0, good.out + good.err);
    BOOST_TEST(contains(good.out, "TLSv1.3 yes"));
    BOOST_TEST(contains(good.out, "trusted"));
    BOOST_TEST(!contains(good.out, "\x1b["));
}

BOOST_AUTO_TEST_CASE(tls_command_scans_several_targets_in_order_with_jobs) {
    TempDir dir;
    const auto list = dir.write("targets.txt",
                                "# lab endpoints\n" + port_of("good") +
                                    "\n\n127.0.0.1:" + std::to_string(lab().closed_port) + "\n");
    auto r = run_auditor(
        {"tls", port_of("expired"), "--targets", list, "--jobs", "3", "--json", "--timeout", "2"});
    BOOST_TEST(r.exit_code == 2, r.err);  // one endpoint could not be scanned
    auto doc = nlohmann::json::parse(r.out);
    BOOST_TEST_REQUIRE(doc.is_array());
    BOOST_TEST_REQUIRE(doc.size() == 3U);
    BOOST_TEST(doc[0]["target"]["port"].get<int>() ==
               static_cast<int>(lab().servers.at("expired")->port()));
    BOOST_TEST(doc[1]["status"] == "ok");
    BOOST_TEST(doc[2]["status"] == "unreachable");
}

BOOST_AUTO_TEST_CASE(tls_command_refuses_an_unregistered_remote_target) {
    // Refused before any connection: the auditor scans only loopback or registered endpoints.
    auto r = run_auditor({"tls", "192.0.2.10:443"});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(contains(r.err, "192.0.2.10:443 is not a registered endpoint"));
}

BOOST_AUTO_TEST_CASE(an_audit_killed_mid_run_leaves_a_consistent_database) {
    TempDir dir;
    const auto db = dir.file("killed.db");
    const auto csv = dir.write("inventory.csv", lab().inventory());
    BOOST_TEST_REQUIRE(run_auditor({"inventory", "import", csv, "--db", db}).exit_code == 0);
    // One job and a 20 s handshake deadline: the silent endpoint holds the run when SIGKILL comes.
    auto killed = run_auditor({"audit",
                               "--db",
                               db,
                               "--jobs",
                               "1",
                               "--policies",
                               kPolicyDir,
                               "--handshake-timeout",
                               "20000",
                               "--ca-file",
                               lab().dir.file("ca.pem")},
                              "4");
    BOOST_TEST(killed.exit_code == 137);  // 128 + SIGKILL, as reported by timeout
    SQLite::Database sql(db);
    BOOST_TEST(sql.execAndGet("PRAGMA integrity_check").getString() == "ok");
    BOOST_TEST(sql.execAndGet("SELECT status FROM runs").getString() == "running");
    // Every stored target is complete: it has its results.
    BOOST_TEST(
        sql.execAndGet(
               "SELECT COUNT(*) FROM run_targets t WHERE NOT EXISTS (SELECT 1 FROM results r"
               " WHERE r.run_id = t.run_id AND r.system_id = t.system_id AND r.target = t.target)")
            .getInt() == 0);
    const int stored = sql.execAndGet("SELECT COUNT(*) FROM run_targets").getInt();
    BOOST_TEST(stored > 0);
    BOOST_TEST(stored < 10);
    auto report =
        run_auditor({"report", "run", "--db", db, "--format", "json", "-o", dir.file("r.json")});
    BOOST_TEST(report.exit_code == 0, report.err);
}

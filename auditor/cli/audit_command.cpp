// `auditor audit`: audit registered systems and record the run.
#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "auditor/audit/audit_session.h"
#include "auditor/cli/commands.h"
#include "auditor/cli/exit_code.h"
#include "auditor/cli/network_options.h"
#include "auditor/cli/table.h"
#include "auditor/core/clock.h"
#include "checks/register_builtin.h"

namespace attt::cli {

namespace {

struct AuditOptions {
    std::string db;
    std::vector<std::string> systems;
    bool all = false;
    unsigned jobs = 8;
    std::string policy_dir = policy::default_policy_dir();
    NetworkOptions network;
};

void print_summary(const audit::AuditSummary& s,
                   const std::string& db,
                   std::chrono::milliseconds took) {
    fmt::print("Audit run {} {} in {:.1f} s ({})\n",
               s.run_id,
               store::to_string(s.status),
               static_cast<double>(took.count()) / 1000.0,
               db);
    Table table({"", ""});
    table.add({"Systems audited", std::to_string(s.systems)});
    table.add({"Targets scanned",
               fmt::format("{} ({} could not be scanned)", s.targets, s.unscanned_targets)});
    table.add({"Rules passed", std::to_string(s.pass)});
    table.add({"Rules failed", std::to_string(s.fail)});
    table.add({"Rules in error", std::to_string(s.error)});
    table.add({"Not applicable", std::to_string(s.not_applicable)});
    table.print(stdout);
    Table findings({"Failed by severity", "critical", "high", "medium", "low", "info"});
    const auto& f = s.fail_by_severity;
    findings.add({"",
                  std::to_string(f[4]),
                  std::to_string(f[3]),
                  std::to_string(f[2]),
                  std::to_string(f[1]),
                  std::to_string(f[0])});
    findings.print(stdout);
    fmt::print("Findings: {} new, {} reopened, {} fixed\n",
               s.changes.opened,
               s.changes.reopened,
               s.changes.fixed);
}

int run_audit(const AuditOptions& options, CommandContext& context) {
    auto policies = policy::load_policy_dir(options.policy_dir);
    if (!policies) {
        return report_error(policies.error());
    }
    auto db = store::Database::open(options.db, store::OpenMode::MustExist);
    if (!db) {
        return report_error(db.error());
    }
    collect::CollectorRegistry collectors;
    checks::register_builtin(collectors);
    const SystemClock clock;
    RunContext run_context{
        *context.log, clock, options.network.deadlines(), options.network.ca_file, nullptr};
    audit::AuditRequest request{options.all ? std::vector<std::string>{} : options.systems,
                                options.jobs};
    const auto started = std::chrono::steady_clock::now();
    auto summary = audit::run_audit(*db, *policies, collectors, run_context, request);
    if (!summary) {
        return report_error(summary.error());
    }
    print_summary(*summary,
                  options.db,
                  std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started));
    return summary->fail > 0 ? kExitRuleFailed : kExitOk;
}

}  // namespace

void add_audit_command(CLI::App& app, CommandContext& context, int& exit_code) {
    auto options = std::make_shared<AuditOptions>();
    auto* cmd = app.add_subcommand("audit", "Audit registered systems and record the results");
    cmd->add_option("--db", options->db, "SQLite database")->required();
    auto* systems =
        cmd->add_option("--system", options->systems, "System id to audit (repeatable)");
    cmd->add_flag("--all", options->all, "Audit every registered system (the default)")
        ->excludes(systems);
    cmd->add_option("--jobs", options->jobs, "Targets scanned in parallel")
        ->check(CLI::Range(1U, limits::kMaxJobs))
        ->capture_default_str();
    cmd->add_option("--policies", options->policy_dir, "Policy directory")->capture_default_str();
    options->network.add_to(*cmd);
    cmd->callback([options, &context, &exit_code] { exit_code = run_audit(*options, context); });
}

}  // namespace attt::cli

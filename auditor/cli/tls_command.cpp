// `auditor tls HOST:PORT`: an ad-hoc scan of one endpoint, judged by the TLS rules; no database.
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "auditor/audit/target_evaluation.h"
#include "auditor/cli/commands.h"
#include "auditor/cli/exit_code.h"
#include "auditor/cli/network_options.h"
#include "auditor/cli/table.h"
#include "auditor/collect/runner.h"
#include "auditor/core/clock.h"
#include "auditor/inventory/endpoint_uri.h"
#include "checks/register_builtin.h"

namespace attt::cli {

namespace {

struct TlsOptions {
    std::string endpoint;
    std::string sni;
    int level = 3;
    bool json = false;
    std::string policy_dir = policy::default_policy_dir();
    NetworkOptions network;
};

void print_json(const plan::Target& target,
                const collect::CollectionResult& collected,
                const std::vector<evaluate::RuleResult>& results) {
    nlohmann::json facts = nlohmann::json::object();
    for (const auto& fact : collected.facts.all()) {
        std::visit([&](const auto& v) { facts[fact.name] = v; }, fact.value);
    }
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& r : results) {
        rules.push_back({{"rule_id", r.rule_id},
                         {"outcome", to_string(r.outcome)},
                         {"severity", to_string(r.severity)},
                         {"evidence", r.evidence}});
    }
    nlohmann::json out{{"endpoint", target.label()},
                       {"sni", target.endpoint->sni},
                       {"status", to_string(collected.status)},
                       {"detail", collected.detail},
                       {"duration_ms", collected.duration.count()},
                       {"facts", facts},
                       {"results", rules}};
    fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

void print_text(const plan::Target& target,
                const collect::CollectionResult& collected,
                const std::vector<evaluate::RuleResult>& results) {
    fmt::print("{} ({}): {}{}\n\n",
               target.label(),
               target.endpoint->expected_name(),
               to_string(collected.status),
               collected.detail.empty() ? "" : ": " + collected.detail);
    Table facts({"FACT", "VALUE"});
    for (const auto& fact : collected.facts.all()) {
        facts.add({fact.name, to_display(fact.value)});
    }
    facts.print(stdout);
    fmt::print("\n");
    Table rules({"RULE", "OUTCOME", "SEVERITY", "EVIDENCE"});
    for (const auto& r : results) {
        rules.add({r.rule_id,
                   std::string(to_string(r.outcome)),
                   std::string(to_string(r.severity)),
                   r.evidence});
    }
    rules.print(stdout);
}

int scan(const TlsOptions& options, CommandContext& context) {
    auto endpoint = inventory::parse_endpoint_uri("tls://" + options.endpoint);
    if (!endpoint) {
        return report_error(fmt::format("{}: {}", options.endpoint, endpoint.error().message));
    }
    endpoint->sni = options.sni;
    auto policies = policy::load_policy_dir(options.policy_dir);
    if (!policies) {
        return report_error(policies.error());
    }
    auto system = std::make_shared<inventory::System>();
    system->id = "ad-hoc";
    system->level = options.level;
    const plan::Target target{system, TargetKind::TlsEndpoint, *endpoint};
    collect::CollectorRegistry collectors;
    checks::register_builtin(collectors);
    const SystemClock clock;
    RunContext run_context{
        *context.log, clock, options.network.deadlines(), options.network.ca_file, nullptr};
    auto collected = collect::collect_one(target, collectors, run_context);
    const auto results = audit::evaluate_target(target, collected, *policies);
    (options.json ? print_json : print_text)(target, collected, results);
    const bool failed = std::any_of(
        results.begin(), results.end(), [](const auto& r) { return r.outcome == Outcome::Fail; });
    return failed ? kExitRuleFailed : kExitOk;
}

}  // namespace

void add_tls_command(CLI::App& app, CommandContext& context, int& exit_code) {
    auto options = std::make_shared<TlsOptions>();
    auto* cmd = app.add_subcommand("tls", "Scan one TLS endpoint now and judge it (no database)");
    cmd->add_option("ENDPOINT", options->endpoint, "HOST:PORT ([v6addr]:PORT for IPv6)")
        ->required();
    cmd->add_option(
        "--sni", options->sni, "Server name to send and to match the certificate against");
    cmd->add_option("--level", options->level, "Security level whose rules apply")
        ->check(CLI::Range(1, 5))
        ->capture_default_str();
    cmd->add_flag("--json", options->json, "Print JSON");
    cmd->add_option("--policies", options->policy_dir, "Policy directory")->capture_default_str();
    options->network.add_to(*cmd);
    cmd->callback([options, &context, &exit_code] { exit_code = scan(*options, context); });
}

}  // namespace attt::cli

// `auditor policy lint|list`: check policy files and show the rules in force.
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "auditor/cli/commands.h"
#include "auditor/cli/exit_code.h"
#include "auditor/cli/table.h"
#include "auditor/policy/policy_set.h"

namespace attt::cli {

namespace {

struct LintOptions {
    std::vector<std::string> files;
    std::string policy_dir = policy::default_policy_dir();
};

struct ListOptions {
    std::string policy_dir = policy::default_policy_dir();
    int level = 0;
    std::string lang = "vi";
    bool json = false;
};

int lint(const LintOptions& options) {
    auto set = policy::load_policy_files(options.files, options.policy_dir);
    if (!set) {
        return report_error(set.error());
    }
    fmt::print("{} polic{} OK: {} rules\n",
               set->policies.size(),
               set->policies.size() == 1 ? "y" : "ies",
               set->rules().size());
    return kExitOk;
}

int list(const ListOptions& options) {
    auto set = policy::load_policy_dir(options.policy_dir);
    if (!set) {
        return report_error(set.error());
    }
    Table table({"RULE", "SEVERITY", "LEVEL", "TARGET", "TITLE"});
    nlohmann::json json = nlohmann::json::array();
    std::size_t count = 0;
    for (const auto* rule : set->rules()) {
        if (options.level != 0 && rule->min_level > options.level) {
            continue;
        }
        ++count;
        table.add({rule->id,
                   std::string(to_string(rule->severity)),
                   fmt::format("{}+", rule->min_level),
                   std::string(to_string(rule->target)),
                   options.lang == "en" ? rule->title.en : rule->title.vi});
        json.push_back({{"id", rule->id},
                        {"policy", rule->policy_id},
                        {"severity", to_string(rule->severity)},
                        {"min_level", rule->min_level},
                        {"target", to_string(rule->target)},
                        {"title_vi", rule->title.vi},
                        {"title_en", rule->title.en}});
    }
    if (options.json) {
        fmt::print("{}\n", json.dump(2));
        return kExitOk;
    }
    table.print(stdout);
    fmt::print(
        "{} rules{}\n",
        count,
        options.level != 0 ? fmt::format(" apply at level {}", options.level) : std::string{});
    return kExitOk;
}

}  // namespace

void add_policy_command(CLI::App& app, CommandContext& /*context*/, int& exit_code) {
    auto* policy = app.add_subcommand("policy", "Check policy files and list rules");
    policy->require_subcommand(1);

    auto lint_options = std::make_shared<LintOptions>();
    auto* lint_cmd =
        policy->add_subcommand("lint", "Validate policy files (schema, safety, semantics)");
    lint_cmd->add_option("FILE", lint_options->files, "Policy XML files")->required();
    lint_cmd
        ->add_option(
            "--policies", lint_options->policy_dir, "Policy directory holding schema/policy.xsd")
        ->capture_default_str();
    lint_cmd->callback([lint_options, &exit_code] { exit_code = lint(*lint_options); });

    auto list_options = std::make_shared<ListOptions>();
    auto* list_cmd = policy->add_subcommand("list", "List the rules of the policy directory");
    list_cmd
        ->add_option("--level", list_options->level, "Only rules that apply at this security level")
        ->check(CLI::Range(1, 5));
    list_cmd->add_option("--policies", list_options->policy_dir, "Policy directory")
        ->capture_default_str();
    list_cmd->add_option("--lang", list_options->lang, "Language of titles")
        ->check(CLI::IsMember({"vi", "en"}))
        ->capture_default_str();
    list_cmd->add_flag("--json", list_options->json, "Print JSON instead of a table");
    list_cmd->callback([list_options, &exit_code] { exit_code = list(*list_options); });
}

}  // namespace attt::cli

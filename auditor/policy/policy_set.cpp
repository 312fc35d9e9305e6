#include "auditor/policy/policy_set.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "auditor/core/limits.h"
#include "auditor/policy/policy_linter.h"
#include "auditor/policy/policy_loader.h"
#include "auditor/policy/schema_validator.h"

namespace attt::policy {

namespace fs = std::filesystem;

std::vector<const Rule*> PolicySet::rules() const {
    std::vector<const Rule*> out;
    for (const auto& policy : policies) {
        for (const auto& rule : policy.rules) {
            out.push_back(&rule);
        }
    }
    return out;
}

const Rule* PolicySet::find_rule(const std::string& id) const {
    for (const auto* rule : rules()) {
        if (rule->id == id) {
            return rule;
        }
    }
    return nullptr;
}

std::vector<std::string> PolicySet::policy_ids() const {
    std::vector<std::string> ids;
    for (const auto& policy : policies) {
        ids.push_back(policy.id);
    }
    return ids;
}

std::string default_policy_dir() {
    const char* env = std::getenv("ATTT_POLICY_DIR");
    return env != nullptr && *env != '\0' ? std::string(env) : std::string(ATTT_POLICY_DIR);
}

std::string schema_path(const std::string& policy_dir) {
    return (fs::path(policy_dir) / "schema" / "policy.xsd").string();
}

Result<PolicySet> load_policy_files(const std::vector<std::string>& paths,
                                    const std::string& policy_dir) {
    auto schema = SchemaValidator::load(schema_path(policy_dir));
    if (!schema) {
        return tl::unexpected(schema.error());
    }
    PolicySet set;
    std::vector<std::string> problems;
    std::map<std::string, std::string> rule_places;
    for (const auto& path : paths) {
        auto policy = load_policy_file(path, *schema);
        if (!policy) {
            problems.push_back(policy.error().message);
            for (std::size_t i = 1; i < policy.error().details.size(); ++i) {
                problems.push_back(policy.error().details[i]);
            }
            continue;
        }
        auto lint = lint_policy(*policy);
        problems.insert(problems.end(), lint.begin(), lint.end());
        for (const auto& rule : policy->rules) {
            auto [it, inserted] = rule_places.emplace(rule.id, rule.place);
            if (!inserted) {
                problems.push_back(fmt::format(
                    "{}: rule id {} is already defined at {}", rule.place, rule.id, it->second));
            }
        }
        set.policies.push_back(std::move(*policy));
    }
    if (!problems.empty()) {
        std::string first = problems.front();
        return fail(std::move(first), std::move(problems));
    }
    return set;
}

Result<PolicySet> load_policy_dir(const std::string& policy_dir) {
    std::error_code ec;
    if (!fs::is_directory(policy_dir, ec)) {
        return fail(fmt::format("{}: policy directory not found", policy_dir));
    }
    std::vector<std::string> paths;
    for (auto it = fs::recursive_directory_iterator(policy_dir, ec);
         !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_directory() && it->path().filename() == "schema") {
            it.disable_recursion_pending();
        } else if (it->is_regular_file() && it->path().extension() == ".xml") {
            paths.push_back(it->path().string());
        }
        if (paths.size() > limits::kMaxPolicyFiles) {
            return fail(
                fmt::format("{}: more than {} policy files", policy_dir, limits::kMaxPolicyFiles));
        }
    }
    if (paths.empty()) {
        return fail(fmt::format("{}: no policy files (*.xml)", policy_dir));
    }
    std::sort(paths.begin(), paths.end());
    return load_policy_files(paths, policy_dir);
}

}  // namespace attt::policy

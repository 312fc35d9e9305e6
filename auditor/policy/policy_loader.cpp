#include "auditor/policy/policy_loader.h"

#include <array>
#include <cstring>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "auditor/core/limits.h"
#include "auditor/core/place.h"
#include "auditor/core/text_split.h"
#include "auditor/policy/safe_xml.h"

namespace attt::policy {

namespace {

constexpr const char* kNamespace = "urn:attt:policy:1";

bool is(const xmlNode* node, const char* name) {
    return node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
           std::strcmp(reinterpret_cast<const char*>(node->ns->href), kNamespace) == 0 &&
           std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

std::string attribute(const xmlNode* node, const char* name) {
    XmlCharPtr value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
    return value ? reinterpret_cast<const char*>(value.get()) : std::string{};
}

std::string content(const xmlNode* node) {
    XmlCharPtr value(xmlNodeGetContent(node));
    return value ? reinterpret_cast<const char*>(value.get()) : std::string{};
}

/// Collapses the line breaks and indentation of multi-line XML text into single spaces.
std::string normalise_space(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : trim(s)) {
        const bool is_space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (is_space && !space) {
            out += ' ';
        } else if (!is_space) {
            out += c;
        }
        space = is_space;
    }
    return out;
}

void read_text(const xmlNode* node, Text& text) {
    (attribute(node, "lang") == "vi" ? text.vi : text.en) = normalise_space(content(node));
}

Operator parse_operator(const std::string& op) {
    static constexpr std::array<std::pair<std::string_view, Operator>, 11> kOps{{
        {"eq", Operator::Eq},
        {"ne", Operator::Ne},
        {"lt", Operator::Lt},
        {"le", Operator::Le},
        {"gt", Operator::Gt},
        {"ge", Operator::Ge},
        {"in", Operator::In},
        {"not-in", Operator::NotIn},
        {"contains", Operator::Contains},
        {"not-contains", Operator::NotContains},
        {"exists", Operator::Exists},
    }};
    for (const auto& [name, value] : kOps) {
        if (op == name) {
            return value;
        }
    }
    return Operator::Eq;  // unreachable after schema validation
}

class RuleBuilder {
public:
    explicit RuleBuilder(const std::string& path) : path_(path) {}

    Result<Condition> condition(const xmlNode* node, std::size_t depth) {
        if (depth > limits::kMaxConditionDepth) {
            return fail(fmt::format("{}: condition nested deeper than {} levels",
                                    file_place(path_, xmlGetLineNo(node)),
                                    limits::kMaxConditionDepth));
        }
        Condition c;
        c.line = static_cast<std::size_t>(xmlGetLineNo(node));
        if (is(node, "fact")) {
            c.kind = Condition::Kind::Fact;
            c.fact = attribute(node, "name");
            c.op = parse_operator(attribute(node, "op"));
            c.value = attribute(node, "value");
            c.values = split_trimmed(c.value, ',');
            return c;
        }
        c.kind = is(node, "all")   ? Condition::Kind::All
                 : is(node, "any") ? Condition::Kind::Any
                                   : Condition::Kind::Not;
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) {
                continue;
            }
            auto sub = condition(child, depth + 1);
            if (!sub) {
                return sub;
            }
            c.children.push_back(std::move(*sub));
        }
        return c;
    }

    Result<Condition> single_child(const xmlNode* node) {
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (child->type == XML_ELEMENT_NODE) {
                return condition(child, 1);
            }
        }
        return fail(fmt::format("{}: empty condition", file_place(path_, xmlGetLineNo(node))));
    }

    Result<Rule> rule(const xmlNode* node) {
        Rule r;
        r.id = attribute(node, "id");
        r.place = file_place(path_, static_cast<std::size_t>(xmlGetLineNo(node)));
        r.severity = parse_severity(attribute(node, "severity")).value_or(Severity::Medium);
        r.min_level = std::stoi(attribute(node, "min-level"));
        r.target = parse_target_kind(attribute(node, "target")).value_or(TargetKind::System);
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (auto ok = rule_part(child, r); !ok) {
                return tl::unexpected(ok.error());
            }
        }
        return r;
    }

private:
    Result<void> rule_part(const xmlNode* child, Rule& r) {
        if (is(child, "title")) {
            read_text(child, r.title);
        } else if (is(child, "description")) {
            read_text(child, r.description);
        } else if (is(child, "remediation")) {
            read_text(child, r.remediation);
        } else if (is(child, "reference")) {
            r.references.push_back({attribute(child, "source"),
                                    attribute(child, "clause"),
                                    attribute(child, "confidence")});
            if (r.references.back().confidence.empty()) {
                r.references.back().confidence = "verified";
            }
        } else if (is(child, "check") || is(child, "applies-when")) {
            auto c = single_child(child);
            if (!c) {
                return tl::unexpected(c.error());
            }
            (is(child, "check") ? r.check : r.applies_when.emplace()) = std::move(*c);
        }
        return {};
    }

    const std::string& path_;
};

}  // namespace

Result<Policy> load_policy_file(const std::string& path, const SchemaValidator& schema) {
    auto doc = read_xml_file(path, limits::kMaxPolicyBytes);
    if (!doc) {
        return tl::unexpected(doc.error());
    }
    if (auto valid = schema.validate(path, doc->get()); !valid) {
        return tl::unexpected(valid.error());
    }
    const xmlNode* root = xmlDocGetRootElement(doc->get());
    Policy policy;
    policy.path = path;
    policy.id = attribute(root, "id");
    policy.version = attribute(root, "version");
    RuleBuilder builder(path);
    for (const xmlNode* child = root->children; child != nullptr; child = child->next) {
        if (is(child, "title")) {
            read_text(child, policy.title);
        } else if (is(child, "rule")) {
            auto rule = builder.rule(child);
            if (!rule) {
                return tl::unexpected(rule.error());
            }
            rule->policy_id = policy.id;
            policy.rules.push_back(std::move(*rule));
        }
    }
    return policy;
}

}  // namespace attt::policy

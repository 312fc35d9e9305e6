// What the officers' run report says: everything about one audit run, as plain data.
// Built from the store by report queries (reports/model/run_model_builder.h); rendered to
// HTML or JSON by reports/render/. No renderer computes its own figures.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace attt::reports {

/// Bilingual text from the policy (titles, remediation).
struct LocalText {
    std::string vi;
    std::string en;
};

struct RuleResultRow {
    std::string rule_id;
    LocalText title;
    std::string severity;  ///< "info", "low", "medium", "high", "critical"
    std::string outcome;   ///< "pass", "fail", "error", "not-applicable", "not-checked"
    std::string evidence;  ///< one line: facts that decided, with their source
    LocalText remediation;
};

struct TargetRow {
    std::string label;   ///< "system" or "127.0.0.1:8443"
    std::string kind;    ///< "system", "tls-endpoint"
    std::string sni;     ///< expected server name, may be empty
    std::string status;  ///< "ok", "unreachable", "timeout", "not-tls", "protocol-error", "error"
    std::string detail;  ///< one line when status is not ok
    std::int64_t duration_ms = 0;
    std::vector<RuleResultRow> results;
};

struct OutcomeCounts {
    std::int64_t pass = 0;
    std::int64_t fail = 0;
    std::int64_t error = 0;
    std::int64_t not_applicable = 0;
    std::int64_t not_checked = 0;
};

struct SystemRow {
    std::string id;
    std::string name;
    std::string unit_id;
    std::string unit_name;
    std::string owner;
    std::string contact;
    int level = 0;
    std::string approval_status;  ///< "approved", "pending", "not-submitted", "expired"
    std::string decision_no;
    std::string legal_basis;  ///< "nd85-2016", "nd331-2026"
    OutcomeCounts counts;
    std::vector<TargetRow> targets;
};

struct RunModel {
    std::int64_t run_id = 0;
    std::string started_at;   ///< ISO 8601 UTC
    std::string finished_at;  ///< empty while running
    std::string status;       ///< "running", "completed", "interrupted", "failed"
    std::string tool_version;
    std::vector<std::string> policies;  ///< ids of the policies evaluated
    OutcomeCounts totals;
    /// Open findings of this run's systems by severity name ("critical" → 3), all five keys
    /// present.
    std::map<std::string, std::int64_t> findings_by_severity;
    std::vector<SystemRow> systems;
};

}  // namespace attt::reports

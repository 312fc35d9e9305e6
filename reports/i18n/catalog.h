// The message catalogue: every piece of report text for people, in Vietnamese and English.
// Fixed texts are looked up by MessageKey (a typo is a compile error, not a blank in a report);
// the stable names stored in the database (outcomes, severities, approval and target statuses,
// legal bases) are looked up by vocabulary and name. The data is one table in catalog.cpp.
#pragma once

#include <optional>
#include <string_view>

#include "reports/i18n/lang.h"

namespace attt::reports {

enum class MessageKey {
    // Both documents
    ProductName,
    GeneratedBy,
    NotFinished,
    Systems,
    // Run report: header and totals
    RunTitle,
    AuditRun,
    Started,
    Finished,
    RunStatus,
    Tool,
    Policies,
    Totals,
    SystemsAudited,
    RuleResults,
    OpenFindings,
    Overview,
    NoSystems,
    // Run report: one system
    System,
    SystemId,
    Unit,
    Owner,
    Contact,
    Level,
    Approval,
    DecisionNo,
    LegalBasis,
    // Run report: targets and rule results
    Target,
    ServerName,
    Connection,
    Duration,
    Rule,
    Severity,
    Outcome,
    Evidence,
    Remediation,
    NoResults,
    // Summary report
    SummaryTitle,
    Generated,
    FiguresFromRun,
    ApprovedShare,
    CompliantShare,
    AuditedShare,
    UnreachableTargets,
    FindingsBySeverity,
    ComplianceByLevel,
    CompliantSystems,
    ComplianceRate,
    UnitsRanked,
    Approved,
    Compliant,
    TopFailedRules,
    SystemsFailing,
    None,
    Count,  ///< not a message: the number of keys
};

/// The stable names that come from the store, each with its translations.
enum class Vocabulary {
    Outcome,       ///< pass, fail, error, not-applicable, not-checked
    Severity,      ///< critical, high, medium, low, info
    Approval,      ///< approved, pending, not-submitted, expired
    TargetStatus,  ///< ok, unreachable, timeout, not-tls, protocol-error, error
    TargetKind,    ///< system, tls-endpoint
    RunStatus,     ///< running, completed, interrupted, failed
    LegalBasis,    ///< nd85-2016, nd331-2026
};

/// The text for `key` in `lang`.
std::string_view tr(Lang lang, MessageKey key);

/// The translation of a stable name, or nullopt when the vocabulary does not know it.
std::optional<std::string_view> find_name(Lang lang, Vocabulary vocabulary, std::string_view name);

/// The translation of a stable name; an unknown name comes back as it is (a view of `name`), so
/// a gap shows in the report instead of vanishing. Callers escape it like any input.
std::string_view tr(Lang lang, Vocabulary vocabulary, std::string_view name);

}  // namespace attt::reports

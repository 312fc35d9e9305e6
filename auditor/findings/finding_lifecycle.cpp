#include "auditor/findings/finding_lifecycle.h"

#include "auditor/core/enum_names.h"

namespace attt::findings {

namespace {

constexpr EnumNames<FindingStatus, 3> kNames{{{
    {FindingStatus::Open, "open"},
    {FindingStatus::Fixed, "fixed"},
    {FindingStatus::Reopened, "reopened"},
}}};

bool is_open(std::optional<FindingStatus> s) {
    return s == FindingStatus::Open || s == FindingStatus::Reopened;
}

}  // namespace

std::string_view to_string(FindingStatus status) {
    return kNames.name(status);
}

std::optional<FindingStatus> parse_finding_status(std::string_view text) {
    return kNames.parse(text);
}

Transition next_transition(std::optional<FindingStatus> previous, Outcome outcome) {
    switch (outcome) {
        case Outcome::Fail:
            if (!previous) {
                return Transition::Opened;
            }
            return is_open(previous) ? Transition::SeenAgain : Transition::Reopened;
        case Outcome::Pass:
        case Outcome::NotApplicable:
            return is_open(previous) ? Transition::Fixed : Transition::None;
        case Outcome::Error:
        case Outcome::NotChecked:
            return Transition::None;
    }
    return Transition::None;
}

std::optional<FindingStatus> status_after(std::optional<FindingStatus> previous, Transition t) {
    switch (t) {
        case Transition::Opened:
            return FindingStatus::Open;
        case Transition::Fixed:
            return FindingStatus::Fixed;
        case Transition::Reopened:
            return FindingStatus::Reopened;
        case Transition::SeenAgain:
        case Transition::None:
            return previous;
    }
    return previous;
}

}  // namespace attt::findings

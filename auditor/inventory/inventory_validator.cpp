#include "auditor/inventory/inventory_validator.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "auditor/core/limits.h"
#include "auditor/core/time_format.h"
#include "auditor/inventory/endpoint_uri.h"
#include "auditor/inventory/legal_basis.h"
#include "auditor/inventory/security_level.h"

namespace attt::inventory {

namespace {

const std::set<std::string> kUnitKinds{"department", "police", "district", "commune", "agency"};

class RecordChecker {
public:
    explicit RecordChecker(std::vector<std::string>& problems) : problems_(problems) {}

    System check(const RawRecord& raw) {
        place_ = &raw.place;
        System system;
        system.id = required(raw.system_id, "system_id");
        system.name = required(raw.system_name, "system_name");
        system.unit_id = required(raw.unit_id, "unit_id");
        required(raw.unit_name, "unit_name");
        if (!kUnitKinds.contains(raw.unit_kind)) {
            report("unit_kind '{}' is not one of department, police, district, commune, agency",
                   raw.unit_kind);
        }
        system.owner = required(raw.owner, "owner");
        system.contact = raw.contact;
        system.level = check_level(raw.level);
        check_approval(raw, system);
        check_endpoints(raw, system);
        return system;
    }

private:
    template <class... Args>
    void report(fmt::format_string<Args...> format, Args&&... args) {
        problems_.push_back(
            fmt::format("{}: {}", *place_, fmt::format(format, std::forward<Args>(args)...)));
    }

    std::string required(const std::string& value, const char* field) {
        if (value.empty()) {
            report("missing {}", field);
        }
        return value;
    }

    int check_level(const std::string& text) {
        auto level = parse_level(text);
        if (!level) {
            report("level '{}' is not a security level from 1 to 5", text);
            return 0;
        }
        return *level;
    }

    void check_approval(const RawRecord& raw, System& system) {
        auto status = parse_approval_status(raw.approval_status);
        if (!status) {
            report("approval_status '{}' is not one of {}",
                   raw.approval_status,
                   accepted_approval_statuses());
            return;
        }
        system.approval = *status;
        system.decision_no = raw.decision_no;
        system.decision_date = raw.decision_date;
        system.legal_basis = raw.legal_basis.empty() ? std::string(kDecree85) : raw.legal_basis;
        if (!is_known_legal_basis(system.legal_basis)) {
            report("legal_basis '{}' is not one of {}, {}", raw.legal_basis, kDecree85, kDecree331);
        }
        if (!raw.decision_date.empty() && !parse_date(raw.decision_date)) {
            report("decision_date '{}' is not a date of the form YYYY-MM-DD", raw.decision_date);
        }
        if (*status == ApprovalStatus::Approved &&
            (raw.decision_no.empty() || raw.decision_date.empty())) {
            report("an approved system needs decision_no and decision_date");
        }
    }

    void check_endpoints(const RawRecord& raw, System& system) {
        if (raw.endpoints.size() > limits::kMaxEndpointsPerSystem) {
            report("more than {} endpoints", limits::kMaxEndpointsPerSystem);
            return;
        }
        std::set<std::string> seen;
        for (const auto& text : raw.endpoints) {
            auto endpoint = parse_endpoint_uri(text);
            if (!endpoint) {
                report("{}", endpoint.error().message);
                continue;
            }
            if (!seen.insert(endpoint->place()).second) {
                report("endpoint {} is listed twice", endpoint->place());
                continue;
            }
            system.endpoints.push_back(std::move(*endpoint));
        }
    }

    std::vector<std::string>& problems_;
    const std::string* place_ = nullptr;
};

void check_unit_consistency(const RawRecord& raw,
                            std::map<std::string, Unit>& units,
                            std::vector<Unit>& order,
                            std::vector<std::string>& problems) {
    if (raw.unit_id.empty()) {
        return;
    }
    Unit unit{raw.unit_id, raw.unit_name, raw.unit_kind};
    auto [it, inserted] = units.emplace(unit.id, unit);
    if (inserted) {
        order.push_back(unit);
    } else if (it->second.name != unit.name || it->second.kind != unit.kind) {
        problems.push_back(fmt::format("{}: unit {} is named '{}' ({}) here but '{}' ({}) earlier",
                                       raw.place,
                                       unit.id,
                                       unit.name,
                                       unit.kind,
                                       it->second.name,
                                       it->second.kind));
    }
}

}  // namespace

Result<Inventory> validate_records(const std::string& source,
                                   const std::vector<RawRecord>& records) {
    std::vector<std::string> problems;
    Inventory inventory;
    std::map<std::string, Unit> units;
    std::map<std::string, std::string> first_place_of_id;
    RecordChecker checker(problems);
    for (const auto& raw : records) {
        System system = checker.check(raw);
        check_unit_consistency(raw, units, inventory.units, problems);
        if (!raw.system_id.empty()) {
            auto [it, inserted] = first_place_of_id.emplace(raw.system_id, raw.place);
            if (!inserted) {
                problems.push_back(fmt::format("{}: duplicate system id {} (first at {})",
                                               raw.place,
                                               raw.system_id,
                                               it->second));
            }
        }
        inventory.systems.push_back(std::move(system));
    }
    if (records.empty()) {
        problems.push_back(fmt::format("{}: no systems in the file", source));
    }
    if (!problems.empty()) {
        return fail_import(source, std::move(problems));
    }
    return inventory;
}

}  // namespace attt::inventory

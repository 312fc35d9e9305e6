// One system as it appears in an import file, before validation: every field still text,
// with the place it came from. CSV and JSON importers both produce these, so the rules for
// what a valid record is live in one place (inventory_validator.h).
#pragma once

#include <string>
#include <vector>

namespace attt::inventory {

struct RawRecord {
    std::string place;  ///< "inventory.csv:12" or "inventory.json: systems[3]"
    std::string system_id;
    std::string system_name;
    std::string unit_id;
    std::string unit_name;
    std::string unit_kind;
    std::string owner;
    std::string contact;
    std::string level;
    std::string approval_status;
    std::string decision_no;
    std::string decision_date;
    std::string legal_basis;
    std::vector<std::string> endpoints;  ///< "service://host:port?sni=name"
};

}  // namespace attt::inventory

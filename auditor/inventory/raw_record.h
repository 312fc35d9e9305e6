// One system as it appears in an import file, before validation: every field still text,
// with the place it came from. CSV and JSON importers both produce these, so the rules for
// what a valid record is live in one place (inventory_validator.h).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
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

/// The text fields of a record by their column (CSV) or key (JSON) name; `endpoints` is read
/// separately because it is a list.
using RawField = std::string RawRecord::*;
inline constexpr std::array<std::pair<std::string_view, RawField>, 12> kRawFields{{
    {"system_id", &RawRecord::system_id},
    {"system_name", &RawRecord::system_name},
    {"unit_id", &RawRecord::unit_id},
    {"unit_name", &RawRecord::unit_name},
    {"unit_kind", &RawRecord::unit_kind},
    {"owner", &RawRecord::owner},
    {"contact", &RawRecord::contact},
    {"level", &RawRecord::level},
    {"approval_status", &RawRecord::approval_status},
    {"decision_no", &RawRecord::decision_no},
    {"decision_date", &RawRecord::decision_date},
    {"legal_basis", &RawRecord::legal_basis},
}};

}  // namespace attt::inventory

// An information system in the registry: who owns it, which security level it was approved
// for and under which decree, and where it can be reached.
#pragma once

#include <string>
#include <vector>

#include "auditor/inventory/approval_status.h"
#include "auditor/inventory/endpoint.h"

namespace attt::inventory {

struct System {
    std::string id;    ///< stable id, e.g. "VP-DVC-01"
    std::string name;  ///< Vietnamese name
    std::string unit_id;
    std::string owner;    ///< the owner (chủ quản) or responsible person
    std::string contact;  ///< e-mail or phone of the contact person
    int level = 0;        ///< approved or proposed security level, 1-5
    ApprovalStatus approval = ApprovalStatus::NotSubmitted;
    std::string decision_no;    ///< e.g. "1234/QĐ-UBND"; required when approved
    std::string decision_date;  ///< YYYY-MM-DD; required when approved
    std::string legal_basis;    ///< "nd85-2016" or "nd331-2026"
    std::vector<Endpoint> endpoints;
};

}  // namespace attt::inventory

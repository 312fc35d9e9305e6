// An owning unit (cơ quan, đơn vị): a department, the provincial police, a district, a commune.
#pragma once

#include <string>

namespace attt::inventory {

struct Unit {
    std::string id;    ///< stable short code, e.g. "SO-TTTT"
    std::string name;  ///< Vietnamese name, e.g. "Sở Thông tin và Truyền thông"
    std::string kind;  ///< "department", "police", "district", "commune", "agency"
};

}  // namespace attt::inventory

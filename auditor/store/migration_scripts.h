// The numbered schema migrations, embedded from auditor/store/migrations/NNN_name.sql.
// Migration N brings the schema to PRAGMA user_version N.
#pragma once

#include <string_view>
#include <vector>

namespace attt::store {

struct MigrationScript {
    std::string_view name;  ///< "001_initial.sql"
    std::string_view sql;
};

/// In order: element i is migration i + 1.
const std::vector<MigrationScript>& migration_scripts();

}  // namespace attt::store

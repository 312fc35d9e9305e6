#include "auditor/inventory/inventory_file.h"

#include <filesystem>

#include <fmt/format.h>

#include "auditor/core/limits.h"
#include "auditor/core/text_file.h"
#include "auditor/inventory/csv_importer.h"
#include "auditor/inventory/inventory_validator.h"
#include "auditor/inventory/json_importer.h"

namespace attt::inventory {

Result<Inventory> load_inventory_file(const std::string& path) {
    const auto extension = std::filesystem::path(path).extension().string();
    if (extension != ".csv" && extension != ".json") {
        return fail(
            fmt::format("{}: unknown inventory format '{}' (use .csv or .json)", path, extension));
    }
    auto text = read_text_file(path, limits::kMaxInventoryBytes);
    if (!text) {
        return tl::unexpected(text.error());
    }
    const std::string_view body = strip_bom(*text);
    if (auto utf8 = require_utf8(path, body); !utf8) {
        return tl::unexpected(utf8.error());
    }
    auto records =
        extension == ".csv" ? read_csv_records(path, body) : read_json_records(path, body);
    if (!records) {
        return tl::unexpected(records.error());
    }
    return validate_records(path, *records);
}

}  // namespace attt::inventory

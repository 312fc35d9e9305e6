#include "auditor/inventory/json_importer.h"

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "auditor/core/limits.h"

namespace attt::inventory {

namespace {

using Json = nlohmann::json;
// Nesting deeper than this cannot be an inventory; refusing it early bounds the parser's stack.
constexpr std::size_t kMaxJsonDepth = 16;

/// Reads one field as text; numbers are accepted for "level" (3 as well as "3").
bool read_field(const Json& item, std::string_view key, std::string& out) {
    auto it = item.find(key);
    if (it == item.end() || it->is_null()) {
        return true;
    }
    if (it->is_string()) {
        out = it->get<std::string>();
        return true;
    }
    if (it->is_number_integer()) {
        out = std::to_string(it->get<std::int64_t>());
        return true;
    }
    return false;
}

void read_record(const Json& item, RawRecord& record, std::vector<std::string>& problems) {
    for (const auto& [key, field] : kRawFields) {
        if (!read_field(item, key, record.*field)) {
            problems.push_back(fmt::format("{}: {} must be a string", record.place, key));
        }
    }
    auto endpoints = item.find("endpoints");
    if (endpoints == item.end()) {
        return;
    }
    if (!endpoints->is_array()) {
        problems.push_back(fmt::format("{}: endpoints must be a list of strings", record.place));
        return;
    }
    for (const auto& e : *endpoints) {
        if (!e.is_string()) {
            problems.push_back(
                fmt::format("{}: endpoints must be a list of strings", record.place));
            return;
        }
        record.endpoints.push_back(e.get<std::string>());
    }
}

}  // namespace

Result<std::vector<RawRecord>> read_json_records(const std::string& path, std::string_view text) {
    Json doc;
    try {
        std::size_t depth = 0;
        bool too_deep = false;
        doc = Json::parse(text, [&](int d, Json::parse_event_t, Json&) {
            depth = static_cast<std::size_t>(d);
            too_deep = too_deep || depth > kMaxJsonDepth;
            return !too_deep;
        });
        if (too_deep) {
            return fail(fmt::format("{}: nesting deeper than {} levels", path, kMaxJsonDepth));
        }
    } catch (const Json::parse_error& e) {
        return fail(fmt::format("{}: not valid JSON (byte {}): {}",
                                path,
                                e.byte,
                                std::string(e.what()).substr(0, 200)));
    }
    if (!doc.is_object() || !doc.contains("systems") || !doc["systems"].is_array()) {
        return fail(fmt::format("{}: expected an object with a \"systems\" list", path));
    }
    const auto& systems = doc["systems"];
    if (systems.size() > limits::kMaxInventoryRows) {
        return fail(fmt::format("{}: more than {} systems", path, limits::kMaxInventoryRows));
    }
    std::vector<RawRecord> records;
    std::vector<std::string> problems;
    for (std::size_t i = 0; i < systems.size(); ++i) {
        RawRecord record;
        record.place = fmt::format("{}: systems[{}]", path, i);
        if (!systems[i].is_object()) {
            problems.push_back(fmt::format("{}: must be an object", record.place));
            continue;
        }
        read_record(systems[i], record, problems);
        records.push_back(std::move(record));
    }
    if (!problems.empty()) {
        return fail_import(path, std::move(problems));
    }
    return records;
}

}  // namespace attt::inventory

#include "auditor/inventory/csv_importer.h"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "auditor/core/place.h"
#include "auditor/core/text_split.h"
#include "auditor/inventory/csv_reader.h"

namespace attt::inventory {

namespace {

constexpr std::string_view kEndpointsColumn = "endpoints";
// Columns that may be left out of the header entirely.
const std::array<std::string_view, 4> kOptional{"contact",
                                                "decision_no",
                                                "decision_date",
                                                "legal_basis"};

Result<std::map<std::string, std::size_t>> map_header(const std::string& path,
                                                      const CsvRow& header) {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        index[trim(header.fields[i])] = i;
    }
    std::vector<std::string_view> missing;
    for (const auto& [name, field] : kRawFields) {
        const bool optional =
            std::find(kOptional.begin(), kOptional.end(), name) != kOptional.end();
        if (!index.contains(std::string(name)) && !optional) {
            missing.push_back(name);
        }
    }
    if (!missing.empty()) {
        return fail(fmt::format("{}: header lacks column{} {}",
                                file_place(path, header.line),
                                missing.size() == 1 ? "" : "s",
                                fmt::join(missing, ", ")));
    }
    return index;
}

}  // namespace

Result<std::vector<RawRecord>> read_csv_records(const std::string& path, std::string_view text) {
    auto rows = read_csv(path, text);
    if (!rows) {
        return tl::unexpected(rows.error());
    }
    if (rows->empty()) {
        return fail(fmt::format("{}: the file is empty; expected a header row", path));
    }
    auto index = map_header(path, rows->front());
    if (!index) {
        return tl::unexpected(index.error());
    }
    const std::size_t width = rows->front().fields.size();
    std::vector<RawRecord> records;
    std::vector<std::string> problems;
    for (auto row = rows->begin() + 1; row != rows->end(); ++row) {
        RawRecord record;
        record.place = file_place(path, row->line);
        if (row->fields.size() != width) {
            problems.push_back(fmt::format(
                "{}: {} fields, but the header has {}", record.place, row->fields.size(), width));
            continue;
        }
        for (const auto& [name, field] : kRawFields) {
            if (auto it = index->find(std::string(name)); it != index->end()) {
                record.*field = trim(row->fields[it->second]);
            }
        }
        if (auto it = index->find(std::string(kEndpointsColumn)); it != index->end()) {
            record.endpoints = split_trimmed(row->fields[it->second], ';');
        }
        records.push_back(std::move(record));
    }
    if (!problems.empty()) {
        return fail_import(path, std::move(problems), "malformed row");
    }
    return records;
}

}  // namespace attt::inventory

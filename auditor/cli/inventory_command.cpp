// `auditor inventory import|list`: the registry of systems.
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "auditor/cli/commands.h"
#include "auditor/cli/exit_code.h"
#include "auditor/cli/table.h"
#include "auditor/core/clock.h"
#include "auditor/inventory/endpoint_uri.h"
#include "auditor/inventory/inventory_file.h"
#include "auditor/store/inventory_store.h"

namespace attt::cli {

namespace {

struct ImportOptions {
    std::string file;
    std::string db;
};

struct ListOptions {
    std::string db;
    bool json = false;
};

int import_inventory(const ImportOptions& options, CommandContext& context) {
    // Validate the whole file before touching the database: a bad file changes nothing.
    auto inventory = inventory::load_inventory_file(options.file);
    if (!inventory) {
        return report_error(inventory.error());
    }
    auto db = store::Database::open(options.db, store::OpenMode::CreateIfMissing);
    if (!db) {
        return report_error(db.error());
    }
    const auto summary = store::import_inventory(*db, *inventory, SystemClock{}.now());
    context.log->info("imported {} into {}", options.file, options.db);
    fmt::print("Imported {} systems ({} new, {} updated) in {} units with {} endpoints into {}\n",
               summary.systems_added + summary.systems_updated,
               summary.systems_added,
               summary.systems_updated,
               summary.units,
               summary.endpoints,
               options.db);
    return kExitOk;
}

nlohmann::json system_to_json(const inventory::System& s) {
    nlohmann::json endpoints = nlohmann::json::array();
    for (const auto& e : s.endpoints) {
        endpoints.push_back(inventory::format_endpoint_uri(e));
    }
    return {{"system_id", s.id},
            {"system_name", s.name},
            {"unit_id", s.unit_id},
            {"owner", s.owner},
            {"contact", s.contact},
            {"level", s.level},
            {"approval_status", inventory::to_string(s.approval)},
            {"decision_no", s.decision_no},
            {"decision_date", s.decision_date},
            {"legal_basis", s.legal_basis},
            {"endpoints", endpoints}};
}

int list_inventory(const ListOptions& options) {
    auto db = store::Database::open(options.db, store::OpenMode::MustExist);
    if (!db) {
        return report_error(db.error());
    }
    const auto systems = store::load_systems(*db);
    if (options.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : systems) {
            out.push_back(system_to_json(s));
        }
        fmt::print("{}\n", out.dump(2));
        return kExitOk;
    }
    Table table({"SYSTEM", "LEVEL", "APPROVAL", "UNIT", "ENDPOINTS", "NAME"});
    for (const auto& s : systems) {
        table.add({s.id,
                   std::to_string(s.level),
                   std::string(inventory::to_string(s.approval)),
                   s.unit_id,
                   std::to_string(s.endpoints.size()),
                   s.name});
    }
    table.print(stdout);
    fmt::print("{} systems\n", systems.size());
    return kExitOk;
}

}  // namespace

void add_inventory_command(CLI::App& app, CommandContext& context, int& exit_code) {
    auto* inventory = app.add_subcommand("inventory", "Import and list the registry of systems");
    inventory->require_subcommand(1);

    auto import_options = std::make_shared<ImportOptions>();
    auto* import = inventory->add_subcommand(
        "import",
        "Import systems from a CSV or JSON file; a file with any problem changes nothing");
    import->add_option("FILE", import_options->file, "Inventory file (.csv or .json)")->required();
    import->add_option("--db", import_options->db, "SQLite database (created if missing)")
        ->required();
    import->callback([import_options, &context, &exit_code] {
        exit_code = import_inventory(*import_options, context);
});

auto list_options = std::make_shared<ListOptions>();
auto* list = inventory->add_subcommand("list", "List registered systems");
list->add_option("--db", list_options->db, "SQLite database")->required();
list->add_flag("--json", list_options->json, "Print JSON instead of a table");
list->callback([list_options, &exit_code] { exit_code = list_inventory(*list_options); });
}  // namespace attt::cli

}  // namespace attt::cli

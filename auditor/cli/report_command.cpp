// `auditor report run|summary`: documents for officers and leadership, read from the store.
#include <cstdio>
#include <fstream>
#include <optional>

#include <fmt/format.h>

#include "auditor/cli/commands.h"
#include "auditor/cli/exit_code.h"
#include "auditor/core/clock.h"
#include "auditor/store/report_queries.h"
#include "reports/i18n/lang.h"
#include "reports/render/run_html.h"
#include "reports/render/run_json.h"
#include "reports/render/summary_html.h"
#include "reports/render/summary_json.h"

namespace attt::cli {

namespace {

struct ReportOptions {
    std::string db;
    std::int64_t run_id = 0;
    std::string format = "html";
    std::string lang = "vi";
    std::string output;
};

/// Writes to a temporary name first, so a reader never sees half a report.
int write_document(const std::string& path, const std::string& body) {
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << body;
        if (!out.flush()) {
            return report_error(fmt::format("{}: cannot write the report", path));
        }
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0) {
        std::remove(partial.c_str());
        return report_error(fmt::format("{}: cannot write the report", path));
    }
    fmt::print("Wrote {} ({} bytes)\n", path, body.size());
    return kExitOk;
}

std::optional<std::int64_t> requested_run(const ReportOptions& o) {
    return o.run_id > 0 ? std::optional(o.run_id) : std::nullopt;
}

int report_run(const ReportOptions& o) {
    auto db = store::Database::open(o.db, store::OpenMode::MustExist);
    if (!db) {
        return report_error(db.error());
    }
    auto model = store::load_run_model(*db, requested_run(o));
    if (!model) {
        return report_error(model.error());
    }
    const auto lang = reports::parse_lang(o.lang).value_or(reports::Lang::Vi);
    return write_document(o.output,
                          o.format == "json" ? reports::render_run_json(*model)
                                             : reports::render_run_html(*model, lang));
}

int report_summary(const ReportOptions& o) {
    auto db = store::Database::open(o.db, store::OpenMode::MustExist);
    if (!db) {
        return report_error(db.error());
    }
    auto model = store::load_summary_model(*db, requested_run(o), SystemClock{}.now());
    if (!model) {
        return report_error(model.error());
    }
    const auto lang = reports::parse_lang(o.lang).value_or(reports::Lang::Vi);
    return write_document(o.output,
                          o.format == "json" ? reports::render_summary_json(*model)
                                             : reports::render_summary_html(*model, lang));
}

CLI::App* add_kind(CLI::App& report,
                   const char* name,
                   const char* help,
                   const std::shared_ptr<ReportOptions>& o) {
    auto* cmd = report.add_subcommand(name, help);
    cmd->add_option("--db", o->db, "SQLite database")->required();
    cmd->add_option("--run", o->run_id, "Audit run id (default: the latest run)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--format", o->format, "Document format")
        ->check(CLI::IsMember({"html", "json"}))
        ->capture_default_str();
    cmd->add_option("--lang", o->lang, "Language of the document")
        ->check(CLI::IsMember({"vi", "en"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", o->output, "Output file")->required();
    return cmd;
}

}  // namespace

void add_report_command(CLI::App& app, CommandContext& /*context*/, int& exit_code) {
    auto* report = app.add_subcommand("report", "Write reports from the database");
    report->require_subcommand(1);
    auto run_options = std::make_shared<ReportOptions>();
    add_kind(*report, "run", "Everything about one audit run (security officers)", run_options)
        ->callback([run_options, &exit_code] { exit_code = report_run(*run_options); });
    auto summary_options = std::make_shared<ReportOptions>();
    add_kind(*report, "summary", "The province at a glance (leadership)", summary_options)
        ->callback([summary_options, &exit_code] { exit_code = report_summary(*summary_options); });
}

}  // namespace attt::cli

// `auditor tls TARGET...`: scans endpoints now and prints what they offer (a table, or JSON
// with --json); no database is written. Targets are loopback addresses or endpoints
// registered in --db: the auditor never scans what nobody registered.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "auditor/cli/commands.h"
#include "auditor/cli/exit_code.h"
#include "auditor/cli/network_options.h"
#include "auditor/cli/tls_scan_json.h"
#include "auditor/cli/tls_scan_text.h"
#include "auditor/core/clock.h"
#include "auditor/core/text_file.h"
#include "auditor/core/text_split.h"
#include "auditor/inventory/endpoint_uri.h"
#include "auditor/store/database.h"
#include "auditor/store/inventory_store.h"
#include "checks/register_builtin.h"
#include "checks/tls/starttls.h"

namespace attt::cli {

namespace {

/// A --targets file is a list of endpoints, not a data set: 1 MiB and 10,000 lines.
constexpr std::size_t kMaxTargetsFileBytes = 1U << 20U;
constexpr std::size_t kMaxTargets = 10'000;
constexpr unsigned kMaxJobs = 256;

struct TlsOptions {
    std::vector<std::string> targets;
    std::string targets_file;
    std::string starttls;
    std::string sni;
    std::string db;
    unsigned jobs = 1;
    double timeout_seconds = 0;
    bool json = false;
    bool no_colour = false;
    NetworkOptions network;
};

bool is_loopback_host(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

/// "host:port", "[v6]:port" or "service://host:port?sni=name".
Result<tls::ProbeTarget> parse_target(const std::string& text, const TlsOptions& options) {
    const bool has_service = text.find("://") != std::string::npos;
    auto endpoint = inventory::parse_endpoint_uri(has_service ? text : "tls://" + text);
    if (!endpoint) {
        return fail(fmt::format("{}: {}", text, endpoint.error().message));
    }
    if (endpoint->sni.empty()) {
        endpoint->sni = options.sni;
    }
    tls::ProbeTarget target = tls::probe_target(*endpoint);
    if (!options.starttls.empty()) {
        target.starttls = *tls::parse_starttls(options.starttls);
    }
    return target;
}

Result<std::vector<std::string>> read_targets_file(const std::string& path) {
    auto text = read_text_file(path, kMaxTargetsFileBytes);
    if (!text) {
        return tl::unexpected(text.error());
    }
    std::vector<std::string> out;
    for (const auto& line : split_trimmed(strip_bom(*text), '\n')) {
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (out.size() >= kMaxTargets) {
            return fail(fmt::format("{}: more than {} targets", path, kMaxTargets));
        }
        out.push_back(line);
    }
    return out;
}

/// Refuses targets that are neither loopback nor registered in --db.
Result<void> check_registered(const std::vector<tls::ProbeTarget>& targets,
                              const std::string& db_path) {
    std::vector<std::string> registered;
    if (!db_path.empty()) {
        auto db = store::Database::open(db_path, store::OpenMode::MustExist);
        if (!db) {
            return tl::unexpected(db.error());
        }
        for (const auto& system : store::load_systems(*db)) {
            for (const auto& endpoint : system.endpoints) {
                registered.push_back(endpoint.place());
            }
        }
    }
    for (const auto& target : targets) {
        const auto& endpoint = target.endpoint;
        const bool known =
            std::find(registered.begin(), registered.end(), endpoint.place()) != registered.end();
        if (!is_loopback_host(endpoint.host) && !known) {
            return fail(
                fmt::format("{} is not a registered endpoint: auditor tls scans loopback "
                            "addresses and endpoints registered in the database given "
                            "with --db",
                            endpoint.place()));
        }
    }
    return {};
}

Result<std::vector<tls::ProbeTarget>> collect_targets(const TlsOptions& options) {
    std::vector<std::string> texts = options.targets;
    if (!options.targets_file.empty()) {
        auto listed = read_targets_file(options.targets_file);
        if (!listed) {
            return tl::unexpected(listed.error());
        }
        texts.insert(texts.end(), listed->begin(), listed->end());
    }
    if (texts.empty()) {
        return fail("no target: give HOST:PORT arguments or --targets FILE");
    }
    std::vector<tls::ProbeTarget> targets;
    for (const auto& text : texts) {
        auto target = parse_target(text, options);
        if (!target) {
            return tl::unexpected(target.error());
        }
        targets.push_back(std::move(*target));
    }
    return targets;
}

/// Scans every target with at most `jobs` at once; results keep the order of the targets.
std::vector<tls::TlsScan> scan_all(const std::vector<tls::ProbeTarget>& targets,
                                   const RunContext& context,
                                   unsigned jobs) {
    std::vector<tls::TlsScan> scans(targets.size());
    const auto options = checks::builtin_tls_options();
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < targets.size(); i = next++) {
            tls::scan_endpoint(targets[i], context, options, &scans[i]);
        }
    };
    const unsigned threads = std::max(1U, std::min<unsigned>(jobs, targets.size()));
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) {
        pool.emplace_back(worker);
    }
    worker();
    return scans;
}

int scan(const TlsOptions& options, CommandContext& context) {
    auto targets = collect_targets(options);
    if (!targets) {
        return report_error(targets.error());
    }
    if (auto allowed = check_registered(*targets, options.db); !allowed) {
        return report_error(allowed.error());
    }
    NetworkDeadlines deadlines = options.network.deadlines();
    if (options.timeout_seconds > 0) {
        const auto timeout =
            std::chrono::milliseconds(static_cast<long>(options.timeout_seconds * 1000));
        deadlines = {timeout, timeout};
    }
    const SystemClock clock;
    const RunContext run_context{*context.log, clock, deadlines, options.network.ca_file, nullptr};
    const auto scans = scan_all(*targets, run_context, options.jobs);
    if (options.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& scan : scans) {
            out.push_back(tls_scan_json(scan));
        }
        const auto& printed = out.size() == 1 ? out.front() : out;
        fmt::print("{}\n", printed.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
        const bool colour = !options.no_colour && ::isatty(STDOUT_FILENO) == 1;
        for (const auto& scan : scans) {
            print_tls_scan_text(scan, colour, stdout);
        }
    }
    const bool all_ok = std::all_of(
        scans.begin(), scans.end(), [](const auto& s) { return s.status == TargetStatus::Ok; });
    return all_ok ? kExitOk : kExitRuleFailed;
}

}  // namespace

void add_tls_command(CLI::App& app, CommandContext& context, int& exit_code) {
    auto options = std::make_shared<TlsOptions>();
    auto* cmd = app.add_subcommand(
        "tls",
        "Scan TLS endpoints now: protocols, suites, groups, certificates, weaknesses, grade (no "
        "database is written). Exit 0 when every endpoint was scanned, 2 when one could not be.");
    cmd->add_option(
        "TARGET", options->targets, "HOST:PORT, [v6addr]:PORT or service://HOST:PORT?sni=NAME");
    cmd->add_option(
           "--targets", options->targets_file, "File with one target per line (# comments)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--starttls",
                    options->starttls,
                    "Upgrade with STARTTLS first: smtp, submission, imap, pop3, ftp, ldap")
        ->check(CLI::IsMember({"smtp", "submission", "imap", "pop3", "ftp", "ldap"}));
    cmd->add_option(
        "--sni", options->sni, "Server name to send and to match the certificate against");
    cmd->add_option("--jobs", options->jobs, "Endpoints scanned at once")
        ->check(CLI::Range(1U, kMaxJobs))
        ->capture_default_str();
    cmd->add_option(
           "--timeout",
           options->timeout_seconds,
           "Deadline in seconds for each connect and each answer (overrides the ms options)")
        ->check(CLI::Range(0.1, 120.0));
    cmd->add_option(
        "--db", options->db, "Audit database whose registered endpoints may be scanned");
    cmd->add_flag(
        "--json", options->json, "Print JSON: one object, or an array for several targets");
    cmd->add_flag("--no-color", options->no_colour, "Never colour the table");
    options->network.add_to(*cmd);
    cmd->callback([options, &context, &exit_code] { exit_code = scan(*options, context); });
}

}  // namespace attt::cli

#include "auditor/store/database.h"

#include <filesystem>

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "auditor/store/migration_scripts.h"

namespace attt::store {

namespace {

// Readers (reports) and the writer (an audit) share the file; wait for a lock rather than fail.
constexpr int kBusyTimeoutMs = 10'000;

int read_user_version(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

Result<void> migrate(SQLite::Database& db, const std::string& path) {
    const int current = read_user_version(db);
    const int latest = Database::latest_version();
    if (current > latest) {
        return fail(
            fmt::format("{}: database schema version {} is newer than this auditor "
                        "understands ({}); use a newer auditor",
                        path,
                        current,
                        latest));
    }
    const auto& scripts = migration_scripts();
    for (int version = current + 1; version <= latest; ++version) {
        // Each step is one transaction: a crash mid-migration leaves the previous version.
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        db.exec(std::string(scripts[static_cast<std::size_t>(version - 1)].sql));
        db.exec(fmt::format("PRAGMA user_version = {}", version));
        tx.commit();
    }
    return {};
}

}  // namespace

int Database::latest_version() {
    return static_cast<int>(migration_scripts().size());
}

int Database::schema_version() const {
    return read_user_version(*db_);
}

Result<Database> Database::open(const std::string& path, OpenMode mode) {
    std::error_code ec;
    if (mode == OpenMode::MustExist && !std::filesystem::exists(path, ec)) {
        return fail(
            fmt::format("{}: no such database (create it with 'auditor inventory import')", path));
    }
    try {
        const int flags = SQLite::OPEN_READWRITE |
                          (mode == OpenMode::CreateIfMissing ? SQLite::OPEN_CREATE : 0) |
                          SQLite::OPEN_FULLMUTEX;
        auto db = std::make_unique<SQLite::Database>(path, flags, kBusyTimeoutMs);
        db->exec("PRAGMA foreign_keys = ON");
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA synchronous = NORMAL");
        if (auto migrated = migrate(*db, path); !migrated) {
            return tl::unexpected(migrated.error());
        }
        return Database(path, std::move(db));
    } catch (const SQLite::Exception& e) {
        return fail(fmt::format("{}: cannot use the database: {}", path, e.what()));
    }
}

}  // namespace attt::store

// The audit database: one SQLite file, WAL, foreign keys on, a busy timeout, and a schema
// brought up to date by numbered migrations. A database from a newer auditor is refused
// rather than guessed at.
#pragma once

#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>

#include "auditor/core/error.h"

namespace attt::store {

enum class OpenMode {
    CreateIfMissing,  ///< imports and audits may start a new database
    MustExist,        ///< lists and reports need one that is already there
};

class Database {
public:
    /// Opens (or creates) the file and migrates it. Errors name the path.
    static Result<Database> open(const std::string& path, OpenMode mode);

    SQLite::Database& sql() { return *db_; }

    const std::string& path() const { return path_; }

    int schema_version() const;

    /// The schema version this build writes.
    static int latest_version();

private:
    Database(std::string path, std::unique_ptr<SQLite::Database> db)
        : path_(std::move(path)), db_(std::move(db)) {}

    std::string path_;
    std::unique_ptr<SQLite::Database> db_;
};

}  // namespace attt::store

// A fresh directory per test, removed afterwards, so tests never share files.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace attt::test {

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("attt-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }

    ~TempDir() {
        std::error_code ec;
        std::filesystem::permissions(
            path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(path_, ec);
    }

    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (path_ / name).string(); }

    const std::filesystem::path& path() const { return path_; }

    /// Writes `content` to `name` inside the directory and returns the full path.
    std::string write(const std::string& name, const std::string& content) const {
        std::ofstream(file(name), std::ios::binary) << content;
        return file(name);
    }

private:
    std::filesystem::path path_;
};

/// Path of a file under tests/data/.
inline std::string data_file(const std::string& relative) {
    return std::string(ATTT_SOURCE_DIR) + "/tests/data/" + relative;
}

}  // namespace attt::test

// reports tests: a scratch directory per test and a reader for the zip inside
// an .xlsx, so tests check what Excel will actually read.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <unzip.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace craftlink::reports::test_util {

namespace fs = std::filesystem;

// A fresh directory per test (mkdtemp, so parallel runs never share one),
// removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "craftlink_reports_test_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

  // File names in the directory, sorted; temporary files show up here too.
  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path_)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  fs::path path_;
};

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Every entry of the zip at `path`, by name; empty if it is not a zip.
inline std::map<std::string, std::string> ReadZip(const fs::path& path) {
  std::map<std::string, std::string> entries;
  unzFile zip = unzOpen64(path.c_str());
  if (zip == nullptr) return entries;
  for (int rc = unzGoToFirstFile(zip); rc == UNZ_OK; rc = unzGoToNextFile(zip)) {
    char name[512];
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zip, &info, name, sizeof(name), nullptr, 0, nullptr, 0) != UNZ_OK) break;
    if (unzOpenCurrentFile(zip) != UNZ_OK) break;
    std::string data;
    char buffer[8192];
    int n;
    while ((n = unzReadCurrentFile(zip, buffer, sizeof(buffer))) > 0) data.append(buffer, static_cast<size_t>(n));
    unzCloseCurrentFile(zip);
    entries[name] = std::move(data);
  }
  unzClose(zip);
  return entries;
}

}  // namespace craftlink::reports::test_util

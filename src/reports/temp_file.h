// reports (internal): a file written under a temporary name and then renamed
// into place, so readers never see half a report.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/status.h"

namespace craftlink::reports::internal {

// Owns a newly created, empty file until Commit renames it; the destructor
// removes it if it was never committed. Move-only; not for sharing between
// threads.
class TempFile {
 public:
  // Creates ".<hint>.tmp-<random>" in `dir` (created exclusively, mode 0666
  // less the umask, like any new file). Errors: kIoError.
  static Result<TempFile> Create(const std::filesystem::path& dir, std::string_view hint);
  // A TempFile beside `dest`, so that Commit is a same-file-system rename.
  static Result<TempFile> Beside(const std::filesystem::path& dest);

  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&& other) noexcept;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  const std::filesystem::path& path() const { return path_; }

  // Flushes the file to disk, renames it over `dest` and flushes the directory,
  // so that after a crash `dest` is either the old file or the whole new one.
  Status Commit(const std::filesystem::path& dest);

 private:
  explicit TempFile(std::filesystem::path path) : path_(std::move(path)) {}
  void Remove();

  std::filesystem::path path_;  // empty once committed or moved from
};

// Replaces the contents of the existing file at `path` with `bytes`. Errors: kIoError.
Status WriteBytes(const std::filesystem::path& path, std::string_view bytes);

// The whole file at `path`. Errors: kIoError.
Result<std::string> ReadBytes(const std::filesystem::path& path);

}  // namespace craftlink::reports::internal

#include "reports/temp_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

namespace craftlink::reports::internal {
namespace {

namespace fs = std::filesystem;

Status IoError(const std::string& what, const fs::path& path, int error) {
  return Status::IoError(what + ": " + path.string() + ": " + std::strerror(error));
}

std::string RandomHex() {
  std::random_device device;
  const uint64_t value = (static_cast<uint64_t>(device()) << 32) ^ device();
  char buffer[17];
  std::snprintf(buffer, sizeof(buffer), "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

Status SyncPath(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return IoError("无法打开以刷盘 (cannot open to sync)", path, errno);
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) return IoError("刷盘失败 (fsync failed)", path, error);
  return Status::Ok();
}

}  // namespace

Result<TempFile> TempFile::Create(const fs::path& dir, std::string_view hint) {
  constexpr int kAttempts = 16;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    fs::path path = dir / ("." + std::string(hint) + ".tmp-" + RandomHex());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return TempFile(std::move(path));
    }
    if (errno != EEXIST) return IoError("无法创建报表文件 (cannot create report file)", path, errno);
  }
  return Status::IoError("无法创建临时文件 (no free temporary name): " + dir.string());
}

Result<TempFile> TempFile::Beside(const fs::path& dest) {
  const fs::path dir = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
  // Naming it after the report helps whoever finds one left by a crash; the cap
  // keeps the name within the file system's 255 bytes.
  std::string hint = dest.filename().string();
  if (hint.size() > 200) hint = "report";
  return Create(dir, hint);
}

TempFile::TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }

TempFile& TempFile::operator=(TempFile&& other) noexcept {
  if (this != &other) {
    Remove();
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

TempFile::~TempFile() { Remove(); }

void TempFile::Remove() {
  if (path_.empty()) return;
  ::unlink(path_.c_str());
  path_.clear();
}

Status TempFile::Commit(const fs::path& dest) {
  CRAFTLINK_RETURN_IF_ERROR(SyncPath(path_, O_RDONLY));
  if (::rename(path_.c_str(), dest.c_str()) != 0) {
    return IoError("无法写入报表文件 (cannot write report file)", dest, errno);
  }
  path_.clear();
  return SyncPath(dest.has_parent_path() ? dest.parent_path() : fs::path("."), O_RDONLY | O_DIRECTORY);
}

Status WriteBytes(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return IoError("无法写入报表文件 (cannot write report file)", path, errno);
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return IoError("写出报表失败 (write failed)", path, error);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  if (::close(fd) != 0) return IoError("写出报表失败 (write failed)", path, errno);
  return Status::Ok();
}

Result<std::string> ReadBytes(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("无法读取报表文件 (cannot read report file)", path, errno);
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return IoError("读取报表失败 (read failed)", path, error);
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return bytes;
}

}  // namespace craftlink::reports::internal

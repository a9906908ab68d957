#include <string>

#include "storage/postgres/pg_backend.h"
#include "storage/sql_store.h"
#include "storage/sqlite/sqlite_backend.h"

namespace craftlink::storage {
namespace {

struct ParsedUrl {
  enum class Kind { kSqlite, kPostgres } kind;
  std::string target;  // file path or libpq URI
};

Result<ParsedUrl> ParseUrl(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.substr(0, kSqlite.size()) == kSqlite) {
    std::string path(url.substr(kSqlite.size()));
    if (path.rfind("//", 0) == 0) path.erase(0, 2);  // sqlite://relative or sqlite:///absolute
    if (path.empty()) return Status::Invalid("数据库地址缺少文件路径，例如 sqlite:var/craftlink.db", "db");
    return ParsedUrl{ParsedUrl::Kind::kSqlite, path};
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return ParsedUrl{ParsedUrl::Kind::kPostgres, std::string(url)};
  }
  return Status::Invalid("无法识别的数据库地址「" + std::string(url) +
                             "」：应以 sqlite: 或 postgresql:// 开头 (unknown database URL)",
                         "db");
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const StoreOptions& options) {
  auto parsed = ParseUrl(url);
  if (!parsed.ok()) return parsed.status();
  if (parsed->kind == ParsedUrl::Kind::kSqlite) {
    return SqlStore::Open(MakeSqliteBackend(parsed->target), options);
  }
#ifdef CRAFTLINK_HAVE_POSTGRES
  return SqlStore::Open(MakePostgresBackend(parsed->target), options);
#else
  return Status::Unavailable("this build has no PostgreSQL backend");
#endif
}

Status RestoreStore(std::string_view url, const std::filesystem::path& backup) {
  auto parsed = ParseUrl(url);
  if (!parsed.ok()) return parsed.status();
  if (parsed->kind == ParsedUrl::Kind::kSqlite) return RestoreSqlite(parsed->target, backup);
#ifdef CRAFTLINK_HAVE_POSTGRES
  return RestorePostgres(parsed->target, backup);
#else
  return Status::Unavailable("this build has no PostgreSQL backend");
#endif
}

}  // namespace craftlink::storage

// What only the SQLite backend has: the file's page size, and restores between
// files whose page sizes differ (databases made before 8 KiB pages have 4 KiB).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/store.h"
#include "support/test_database.h"

namespace craftlink::storage {
namespace {

using craftlink::testing::Backend;
using craftlink::testing::ExecRawSql;
using craftlink::testing::TestDatabase;

// The first column of the first row of `sql` on the file behind `url`.
std::string QueryFile(const std::string& url, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(url.substr(std::string("sqlite:").size()).c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::string value;
  sqlite3_exec(
      db, sql,
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) = values[0] != nullptr ? values[0] : "";
        return 0;
      },
      &value, nullptr);
  sqlite3_close(db);
  return value;
}

// A store with `craftsmen` rows in a file laid out with `page_size` bytes a page.
std::unique_ptr<Store> StoreWithPageSize(const TestDatabase& db, int page_size, int craftsmen) {
  if (page_size != 0) {
    const std::string error = ExecRawSql(db.url(), "PRAGMA page_size = " + std::to_string(page_size) +
                                                       "; PRAGMA journal_mode = WAL;");
    EXPECT_EQ(error, "");
  }
  auto store = OpenStore(db.url());
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return nullptr;
  EXPECT_TRUE((*store)->PutOrganisation({kRootOrganisationId, "全国总工会", "", domain::OrganisationKind::kNational, "", {}}).ok());
  WriteBatch batch;
  for (int i = 0; i < craftsmen; ++i) {
    domain::Craftsman c;
    c.id = "P" + std::to_string(page_size) + "_" + std::to_string(i);
    c.name = "页面";
    c.region = "510107";
    c.meta.org_id = kRootOrganisationId;
    batch.craftsmen.push_back(std::move(c));
  }
  EXPECT_TRUE((*store)->Apply(batch).ok());
  return std::move(*store);
}

int64_t CraftsmanCount(const std::string& url) {
  auto store = OpenStore(url);
  if (!store.ok()) return -1;
  auto counts = (*store)->Count();
  return counts.ok() ? counts->craftsmen : -1;
}

TEST(SqliteFileTest, NewDatabasesUseEightKibPagesAndOldOnesKeepTheirs) {
  TestDatabase fresh(Backend::kSqlite);
  ASSERT_NE(StoreWithPageSize(fresh, 0, 1), nullptr);
  EXPECT_EQ(QueryFile(fresh.url(), "PRAGMA page_size"), "8192");
  EXPECT_EQ(QueryFile(fresh.url(), "PRAGMA journal_mode"), "wal");

  TestDatabase old(Backend::kSqlite);
  ASSERT_NE(StoreWithPageSize(old, 4096, 1), nullptr);
  EXPECT_EQ(QueryFile(old.url(), "PRAGMA page_size"), "4096");
}

TEST(SqliteFileTest, BackupsRestoreAcrossPageSizesInBothDirections) {
  for (const auto& [from, to] : {std::pair{4096, 8192}, std::pair{8192, 4096}}) {
    SCOPED_TRACE(std::to_string(from) + " -> " + std::to_string(to));
    TestDatabase source(Backend::kSqlite);
    TestDatabase target(Backend::kSqlite);
    const auto backup = source.dir() / "backup.db";
    {
      auto store = StoreWithPageSize(source, from, 3);
      ASSERT_NE(store, nullptr);
      ASSERT_TRUE(store->Backup(backup).ok());
    }
    ASSERT_NE(StoreWithPageSize(target, to, 5), nullptr);  // closed again before the restore

    Status restored = RestoreStore(target.url(), backup);
    ASSERT_TRUE(restored.ok()) << restored.ToString();
    EXPECT_EQ(CraftsmanCount(target.url()), 3);
    EXPECT_EQ(QueryFile(target.url(), "PRAGMA page_size"), std::to_string(from));
    EXPECT_EQ(QueryFile(target.url(), "PRAGMA journal_mode"), "wal");  // the store turned it on again
    EXPECT_EQ(QueryFile(target.url(), "PRAGMA integrity_check"), "ok");
  }
}

TEST(SqliteFileTest, ARestoreThatMustChangeThePageSizeRefusesWhileTheDatabaseIsInUse) {
  TestDatabase source(Backend::kSqlite);
  TestDatabase target(Backend::kSqlite);
  const auto backup = source.dir() / "backup.db";
  {
    auto store = StoreWithPageSize(source, 4096, 3);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Backup(backup).ok());
  }
  auto in_use = StoreWithPageSize(target, 8192, 5);
  ASSERT_NE(in_use, nullptr);

  Status restored = RestoreStore(target.url(), backup);
  ASSERT_FALSE(restored.ok());
  EXPECT_NE(restored.message().find("page size"), std::string::npos) << restored.ToString();
  auto counts = in_use->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->craftsmen, 5) << "a refused restore leaves the database as it was";
  EXPECT_EQ(QueryFile(target.url(), "PRAGMA journal_mode"), "wal");
}

}  // namespace
}  // namespace craftlink::storage

// One store test suite, run against every backend under test (SQLite always,
// PostgreSQL when scripts/test has started a server).
#include "storage/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <thread>

#include "domain/codec.h"
#include "storage/record_order.h"
#include "storage/schema.h"
#include "support/test_database.h"

namespace craftlink::storage {
namespace {

using craftlink::testing::Backend;
using craftlink::testing::TestDatabase;
using domain::Craftsman;
using domain::Enterprise;
using domain::InnovationResult;
using domain::Need;

domain::Organisation Root() { return {kRootOrganisationId, "全国总工会", "", domain::OrganisationKind::kNational, "", {}}; }

Craftsman MakeCraftsman(const std::string& id, const std::string& name, std::vector<std::string> skills) {
  Craftsman c;
  c.id = id;
  c.name = name;
  c.region = "510107";
  c.skills = std::move(skills);
  c.bio = "从事焊接三十年";
  c.meta.org_id = kRootOrganisationId;
  return c;
}

Enterprise MakeEnterprise(const std::string& id) {
  Enterprise e;
  e.id = id;
  e.name = "成都某某阀门有限公司";
  e.industry = "C34";
  e.region = "510603";
  e.contact_phone = "13812345678";
  e.meta.org_id = kRootOrganisationId;
  return e;
}

Need MakeNeed(const std::string& id, const std::string& enterprise_id) {
  Need n;
  n.id = id;
  n.enterprise_id = enterprise_id;
  n.title = "焊缝老有气孔";
  n.description = "铝合金焊缝气孔多，返修率高";
  n.kind = domain::ServiceKind::kJointResearch;
  n.onsite = true;
  n.meta.org_id = kRootOrganisationId;
  return n;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    store_ = Open();
    ASSERT_TRUE(store_->PutOrganisation(Root()).ok());
  }

  std::unique_ptr<Store> Open() {
    auto store = OpenStore(db_->url());
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  RecordCounts Counts() {
    auto counts = store_->Count();
    EXPECT_TRUE(counts.ok()) << counts.status().ToString();
    return counts.ok() ? *counts : RecordCounts{};
  }

  WriteBatch SampleBatch() {
    WriteBatch b;
    b.enterprises.push_back(MakeEnterprise("E1"));
    b.craftsmen.push_back(MakeCraftsman("C1", "雷振川", {"钨极氩弧焊", "焊接变形控制"}));
    b.craftsmen.push_back(MakeCraftsman("C2", "冉桂芳", {"铝合金焊接"}));
    b.needs.push_back(MakeNeed("N1", "E1"));
    InnovationResult r;
    r.id = "R1";
    r.title = "铝合金车体焊缝气孔综合控制工艺";
    r.owner_ids = {"C2"};
    r.maturity = domain::Maturity::kApplied;
    r.meta.org_id = kRootOrganisationId;
    b.results.push_back(r);
    return b;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, ApplyWritesEveryKindAndReadsItBackUnchanged) {
  WriteBatch batch = SampleBatch();
  batch.craftsmen[0].meta.extra["hometown"] = "德阳";
  ASSERT_TRUE(store_->Apply(batch).ok());
  const RecordCounts counts = Counts();
  EXPECT_EQ(counts.craftsmen, 2);
  EXPECT_EQ(counts.enterprises, 1);
  EXPECT_EQ(counts.needs, 1);
  EXPECT_EQ(counts.results, 1);
  EXPECT_EQ(counts.organisations, 1);

  auto c1 = store_->GetCraftsman("C1");
  ASSERT_TRUE(c1.ok());
  ASSERT_TRUE(c1->has_value());
  EXPECT_EQ(domain::ToJson(**c1), domain::ToJson(batch.craftsmen[0]));
  EXPECT_EQ((*c1)->meta.org_id, kRootOrganisationId);
  auto need = store_->GetNeed("N1");
  ASSERT_TRUE(need.ok() && need->has_value());
  EXPECT_EQ(domain::ToJson(**need), domain::ToJson(batch.needs[0]));
  auto missing = store_->GetCraftsman("C404");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_P(StoreTest, ReapplyingTheSameIdsUpdatesInsteadOfDuplicating) {
  ASSERT_TRUE(store_->Apply(SampleBatch()).ok());
  WriteBatch again = SampleBatch();
  again.craftsmen[0].name = "雷振川（更新）";
  ASSERT_TRUE(store_->Apply(again).ok());
  EXPECT_EQ(Counts().craftsmen, 2);
  auto c1 = store_->GetCraftsman("C1");
  ASSERT_TRUE(c1.ok() && c1->has_value());
  EXPECT_EQ((*c1)->name, "雷振川（更新）");
}

TEST_P(StoreTest, ABatchWithABrokenReferenceWritesNothing) {
  WriteBatch batch = SampleBatch();
  batch.needs.push_back(MakeNeed("N2", "E404"));  // no such enterprise
  const Status s = store_->Apply(batch);
  EXPECT_FALSE(s.ok());
  const RecordCounts counts = Counts();
  EXPECT_EQ(counts.craftsmen + counts.enterprises + counts.needs + counts.results, 0);
  auto last = store_->LastChangeSeq();
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, 0);
}

TEST_P(StoreTest, ResultOwnersMustExist) {
  WriteBatch batch = SampleBatch();
  batch.results[0].owner_ids = {"C999"};
  EXPECT_FALSE(store_->Apply(batch).ok());
  EXPECT_EQ(Counts().results, 0);
}

TEST_P(StoreTest, ScanFiltersByTextOrganisationArchiveAndPages) {
  domain::Organisation sichuan{"sc", "四川省总工会", kRootOrganisationId, domain::OrganisationKind::kProvince, "510000", {}};
  ASSERT_TRUE(store_->PutOrganisation(sichuan).ok());
  WriteBatch batch = SampleBatch();
  Craftsman other = MakeCraftsman("C3", "Wang PLC", {"PLC编程"});
  other.meta.org_id = "sc";
  batch.craftsmen.push_back(other);
  ASSERT_TRUE(store_->Apply(batch).ok());

  auto ids = [&](const ScanOptions& o) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_->ScanCraftsmen(o, [&](Craftsman&& c) {
      out.push_back(c.id);
      return true;
    }).ok());
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<std::string>{"C1", "C2", "C3"}));
  EXPECT_EQ(ids({.text = "铝合金"}), (std::vector<std::string>{"C2"}));
  EXPECT_EQ(ids({.text = "plc"}), (std::vector<std::string>{"C3"}));
  EXPECT_EQ(ids({.text = "100%"}), (std::vector<std::string>{}));
  EXPECT_EQ(ids({.org_id = "sc"}), (std::vector<std::string>{"C3"}));
  EXPECT_EQ(ids({.after_id = "C1", .limit = 1}), (std::vector<std::string>{"C2"}));

  ASSERT_TRUE(store_->SetArchived(domain::RecordKind::kCraftsman, "C2", true).ok());
  EXPECT_EQ(ids({}), (std::vector<std::string>{"C1", "C3"}));
  EXPECT_EQ(ids({.include_archived = true}), (std::vector<std::string>{"C1", "C2", "C3"}));
  EXPECT_EQ(store_->SetArchived(domain::RecordKind::kCraftsman, "C404", true).code(), ErrorCode::kNotFound);
}

TEST_P(StoreTest, ExistingIdsReportsOnlyStoredOnes) {
  ASSERT_TRUE(store_->Apply(SampleBatch()).ok());
  std::vector<std::string> asked;
  for (int i = 0; i < 1200; ++i) asked.push_back("X" + std::to_string(i));
  asked.push_back("C2");
  auto found = store_->ExistingIds(domain::RecordKind::kCraftsman, asked);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, (std::unordered_set<std::string>{"C2"}));
}

TEST_P(StoreTest, OrganisationsFormAHierarchyAndAlliancesNameMembers) {
  ASSERT_TRUE(store_->PutOrganisation({"sc", "四川省总工会", kRootOrganisationId, domain::OrganisationKind::kProvince, "510000", {}}).ok());
  ASSERT_TRUE(store_->PutOrganisation({"cq", "重庆市总工会", kRootOrganisationId, domain::OrganisationKind::kProvince, "500000", {}}).ok());
  ASSERT_TRUE(store_->PutOrganisation({"chuanyu", "川渝工会联盟", kRootOrganisationId, domain::OrganisationKind::kAlliance, "", {"sc", "cq"}}).ok());
  auto alliance = store_->GetOrganisation("chuanyu");
  ASSERT_TRUE(alliance.ok() && alliance->has_value());
  EXPECT_EQ((*alliance)->member_ids, (std::vector<std::string>{"sc", "cq"}));
  EXPECT_EQ((*alliance)->kind, domain::OrganisationKind::kAlliance);
  // A parent that does not exist is refused.
  EXPECT_FALSE(store_->PutOrganisation({"x", "无名", "nowhere", domain::OrganisationKind::kCity, "", {}}).ok());
  auto all = store_->ListOrganisations();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
}

TEST_P(StoreTest, ChangeFeedIsOrderedAndCoversEveryWrite) {
  ASSERT_TRUE(store_->Apply(SampleBatch()).ok());
  ASSERT_TRUE(store_->SetArchived(domain::RecordKind::kNeed, "N1", true).ok());
  auto changes = store_->ChangesSince(0, 100);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 6u);
  for (size_t i = 1; i < changes->size(); ++i) EXPECT_LT((*changes)[i - 1].seq, (*changes)[i].seq);
  EXPECT_EQ(changes->back().id, "N1");
  EXPECT_EQ(changes->back().op, ChangeOp::kArchive);
  auto tail = store_->ChangesSince((*changes)[3].seq, 100);
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(tail->size(), 2u);
}

TEST_P(StoreTest, AFollowerOnAnotherConnectionWakesWithinASecond) {
  std::unique_ptr<Store> follower = Open();
  ASSERT_NE(follower, nullptr);
  auto start_seq = follower->LastChangeSeq();
  ASSERT_TRUE(start_seq.ok());
  auto woke = std::async(std::launch::async, [&] {
    return follower->WaitForChange(*start_seq, std::chrono::seconds(5));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto written = std::chrono::steady_clock::now();
  ASSERT_TRUE(store_->Apply(SampleBatch()).ok());
  auto result = woke.get();
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(*result);
  EXPECT_LT(std::chrono::steady_clock::now() - written, std::chrono::seconds(1));
  auto idle = follower->WaitForChange(*follower->LastChangeSeq(), std::chrono::milliseconds(100));
  ASSERT_TRUE(idle.ok());
  EXPECT_FALSE(*idle);
}

TEST_P(StoreTest, BackupIsAConsistentSnapshotThatRestores) {
  ASSERT_TRUE(store_->Apply(SampleBatch()).ok());
  const auto backup = db_->dir() / "backup.db";
  ASSERT_TRUE(store_->Backup(backup).ok());
  WriteBatch more;
  more.craftsmen.push_back(MakeCraftsman("C9", "后来者", {"钳工"}));
  ASSERT_TRUE(store_->Apply(more).ok());
  EXPECT_EQ(Counts().craftsmen, 3);
  store_.reset();
  Status restored = RestoreStore(db_->url(), backup);
  ASSERT_TRUE(restored.ok()) << restored.ToString();
  store_ = Open();
  EXPECT_EQ(Counts().craftsmen, 2);
  auto c9 = store_->GetCraftsman("C9");
  ASSERT_TRUE(c9.ok());
  EXPECT_FALSE(c9->has_value());
}

TEST_P(StoreTest, BackupDuringConcurrentWritesHoldsOnlyWholeBatches) {
  constexpr int kBatch = 50;
  std::atomic<bool> stop{false};
  std::atomic<int> batches{0};
  std::thread writer([&] {
    for (int b = 0; !stop && b < 400; ++b) {
      WriteBatch batch;
      for (int i = 0; i < kBatch; ++i) {
        batch.craftsmen.push_back(MakeCraftsman("B" + std::to_string(b) + "_" + std::to_string(i), "并发", {"焊接"}));
      }
      if (store_->Apply(batch).ok()) ++batches;
    }
  });
  while (batches < 3) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto backup = db_->dir() / "live-backup.db";
  Status s = store_->Backup(backup);
  stop = true;
  writer.join();
  ASSERT_TRUE(s.ok()) << s.ToString();

  TestDatabase restored_db(GetParam());
  ASSERT_TRUE(RestoreStore(restored_db.url(), backup).ok());
  auto restored = OpenStore(restored_db.url());
  ASSERT_TRUE(restored.ok());
  auto counts = (*restored)->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_GT(counts->craftsmen, 0);
  EXPECT_EQ(counts->craftsmen % kBatch, 0) << "a batch was split by the backup";
  auto changes = (*restored)->ChangesSince(0, 100000);
  EXPECT_EQ(static_cast<int64_t>(changes->size()), counts->craftsmen);
}

TEST_P(StoreTest, ReopeningAMigratedDatabaseIsHarmless) {
  ASSERT_TRUE(store_->Apply(SampleBatch()).ok());
  std::unique_ptr<Store> second = Open();
  ASSERT_NE(second, nullptr);
  auto counts = second->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->craftsmen, 2);
}

TEST_P(StoreTest, ConcurrentWritersKeepTheFeedGapFree) {
  constexpr int kThreads = 4;
  constexpr int kBatches = 10;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int b = 0; b < kBatches; ++b) {
        WriteBatch batch;
        batch.craftsmen.push_back(MakeCraftsman("T" + std::to_string(t) + "_" + std::to_string(b), "并发", {"焊接"}));
        if (!store_->Apply(batch).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto changes = store_->ChangesSince(0, 1000);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), static_cast<size_t>(kThreads * kBatches));
}

TEST_P(StoreTest, UsersSessionsAndLoginState) {
  UserRow u{.id = "u1", .username = "zhang", .display_name = "张工", .role = "staff", .org_id = kRootOrganisationId,
            .password_hash = "$argon2id$x"};
  ASSERT_TRUE(store_->PutUser(u).ok());
  UserRow clash = u;
  clash.id = "u2";
  EXPECT_EQ(store_->PutUser(clash).code(), ErrorCode::kConflict);  // username taken
  UserRow bad_org = u;
  bad_org.id = "u3";
  bad_org.username = "li";
  bad_org.org_id = "nowhere";
  EXPECT_FALSE(store_->PutUser(bad_org).ok());

  auto by_name = store_->GetUserByName("zhang");
  ASSERT_TRUE(by_name.ok() && by_name->has_value());
  EXPECT_EQ((*by_name)->display_name, "张工");
  EXPECT_FALSE((*by_name)->created_at.empty());
  ASSERT_TRUE(store_->SetLoginState("u1", 3, "2030-01-01T00:00:00.000Z").ok());
  EXPECT_EQ((*store_->GetUser("u1"))->failed_logins, 3);

  ASSERT_TRUE(store_->PutSession({"digest1", "u1", "2026-01-01", "2026-01-02"}).ok());
  auto session = store_->GetSession("digest1");
  ASSERT_TRUE(session.ok() && session->has_value());
  EXPECT_EQ((*session)->user_id, "u1");
  ASSERT_TRUE(store_->DeleteSessionsOf("u1").ok());
  EXPECT_FALSE(store_->GetSession("digest1")->has_value());
}

TEST_P(StoreTest, TheAuditTrailIsAppendOnly) {
  ASSERT_TRUE(store_->AppendAudit({.user_id = "u1", .action = "login_failed", .target = "users/u1", .ip = "127.0.0.1",
                                   .detail = R"({"reason":"bad password\nforged line"})"}).ok());
  ASSERT_TRUE(store_->AppendAudit({.user_id = "u1", .action = "login_ok", .target = "users/u1"}).ok());
  auto rows = store_->ListAudit(0, 10);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_LT((*rows)[0].seq, (*rows)[1].seq);
  EXPECT_EQ((*rows)[0].action, "login_failed");
  EXPECT_FALSE((*rows)[0].at.empty());
  // Neither an update nor a delete gets through, whatever the caller.
  const std::string update = craftlink::testing::ExecRawSql(db_->url(), "UPDATE audit SET action = 'login_ok'");
  EXPECT_NE(update.find("append-only"), std::string::npos) << update;
  const std::string del = craftlink::testing::ExecRawSql(db_->url(), "DELETE FROM audit");
  EXPECT_NE(del.find("append-only"), std::string::npos) << del;
  EXPECT_EQ(store_->ListAudit(0, 10)->size(), 2u);
  EXPECT_EQ(store_->ListAudit(0, 10)->at(0).action, "login_failed");
}

// Byte (UTF-8 code point) order, which is neither pinyin (阿 李 王 张) nor a
// case-insensitive Latin order (alice Ángel Wang Zed): what sorted scans
// must give on every backend.
const std::vector<std::string> kNamesInByteOrder = {"Wang Wu", "Zed", "alice", "Ángel", "张三", "李四", "王五", "阿明"};

// (name, id) of the craftsmen in a scan sorted by name, read `page` rows at a
// time and resumed after the last row read, as a paging caller does.
std::vector<std::pair<std::string, std::string>> ScanByName(Store& store, bool descending, size_t page) {
  std::vector<std::pair<std::string, std::string>> out;
  ScanOptions options{.limit = page, .sort_column = "name", .descending = descending};
  while (out.size() < 1000) {
    size_t seen = 0;
    Craftsman last;
    EXPECT_TRUE(store
                    .ScanCraftsmen(options,
                                   [&](Craftsman&& c) {
                                     ++seen;
                                     out.emplace_back(c.name, c.id);
                                     last = std::move(c);
                                     return true;
                                   })
                    .ok());
    if (seen < page) break;
    auto value = SortValueOf(last, "name");
    EXPECT_TRUE(value.ok());
    options.after_value = value.ok() ? *value : "";
    options.after_id = last.id;
  }
  return out;
}

WriteBatch CraftsmenNamed(const std::vector<std::string>& names) {
  WriteBatch batch;
  // Ids run against the names' order, so an id-ordered scan cannot pass.
  for (size_t i = 0; i < names.size(); ++i) {
    batch.craftsmen.push_back(MakeCraftsman("K" + std::to_string(100 - i), names[i], {"焊接"}));
  }
  return batch;
}

TEST_P(StoreTest, SortedScansResumeThroughTiesInBothDirections) {
  std::vector<std::string> names = kNamesInByteOrder;
  names.insert(names.end(), {"王五", "王五", "Zed"});  // ties, broken by id
  ASSERT_TRUE(store_->Apply(CraftsmenNamed(names)).ok());
  auto all = ScanByName(*store_, false, 1000);
  std::vector<std::pair<std::string, std::string>> expected = all;
  std::sort(expected.begin(), expected.end());  // std::string compares bytes
  EXPECT_EQ(all, expected);
  ASSERT_EQ(all.size(), names.size());
  for (const size_t page : {size_t{1}, size_t{2}, size_t{3}}) {
    EXPECT_EQ(ScanByName(*store_, false, page), expected) << page;
    EXPECT_EQ(ScanByName(*store_, true, page), std::vector(expected.rbegin(), expected.rend())) << page;
  }
}

TEST_P(StoreTest, SortedScansCompareBytesWhateverTheDatabaseCollation) {
  // A PostgreSQL database whose own collation is Chinese (pinyin, ICU): left
  // to it, ORDER BY name would put 阿明 first.
  TestDatabase zh(GetParam(), "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh' LOCALE 'C'");
  auto store = OpenStore(zh.url());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->PutOrganisation(Root()).ok());
  ASSERT_TRUE((*store)->Apply(CraftsmenNamed(kNamesInByteOrder)).ok());
  std::vector<std::string> names;
  for (const auto& [name, id] : ScanByName(**store, false, 3)) names.push_back(name);
  EXPECT_EQ(names, kNamesInByteOrder);
}

TEST_P(StoreTest, SortedScansRefuseWhatTheyCannotSortBy) {
  ASSERT_TRUE(store_->Apply(SampleBatch()).ok());
  auto scan = [&](ScanOptions o) { return store_->ScanCraftsmen(o, [](Craftsman&&) { return true; }); };
  for (const char* column : {"body", "search_text", "nope; DROP TABLE craftsmen"}) {
    const Status s = scan({.sort_column = column});
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << column;
    EXPECT_EQ(s.field(), "sort") << column;
  }
  // Half a position is a caller's bug, not the start of the list.
  EXPECT_EQ(scan({.after_id = "C1", .sort_column = "name"}).field(), "after");
  EXPECT_EQ(scan({.after_value = "雷振川"}).field(), "after");
  EXPECT_FALSE(SortValueOf(MakeCraftsman("C9", "某", {}), "capacity_per_month").ok());
  EXPECT_EQ(*SortValueOf(MakeCraftsman("C9", "某", {}), "name"), "某");
}

TEST_P(StoreTest, SchemaV4AddsTheIndexesSortedListsUse) {
  EXPECT_GE(LatestSchemaVersion(), 4);  // later migrations keep these indexes
  for (const char* index : {"needs_posted", "craftsmen_name", "enterprises_name", "results_title"}) {
    const std::string again =
        craftlink::testing::ExecRawSql(db_->url(), std::string("CREATE INDEX ") + index + " ON needs(id)");
    EXPECT_NE(again.find("already exists"), std::string::npos) << index << ": " << again;
  }
}

TEST_P(StoreTest, ScansByIdsReadOnlyThoseAndNoneForAnEmptyList) {
  ASSERT_TRUE(store_->Apply(SampleBatch()).ok());
  auto ids = [&](const ScanOptions& o) {
    std::vector<std::string> out;
    const Status s = store_->ScanCraftsmen(o, [&](Craftsman&& c) {
      out.push_back(c.id);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  };
  EXPECT_EQ(ids({.ids = std::vector<std::string>{"C2", "C404", "C1"}}), (std::vector<std::string>{"C1", "C2"}));
  EXPECT_EQ(ids({.ids = std::vector<std::string>{}}), (std::vector<std::string>{}));
  ASSERT_TRUE(store_->SetArchived(domain::RecordKind::kCraftsman, "C2", true).ok());
  EXPECT_EQ(ids({.include_archived = true, .ids = std::vector<std::string>{"C2"}}), (std::vector<std::string>{"C2"}));
  const Status too_many = store_->ScanCraftsmen({.ids = std::vector<std::string>(kMaxScanIds + 1, "C1")},
                                                [](Craftsman&&) { return true; });
  EXPECT_EQ(too_many.code(), ErrorCode::kInvalidArgument);
}

// Events keep their date in ref_b: lists filter a date range and page in
// date order in SQL, ties broken by id, in both directions.
TEST_P(StoreTest, DocumentsFilterAndPageByRefBInBothDirections) {
  const std::vector<std::pair<std::string, std::string>> events = {
      {"EV-a", "2026-05-01"}, {"EV-b", "2026-03-01"}, {"EV-c", "2026-05-01"}, {"EV-d", "2026-01-15"}, {"EV-e", ""}};
  TrackingWrite write;
  for (const auto& [id, date] : events) {
    write.documents.push_back({{.kind = "event", .id = id, .org_id = kRootOrganisationId, .ref_a = "lecture",
                                .ref_b = date, .state = "open", .version = 1, .created_at = "t", .updated_at = "t"},
                               -1});
  }
  ASSERT_TRUE(store_->CommitTracking(write).ok());
  auto page_through = [&](DocumentFilter f, size_t page) {
    std::vector<std::string> out;
    f.kind = "event";
    f.limit = page;
    for (;;) {
      auto rows = store_->ListDocuments(f);
      EXPECT_TRUE(rows.ok()) << rows.status().ToString();
      if (!rows.ok() || rows->empty()) return out;
      for (const auto& r : *rows) out.push_back(r.id);
      f.after_id = rows->back().id;
      f.after_ref_b = rows->back().ref_b;
    }
  };
  for (const size_t page : {size_t{1}, size_t{2}, size_t{10}}) {
    EXPECT_EQ(page_through({.order_by_ref_b = true}, page),
              (std::vector<std::string>{"EV-e", "EV-d", "EV-b", "EV-a", "EV-c"}))
        << page;
    EXPECT_EQ(page_through({.order_by_ref_b = true, .descending = true}, page),
              (std::vector<std::string>{"EV-c", "EV-a", "EV-b", "EV-d", "EV-e"}))
        << page;
    EXPECT_EQ(page_through({.ref_b_from = "2026-02-01", .ref_b_to = "2026-05-01", .order_by_ref_b = true}, page),
              (std::vector<std::string>{"EV-b", "EV-a", "EV-c"}))
        << page;
  }
  // The range applies to the plain id order too.
  EXPECT_EQ(page_through({.ref_b_to = "2026-03-01"}, 1), (std::vector<std::string>{"EV-b", "EV-d", "EV-e"}));
}

// v6 moved the date of events written before it into ref_b.
TEST_P(StoreTest, SchemaV6GivesOlderEventsTheirDate) {
  EXPECT_GE(LatestSchemaVersion(), 6);
  TrackingWrite write;
  write.documents.push_back({{.kind = "event", .id = "EV-old", .org_id = kRootOrganisationId, .ref_a = "training",
                              .state = "open", .version = 1, .created_at = "t", .updated_at = "t",
                              .body = {{"date", "2025-11-20"}, {"title", "旧活动"}}},
                             -1});
  ASSERT_TRUE(store_->CommitTracking(write).ok());
  // As the row stood before v6: no date in ref_b, v6 not applied.
  store_.reset();
  ASSERT_EQ(craftlink::testing::ExecRawSql(db_->url(), "DROP INDEX documents_ref_b"), "");
  ASSERT_EQ(craftlink::testing::ExecRawSql(db_->url(), "DELETE FROM schema_migrations WHERE version = 6"), "");
  store_ = Open();
  ASSERT_TRUE(store_);
  auto row = store_->GetDocument("event", "EV-old");
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->ref_b, "2025-11-20");
}

// Programme-wide sums outgrow 32 bits (five years of 成本节约 in yuan at
// the root passed 3.8 billion in kpi_bench): both backends keep 64 bits.
TEST_P(StoreTest, KpiCellsAndTargetsHoldSixtyFourBitValues) {
  constexpr int64_t kBig = 3'821'356'860;
  ASSERT_TRUE(store_->ReplaceKpi({{kRootOrganisationId, 2026, "total", "", "cost_saved_yuan", kBig}}, {}).ok());
  TrackingWrite step;
  step.kpi.push_back({kRootOrganisationId, 2026, "total", "", "cost_saved_yuan", kBig});
  ASSERT_TRUE(store_->CommitTracking(step).ok());
  auto cells = store_->KpiCells(kRootOrganisationId, 2026);
  ASSERT_TRUE(cells.ok()) << cells.status().ToString();
  ASSERT_EQ(cells->size(), 1u);
  EXPECT_EQ(cells->front().value, 2 * kBig);
  ASSERT_TRUE(store_->PutTarget(kRootOrganisationId, 2026, "cost_saved_yuan", kBig).ok());
  auto targets = store_->Targets(kRootOrganisationId, 2026);
  ASSERT_TRUE(targets.ok()) << targets.status().ToString();
  ASSERT_EQ(targets->size(), 1u);
  EXPECT_EQ(targets->front().second, kBig);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(craftlink::testing::BackendsUnderTest()),
                         [](const auto& info) { return craftlink::testing::BackendName(info.param); });

}  // namespace
}  // namespace craftlink::storage

// The engine follows the store's change feed: a craftsman added, edited or
// made unavailable through another handle (as another process would) is
// reflected within a second, without a restart.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "matching/matching.h"
#include "matching/taxonomy.h"
#include "reference/reference.h"
#include "storage/store.h"

namespace craftlink::matching {
namespace {

using namespace std::chrono_literals;

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("craftlink-match-" + std::to_string(::getpid()) + "-" +
             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

domain::Craftsman Welder(const std::string& id, const std::string& region) {
  domain::Craftsman c;
  c.id = id;
  c.name = "焊工" + id;
  c.region = region;
  c.skills = {"钨极氩弧焊", "焊接缺陷分析"};
  c.bio = "擅长不锈钢和铝合金焊缝气孔、裂纹分析。";
  c.meta.org_id = storage::kRootOrganisationId;
  return c;
}

domain::Need WeldNeed() {
  domain::Need n;
  n.id = "Q1";
  n.enterprise_id = "E1";
  n.title = "焊缝老有气孔";
  n.description = "不锈钢管道氩弧焊焊缝气孔多";
  n.region = "510107";
  n.onsite = true;
  return n;
}

bool Within(std::chrono::milliseconds limit, const std::function<bool()>& done) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

bool Listed(const MatchEngine& engine, const std::string& id) {
  auto list = engine.MatchNeed(WeldNeed(), MatchOptions{.top_k = 20});
  if (!list.ok()) return false;
  for (const auto& m : list->matches) {
    if (m.craftsman_id == id) return true;
  }
  return false;
}

TEST(MatchFollowerTest, AppliesAddsEditsAndUnavailabilityWithinASecond) {
  TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "craftlink.db").string();
  auto store = storage::OpenStore(url);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->PutOrganisation({storage::kRootOrganisationId, "全国总工会", "", domain::OrganisationKind::kNational, "", {}}).ok());
  storage::WriteBatch first;
  domain::Enterprise e;
  e.id = "E1";
  e.name = "成都某阀门厂";
  e.industry = "C34";
  e.region = "510107";
  e.meta.org_id = storage::kRootOrganisationId;
  first.enterprises.push_back(e);
  first.craftsmen.push_back(Welder("C1", "510106"));
  ASSERT_TRUE((*store)->Apply(first).ok());

  auto words = internal::Taxonomy::LexiconWords(std::filesystem::path(reference::DefaultDataDir()) / "lexicon");
  ASSERT_TRUE(words.ok());
  auto analyzer = text::Analyzer::Create(text::AnalyzerOptions{.user_words = *words});
  ASSERT_TRUE(analyzer.ok());
  auto config = LoadMatchConfig();
  ASSERT_TRUE(config.ok());
  config->analyzer = *analyzer;
  auto engine = MatchEngine::Build(**store, *config);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  EXPECT_TRUE(Listed(**engine, "C1"));
  EXPECT_FALSE(Listed(**engine, "C2"));

  MatchFollower follower(**engine);
  // Writes go through a second handle on the same file, as another process's would.
  auto writer = storage::OpenStore(url);
  ASSERT_TRUE(writer.ok());

  storage::WriteBatch add;
  add.craftsmen.push_back(Welder("C2", "510107"));
  ASSERT_TRUE((*writer)->Apply(add).ok());
  EXPECT_TRUE(Within(1000ms, [&] { return Listed(**engine, "C2"); })) << "added craftsman not seen";

  // An edit: C1 becomes a PLC man, no longer a welder.
  storage::WriteBatch edit;
  domain::Craftsman plc = Welder("C1", "510106");
  plc.skills = {"PLC编程", "变频器"};
  plc.bio = "精通西门子PLC和变频器调试。";
  edit.craftsmen.push_back(plc);
  ASSERT_TRUE((*writer)->Apply(edit).ok());
  EXPECT_TRUE(Within(1000ms, [&] { return !Listed(**engine, "C1"); })) << "edit not seen";

  // Unavailable: C2 drops out.
  storage::WriteBatch away;
  domain::Craftsman c2 = Welder("C2", "510107");
  c2.available = false;
  away.craftsmen.push_back(c2);
  ASSERT_TRUE((*writer)->Apply(away).ok());
  EXPECT_TRUE(Within(1000ms, [&] { return !Listed(**engine, "C2"); })) << "unavailability not seen";

  // Archived and restored.
  storage::WriteBatch back;
  back.craftsmen.push_back(Welder("C3", "510107"));
  ASSERT_TRUE((*writer)->Apply(back).ok());
  ASSERT_TRUE(Within(1000ms, [&] { return Listed(**engine, "C3"); }));
  ASSERT_TRUE((*writer)->SetArchived(domain::RecordKind::kCraftsman, "C3", true).ok());
  EXPECT_TRUE(Within(1000ms, [&] { return !Listed(**engine, "C3"); })) << "archive not seen";
  ASSERT_TRUE((*writer)->SetArchived(domain::RecordKind::kCraftsman, "C3", false).ok());
  EXPECT_TRUE(Within(1000ms, [&] { return Listed(**engine, "C3"); })) << "restore not seen";

  follower.Stop();
  EXPECT_TRUE(follower.last_error().ok()) << follower.last_error().ToString();
  auto last = (*store)->LastChangeSeq();
  ASSERT_TRUE(last.ok());
  EXPECT_EQ((*engine)->applied_seq(), *last);
}

TEST(MatchFollowerTest, CatchUpWithoutAFollowerAndNothingToFollowFromACorpus) {
  Corpus corpus;
  auto config = LoadMatchConfig();
  ASSERT_TRUE(config.ok());
  auto engine = MatchEngine::BuildFromCorpus(corpus, *config);
  ASSERT_TRUE(engine.ok());
  EXPECT_TRUE((*engine)->CatchUp().ok());
  MatchFollower follower(**engine);
  EXPECT_TRUE(Within(1000ms, [&] { return !follower.last_error().ok(); }));
}

}  // namespace
}  // namespace craftlink::matching

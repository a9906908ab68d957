#include "matching/matching.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "matching/config.h"
#include "matching/taxonomy.h"
#include "reference/reference.h"

namespace craftlink::matching {
namespace {

using domain::Craftsman;
using domain::Enterprise;
using domain::InnovationResult;
using domain::Need;
using domain::ServiceKind;

std::shared_ptr<const text::Analyzer> SharedAnalyzer() {
  static const std::shared_ptr<const text::Analyzer> analyzer = [] {
    auto words = internal::Taxonomy::LexiconWords(std::filesystem::path(reference::DefaultDataDir()) / "lexicon");
    EXPECT_TRUE(words.ok()) << words.status().ToString();
    auto a = text::Analyzer::Create(text::AnalyzerOptions{.user_words = *words});
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return *a;
  }();
  return analyzer;
}

Craftsman MakeCraftsman(std::string id, std::string name, std::string region, std::vector<std::string> skills,
                        std::string bio, int capacity = 2) {
  Craftsman c;
  c.id = std::move(id);
  c.name = std::move(name);
  c.region = std::move(region);
  c.skills = std::move(skills);
  c.bio = std::move(bio);
  c.capacity_per_month = capacity;
  c.service_kinds = {ServiceKind::kTechnicalService, ServiceKind::kJointResearch, ServiceKind::kTraining};
  return c;
}

Need MakeNeed(std::string id, std::string title, std::string description, std::string region, bool onsite) {
  Need n;
  n.id = std::move(id);
  n.enterprise_id = "E1";
  n.title = std::move(title);
  n.description = std::move(description);
  n.region = std::move(region);
  n.onsite = onsite;
  n.kind = ServiceKind::kJointResearch;
  return n;
}

// A small pool: two welders alike but for where they live (成都, 重庆), a
// PLC man, an injection-moulding man, and a lean-production man.
Corpus SmallCorpus() {
  Corpus c;
  Enterprise e;
  e.id = "E1";
  e.name = "成都某机械厂";
  e.industry = "C34";
  e.region = "510107";
  c.enterprises.push_back(e);
  Enterprise e2 = e;
  e2.id = "E2";
  e2.name = "重庆某机械厂";
  e2.region = "500108";
  c.enterprises.push_back(e2);
  const std::string weld_bio = "从事铝合金和不锈钢氩弧焊二十年，擅长焊缝气孔、裂纹等焊接缺陷分析和焊接工艺评定。";
  c.craftsmen.push_back(MakeCraftsman("W-CD", "成焊工", "510106", {"钨极氩弧焊", "焊接缺陷分析", "焊接工艺评定"}, weld_bio));
  c.craftsmen.push_back(MakeCraftsman("W-CQ", "渝焊工", "500112", {"钨极氩弧焊", "焊接缺陷分析", "焊接工艺评定"}, weld_bio));
  c.craftsmen.push_back(MakeCraftsman("PLC", "电工", "510106", {"PLC编程", "西门子S7", "自动化产线改造"},
                                      "精通西门子PLC和变频器，擅长老旧产线控制系统改造和电气故障诊断。"));
  c.craftsmen.push_back(MakeCraftsman("MOLD", "模具工", "510106", {"注塑模具设计", "注塑工艺", "缩痕飞边处理"},
                                      "注塑模具高级技师，擅长处理缩痕、熔接痕、翘曲、飞边等外观缺陷。"));
  c.craftsmen.push_back(MakeCraftsman("LEAN", "精益师", "310114", {"精益生产", "5S现场管理", "快速换模"},
                                      "推进精益生产二十年，擅长现场5S、TPM、快速换模和价值流改善。"));
  InnovationResult r;
  r.id = "R1";
  r.title = "铝合金焊缝气孔综合控制方法";
  r.owner_ids = {"W-CD", "W-CQ"};
  r.summary = "从母材清理、保护气体纯度和焊丝存放控制铝合金氩弧焊焊缝气孔，一次探伤合格率提升到99%。";
  r.fields = {"铝合金焊接", "钨极氩弧焊"};
  c.results.push_back(r);
  InnovationResult r2;
  r2.id = "R2";
  r2.title = "注塑件缩痕快速诊断卡";
  r2.owner_ids = {"MOLD"};
  r2.summary = "按壁厚、保压和模温三步排查注塑件缩痕和熔接痕。";
  r2.fields = {"注塑工艺"};
  c.results.push_back(r2);
  return c;
}

MatchConfig TestConfig() {
  auto config = LoadMatchConfig();
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  MatchConfig c = *config;
  c.analyzer = SharedAnalyzer();
  return c;
}

std::unique_ptr<MatchEngine> BuildSmall(MatchConfig config = TestConfig(), Corpus corpus = SmallCorpus()) {
  auto engine = MatchEngine::BuildFromCorpus(corpus, config);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return std::move(engine).value();
}

const Reason* FindReason(const CraftsmanMatch& m, ReasonType type) {
  for (const Reason& r : m.reasons) {
    if (r.type == type) return &r;
  }
  return nullptr;
}

size_t Rank(const MatchList& list, const std::string& id) {
  for (size_t i = 0; i < list.matches.size(); ++i) {
    if (list.matches[i].craftsman_id == id) return i;
  }
  return list.matches.size();
}

TEST(MatchConfigTest, CompiledDefaultsEqualTheWeightsFile) {
  std::ifstream in(DefaultWeightsPath());
  ASSERT_TRUE(in) << DefaultWeightsPath();
  const auto file = nlohmann::json::parse(in);
  EXPECT_EQ(file, ToJson(MatchWeights{})) << "data/matching/weights.json and config.h disagree";
}

TEST(MatchConfigTest, RejectsUnknownKeysAndWrongTypes) {
  auto bad_key = MatchWeightsFromJson(nlohmann::json{{"score", {{"texx", 1.0}}}});
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.status().field(), "score.texx");
  auto bad_type = MatchWeightsFromJson(nlohmann::json{{"score", {{"text", "high"}}}});
  ASSERT_FALSE(bad_type.ok());
  auto partial = MatchWeightsFromJson(nlohmann::json{{"score", {{"text", 0.9}}}});
  ASSERT_TRUE(partial.ok());
  EXPECT_DOUBLE_EQ(partial->score.text, 0.9);
  EXPECT_DOUBLE_EQ(partial->score.taxonomy, MatchWeights{}.score.taxonomy);
}

TEST(MatchEngineTest, ReasonsNameTheSkillTermsRegionAndCapacity) {
  auto engine = BuildSmall();
  auto list = engine->MatchNeed(MakeNeed("N1", "焊缝老有气孔", "不锈钢管道氩弧焊焊完一探伤，焊缝气孔多，返修率高。", "510107", true));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_GE(list->matches.size(), 2u);
  const CraftsmanMatch& top = list->matches[0];
  EXPECT_EQ(top.craftsman_id, "W-CD");

  const Reason* skill = nullptr;
  for (const Reason& r : top.reasons) {
    if (r.type == ReasonType::kSkill && r.skill_id == "weld.tig") skill = &r;
  }
  ASSERT_NE(skill, nullptr) << ToJson(*list).dump();
  EXPECT_EQ(skill->match, "exact");
  EXPECT_EQ(skill->label, "钨极氩弧焊");
  EXPECT_TRUE(skill->via_skill_id.empty());

  const Reason* terms = FindReason(top, ReasonType::kTerms);
  ASSERT_NE(terms, nullptr);
  EXPECT_NE(std::find(terms->terms.begin(), terms->terms.end(), "气孔"), terms->terms.end());

  const Reason* region = FindReason(top, ReasonType::kRegion);
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->relation, "same_city");
  EXPECT_EQ(region->label.rfind("同城", 0), 0u);

  const Reason* capacity = FindReason(top, ReasonType::kCapacity);
  ASSERT_NE(capacity, nullptr);
  EXPECT_EQ(capacity->left, 2);
  EXPECT_EQ(capacity->label, "本月还可安排2次");

  const nlohmann::json j = ToJson(*list);
  EXPECT_EQ(j["need_id"], "N1");
  EXPECT_TRUE(j["confidence"] == "high" || j["confidence"] == "medium");
  EXPECT_EQ(j["matches"][0]["craftsman_id"], "W-CD");
  EXPECT_TRUE(j["matches"][0]["score"].is_number());
  bool has_skill = false, has_region = false, has_capacity = false;
  for (const auto& r : j["matches"][0]["reasons"]) {
    if (r["type"] == "skill" && r["skill_id"] == "weld.tig") {
      has_skill = true;
      EXPECT_EQ(r["label"], "钨极氩弧焊");
      EXPECT_EQ(r["match"], "exact");
    }
    if (r["type"] == "region") has_region = r["relation"] == "same_city";
    if (r["type"] == "capacity") has_capacity = r["left"] == 2 && r["label"] == "本月还可安排2次";
  }
  EXPECT_TRUE(has_skill && has_region && has_capacity) << j.dump();
  ASSERT_FALSE(j["results"].empty());
  EXPECT_EQ(j["results"][0]["result_id"], "R1");
}

TEST(MatchEngineTest, QuotedWordsLeaveOutHowTheNeedAsksAndSubWords) {
  Corpus corpus = SmallCorpus();
  for (Craftsman& c : corpus.craftsmen) {
    if (c.id == "MOLD") c.bio += "常被请去当专家，给操作工讲注塑缩痕的成因。";
  }
  auto engine = BuildSmall(TestConfig(), corpus);
  auto list = engine->MatchNeed(MakeNeed("N1", "注塑件缩痕", "操作工说缩痕越来越多，想请专家来看看。", "510107", true));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_FALSE(list->matches.empty());
  EXPECT_EQ(list->matches[0].craftsman_id, "MOLD");
  const Reason* terms = FindReason(list->matches[0], ReasonType::kTerms);
  ASSERT_NE(terms, nullptr);
  const auto& t = terms->terms;
  EXPECT_NE(std::find(t.begin(), t.end(), "缩痕"), t.end()) << terms->label;
  EXPECT_NE(std::find(t.begin(), t.end(), "操作工"), t.end()) << terms->label;
  EXPECT_EQ(std::find(t.begin(), t.end(), "作工"), t.end()) << terms->label;  // inside 操作工
  EXPECT_EQ(std::find(t.begin(), t.end(), "专家"), t.end()) << terms->label;  // a request word
}

TEST(MatchEngineTest, TheNearCraftsmanComesFirstWhenAVisitIsNeeded) {
  auto engine = BuildSmall();
  const std::string text = "不锈钢管道氩弧焊焊完一探伤，焊缝气孔多，返修率高。";
  auto chengdu = engine->MatchNeed(MakeNeed("N1", "焊缝老有气孔", text, "510107", true));
  ASSERT_TRUE(chengdu.ok());
  EXPECT_LT(Rank(*chengdu, "W-CD"), Rank(*chengdu, "W-CQ"));
  auto chongqing = engine->MatchNeed(MakeNeed("N2", "焊缝老有气孔", text, "500108", true));
  ASSERT_TRUE(chongqing.ok());
  EXPECT_LT(Rank(*chongqing, "W-CQ"), Rank(*chongqing, "W-CD"));
  const Reason* region = FindReason(chongqing->matches[1], ReasonType::kRegion);
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->relation, "alliance");
  EXPECT_EQ(region->label.rfind("川渝联盟", 0), 0u);
  // Region weighs more on site than remotely.
  auto remote = engine->MatchNeed(MakeNeed("N3", "焊缝老有气孔", text, "510107", false));
  ASSERT_TRUE(remote.ok());
  const double gap_onsite = chengdu->matches[Rank(*chengdu, "W-CD")].score - chengdu->matches[Rank(*chengdu, "W-CQ")].score;
  const double gap_remote = remote->matches[Rank(*remote, "W-CD")].score - remote->matches[Rank(*remote, "W-CQ")].score;
  EXPECT_GT(gap_onsite, gap_remote);
  EXPECT_GE(gap_remote, 0.0);
}

class FixedCapacity final : public CapacityProvider {
 public:
  int RemainingThisMonth(std::string_view id, int capacity_per_month) const override {
    return id == "W-CD" ? 0 : capacity_per_month;
  }
};

TEST(MatchEngineTest, ACraftsmanWithNoVisitsLeftDropsOutUnlessAsked) {
  MatchConfig config = TestConfig();
  config.capacity = std::make_shared<FixedCapacity>();
  auto engine = BuildSmall(config);
  const Need need = MakeNeed("N1", "焊缝老有气孔", "不锈钢管道氩弧焊焊缝气孔多", "510107", true);
  auto list = engine->MatchNeed(need);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(Rank(*list, "W-CD"), list->matches.size()) << "full craftsman must be left out";
  EXPECT_EQ(list->matches.at(0).craftsman_id, "W-CQ");
  auto with_full = engine->MatchNeed(need, MatchOptions{.include_full_capacity = true});
  ASSERT_TRUE(with_full.ok());
  const size_t at = Rank(*with_full, "W-CD");
  ASSERT_LT(at, with_full->matches.size());
  const Reason* capacity = FindReason(with_full->matches[at], ReasonType::kCapacity);
  ASSERT_NE(capacity, nullptr);
  EXPECT_EQ(capacity->left, 0);
  EXPECT_EQ(capacity->label, "本月已排满");
}

TEST(MatchEngineTest, ANeedNobodyFitsIsLowConfidence) {
  auto engine = BuildSmall();
  auto list = engine->MatchNeed(
      MakeNeed("N1", "想开一门古筝和书法兴趣课", "工会想给职工子女办暑期古筝、书法和绘画兴趣班，请老师来上课。", "510107", false));
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->confidence, Confidence::kLow);
  auto fits = engine->MatchNeed(MakeNeed("N2", "注塑件缩痕严重", "空调面板注塑件表面缩痕和熔接痕，客户投诉。", "510107", true));
  ASSERT_TRUE(fits.ok());
  EXPECT_NE(fits->confidence, Confidence::kLow);
  EXPECT_EQ(fits->matches.at(0).craftsman_id, "MOLD");
}

TEST(MatchEngineTest, BadInputGetsAnAnswerOrAClearErrorNeverACrash) {
  auto engine = BuildSmall();
  auto empty = engine->MatchNeed(MakeNeed("N0", "", "", "", false));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kInvalidArgument);
  auto blank = engine->MatchNeed(MakeNeed("N0", "   ", "\t\n", "", false));
  EXPECT_FALSE(blank.ok());

  std::string huge;
  while (huge.size() < 100 * 1024) huge += "焊缝气孔多，PLC程序丢失，注塑件缩痕，😀🔧 mixed English words and ＦＵＬＬ－ＷＩＤＴＨ ";
  for (const std::string& text :
       {huge, std::string("😀😀🔥🔥"), std::string("焊缝 weld porosity Schweißnaht Ποιότητα 溶接 용접 焊縫氣孔"),
        std::string("！！？？。。，、……——"), std::string("\xff\xfe\xc3 broken utf8 焊缝"), std::string(1, '\0')}) {
    auto list = engine->MatchNeed(MakeNeed("NX", text, text, "510107", true));
    if (!list.ok()) {
      EXPECT_EQ(list.status().code(), ErrorCode::kInvalidArgument);
      continue;
    }
    EXPECT_LE(list->matches.size(), 10u);
    (void)ToJson(*list).dump();  // serialisable, even from broken input
  }
  auto punct = engine->MatchNeed(MakeNeed("NP", "！！？？", "。。，，", "510107", true));
  ASSERT_TRUE(punct.ok());
  EXPECT_TRUE(punct->matches.empty());
  EXPECT_EQ(punct->confidence, Confidence::kLow);
  auto huge_list = engine->MatchNeed(MakeNeed("NH", "焊缝气孔", huge, "510107", true));
  ASSERT_TRUE(huge_list.ok());
  EXPECT_FALSE(huge_list->matches.empty());
}

TEST(MatchEngineTest, EvidenceMakesACraftsmanFindable) {
  auto engine = BuildSmall();
  const Need need = MakeNeed("N1", "酿酒窖池窖泥老化", "新窖池窖泥老化快，优质酒率低。", "510107", true);
  auto before = engine->MatchNeed(need);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(Rank(*before, "LEAN"), before->matches.size());
  ASSERT_TRUE(engine->AddEvidence("LEAN", "帮酒厂解决了窖池窖泥老化、酒质下降的问题").ok());
  auto after = engine->MatchNeed(need);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Rank(*after, "LEAN"), 0u);
  EXPECT_EQ(engine->AddEvidence("NOBODY", "x").code(), ErrorCode::kNotFound);
}

TEST(MatchEngineTest, ResultsForNeedsAndNeedsForResults) {
  Corpus corpus = SmallCorpus();
  corpus.needs.push_back(MakeNeed("N1", "铝合金焊缝气孔多", "铝合金车体氩弧焊焊缝气孔多，探伤返修。", "", true));
  corpus.needs.push_back(MakeNeed("N2", "注塑件缩痕", "外壳注塑件缩痕明显。", "", true));
  auto engine = BuildSmall(TestConfig(), corpus);
  auto results = engine->RecommendResults(corpus.needs[0]);
  ASSERT_TRUE(results.ok());
  ASSERT_FALSE(results->empty());
  EXPECT_EQ(results->front().result_id, "R1");
  auto needs = engine->RecommendNeedsForResult("R2");
  ASSERT_TRUE(needs.ok());
  ASSERT_FALSE(needs->empty());
  EXPECT_EQ(needs->front().need_id, "N2");
  EXPECT_EQ(engine->RecommendNeedsForResult("R404").status().code(), ErrorCode::kNotFound);
}

TEST(MatchEngineTest, FindsOpenNeedsOfDifferentEnterprisesThatSayTheSameThing) {
  Corpus corpus = SmallCorpus();
  Need a = MakeNeed("N1", "焊工培训取证", "车间新招焊工二十人，要参加焊工考试取证，请师傅来厂集中培训。", "", true);
  Need b = MakeNeed("N2", "新焊工集中培训考证", "新招的一批焊工要考焊工证，想请人来厂里集中培训取证。", "", true);
  b.enterprise_id = "E2";
  Need c = MakeNeed("N3", "注塑件缩痕", "外壳注塑件缩痕明显。", "", true);
  Need d = a;  // same enterprise: not a joint-training candidate
  d.id = "N4";
  corpus.needs = {a, b, c, d};
  auto engine = BuildSmall(TestConfig(), corpus);
  const auto groups = engine->FindDuplicateNeeds();
  ASSERT_EQ(groups.size(), 1u) << (groups.empty() ? "" : ToJson(groups[0]).dump());
  const auto& ids = groups[0].need_ids;
  EXPECT_NE(std::find(ids.begin(), ids.end(), "N2"), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "N3"), ids.end());
  EXPECT_EQ(groups[0].enterprise_ids.size(), 2u);
}

TEST(TrackRecordTest, NeutralWithoutHistoryAndOneGoodEngagementMovesLittle) {
  const double prior = kTrackRecordPrior;
  EXPECT_EQ(TrackRecordValue({}, prior), 0.0);
  const double one = TrackRecordValue({.resolved = 1, .rated = 1, .mean_rating = 5.0}, prior);
  const double many = TrackRecordValue({.resolved = 12, .rated = 12, .mean_rating = 4.8}, prior);
  EXPECT_GT(one, 0.0);
  EXPECT_LT(one, 0.3);
  EXPECT_GT(many, 2 * one);
  EXPECT_LE(many, 1.0);
  // Without the prior one 5-star engagement would count as a perfect record.
  EXPECT_DOUBLE_EQ(TrackRecordValue({.resolved = 1, .rated = 1, .mean_rating = 5.0}, 0.0), 1.0);
  EXPECT_LT(TrackRecordValue({.resolved = 1, .not_resolved = 3, .rated = 4, .mean_rating = 2.0}, prior), 0.0);
  EXPECT_GE(TrackRecordValue({.not_resolved = 1000, .rated = 1000, .mean_rating = 1.0}, prior), -1.0);
  EXPECT_GT(TrackRecordValue({.resolved = 2}, prior), 0.0);  // confirmed fixes count before any rating
}

class FixedTrackRecord final : public TrackRecordProvider {
 public:
  explicit FixedTrackRecord(std::map<std::string, TrackRecord> records) : records_(std::move(records)) {}
  TrackRecord Get(std::string_view id) const override {
    auto it = records_.find(std::string(id));
    return it == records_.end() ? TrackRecord{} : it->second;
  }

 private:
  std::map<std::string, TrackRecord> records_;
};

TEST(MatchEngineTest, ATrackRecordReordersNearEqualsButLiftsNobodyUnfit) {
  const Need need = MakeNeed("N1", "焊缝老有气孔", "不锈钢管道氩弧焊焊缝气孔多，返修率高。", "510107", false);
  auto plain = BuildSmall()->MatchNeed(need);
  ASSERT_TRUE(plain.ok());
  ASSERT_LT(Rank(*plain, "W-CD"), Rank(*plain, "W-CQ"));  // remote: 同城 ahead by a hair
  for (const CraftsmanMatch& m : plain->matches) EXPECT_EQ(FindReason(m, ReasonType::kTrackRecord), nullptr);
  auto with_records = [&](std::map<std::string, TrackRecord> records) {
    MatchConfig config = TestConfig();
    config.track_record = std::make_shared<FixedTrackRecord>(std::move(records));
    auto list = BuildSmall(config)->MatchNeed(need);
    EXPECT_TRUE(list.ok());
    return std::move(list).value();
  };

  // A perfect record is no substitute for the skill, and those without
  // history score exactly as with no track records at all.
  const MatchList unfit = with_records({{"PLC", {.resolved = 50, .rated = 50, .mean_rating = 5.0}}});
  EXPECT_LT(Rank(unfit, "W-CQ"), Rank(unfit, "PLC"));
  for (const char* id : {"W-CD", "W-CQ"}) {
    EXPECT_DOUBLE_EQ(unfit.matches[Rank(unfit, id)].score, plain->matches[Rank(*plain, id)].score) << id;
  }

  // Between near equals a good record decides, moving the score by at most
  // the feature's weight (times nearness).
  const MatchList ranked = with_records({{"W-CQ", {.resolved = 12, .rated = 12, .mean_rating = 4.8}}});
  EXPECT_LT(Rank(ranked, "W-CQ"), Rank(ranked, "W-CD"));
  const MatchConfig config = TestConfig();
  const MatchWeights& w = config.weights;
  const double moved = ranked.matches[Rank(ranked, "W-CQ")].score - plain->matches[Rank(*plain, "W-CQ")].score;
  EXPECT_LE(std::abs(moved), w.score.track_record * (1 + w.score.region_remote));
  EXPECT_EQ(ranked.matches[Rank(ranked, "W-CD")].parts.track_record, 0.0);

  const Reason* record = FindReason(ranked.matches[Rank(ranked, "W-CQ")], ReasonType::kTrackRecord);
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->label, "已解决 12 项，平均评分 4.8");
  const nlohmann::json j = ToJson(*record);
  EXPECT_EQ(j["resolved"], 12);
  EXPECT_EQ(j["not_resolved"], 0);
  EXPECT_DOUBLE_EQ(j["mean_rating"].get<double>(), 4.8);
  EXPECT_EQ(FindReason(ranked.matches[Rank(ranked, "W-CD")], ReasonType::kTrackRecord), nullptr);
}

// Every word a craftsman's reasons show, labels and quoted terms.
std::string ReasonText(const CraftsmanMatch& m) {
  std::string out;
  for (const Reason& r : m.reasons) {
    out += r.label + "|";
    for (const std::string& t : r.terms) out += t + "|";
  }
  return out;
}

TEST(MatchEngineTest, EvidenceIsAddedOncePerKeyAndItsWordsAreNeverQuoted) {
  auto engine = BuildSmall();
  const Need need = MakeNeed("N1", "酿酒窖池窖泥老化", "新窖池窖泥老化快，优质酒率低。", "510107", true);
  const std::vector<Evidence> items{{"LEAN", "G-1", "帮酒厂解决了窖池窖泥老化、酒质下降的问题"},
                                    {"NOBODY", "G-1", "窖池窖泥老化"}};
  auto added = engine->AddEvidence(items);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 1u);  // NOBODY is no craftsman: skipped
  auto first = engine->MatchNeed(need);
  ASSERT_TRUE(first.ok());
  auto again = engine->AddEvidence(items);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0u);
  auto second = engine->MatchNeed(need);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(ToJson(*first), ToJson(*second));  // nothing counted twice

  ASSERT_FALSE(first->matches.empty());
  const CraftsmanMatch& top = first->matches[0];
  EXPECT_EQ(top.craftsman_id, "LEAN");
  const Reason* evidence = FindReason(top, ReasonType::kEvidence);
  ASSERT_NE(evidence, nullptr) << ToJson(*first).dump();
  EXPECT_EQ(evidence->label, "曾解决过类似问题");
  EXPECT_EQ(ToJson(*evidence), (nlohmann::json{{"type", "evidence"}, {"label", "曾解决过类似问题"}}));
  const std::string shown = ReasonText(top);
  for (const char* word : {"窖池", "窖泥", "老化", "酿酒"}) EXPECT_EQ(shown.find(word), std::string::npos) << word << " in " << shown;

  // Another source with the same text is more evidence, not a repeat.
  auto other = engine->AddEvidence({{"LEAN", "G-2", "帮酒厂解决了窖池窖泥老化、酒质下降的问题"}});
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, 1u);
}

TEST(MatchEngineTest, WordsTheProfileAlsoHasAreStillQuotedBesideEvidence) {
  auto engine = BuildSmall();
  ASSERT_TRUE(engine->AddEvidence({{"W-CD", "G-1", "铝合金储罐焊缝气孔返修，改进清根和保护气"}}).ok());
  auto list = engine->MatchNeed(MakeNeed("N1", "焊缝老有气孔", "不锈钢管道氩弧焊焊缝气孔多，返修率高。", "510107", true));
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->matches.at(0).craftsman_id, "W-CD");
  const Reason* terms = FindReason(list->matches[0], ReasonType::kTerms);
  ASSERT_NE(terms, nullptr);
  EXPECT_NE(std::find(terms->terms.begin(), terms->terms.end(), "气孔"), terms->terms.end());  // the bio says it too
}

}  // namespace
}  // namespace craftlink::matching

#include "text/segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/test_util.h"

namespace craftlink::text {
namespace {

using testing::Texts;
using Words = std::vector<std::string>;

const Segmenter& Jieba() {
  static const Segmenter segmenter(testing::JiebaDictionary());
  return segmenter;
}

Words Cut(std::string_view text, Mode mode = Mode::kPrecise) { return Texts(Jieba().Segment(text, mode)); }

TEST(SegmenterTest, IndustrialTerms) {
  EXPECT_EQ(Cut("焊接变形控制"), (Words{"焊接", "变形", "控制"}));
  EXPECT_EQ(Cut("数控机床主轴"), (Words{"数控机床", "主轴"}));
  EXPECT_EQ(Cut("铝合金车体焊缝气孔"), (Words{"铝合金", "车体", "焊缝", "气孔"}));
  EXPECT_EQ(Cut("不锈钢薄板激光切割"), (Words{"不锈钢", "薄板", "激光", "切割"}));
}

// Expected output is jieba 0.42's jieba.cut(text, HMM=False).
TEST(SegmenterTest, MatchesJiebaWithoutHmm) {
  const std::vector<std::pair<std::string, Words>> cases = {
      {"可承接高铁转向架构件的批量加工", {"可", "承接", "高铁", "转向架", "构件", "的", "批量", "加工"}},
      {"焊缝气孔和夹渣是埋弧焊中最常见的缺陷",
       {"焊缝", "气孔", "和", "夹", "渣", "是", "埋", "弧焊", "中", "最", "常见", "的", "缺陷"}},
      {"需要严格控制焊丝干燥和坡口清理", {"需要", "严格控制", "焊丝", "干燥", "和", "坡口", "清理"}},
      {"精度可达零点零一毫米", {"精度", "可", "达", "零点", "零", "一", "毫米"}},
      {"主轴轴承温升过高会导致加工尺寸漂移",
       {"主轴", "轴承", "温", "升", "过", "高", "会", "导致", "加工", "尺寸", "漂移"}},
      {"我们需要一家有压力容器制造许可证的企业",
       {"我们", "需要", "一家", "有", "压力容器", "制造", "许可证", "的", "企业"}},
      {"月需求约三千件", {"月", "需求", "约", "三千件"}},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(Cut(text), expected) << text;
}

TEST(SegmenterTest, SearchModeAddsSubwordsAtTheParentsPosition) {
  const std::vector<Token> tokens = Jieba().Segment("数控机床主轴", Mode::kSearch);
  EXPECT_EQ(tokens, (std::vector<Token>{{"数控机床", 0}, {"数控", 0}, {"机床", 0}, {"主轴", 1}}));
  EXPECT_EQ(Cut("铝合金车体焊缝气孔", Mode::kSearch), (Words{"铝合金", "合金", "车体", "焊缝", "气孔"}));
  // 2-grams first, then 3-grams, as jieba's cut_for_search.
  EXPECT_EQ(Cut("中华人民共和国", Mode::kSearch),
            (Words{"中华人民共和国", "中华", "华人", "人民", "共和", "共和国"}));
  EXPECT_EQ(Cut("拥有数控机床二十余台", Mode::kSearch),
            (Words{"拥有", "数控机床", "数控", "机床", "二十余", "二十", "十余", "台"}));
  // Two-character words have no sub-words.
  EXPECT_EQ(Cut("焊接变形", Mode::kSearch), (Words{"焊接", "变形"}));
}

TEST(SegmenterTest, AlnumRunsAreSingleTokens) {
  const std::vector<Token> tokens = Jieba().Segment("plc控制柜q235钢板5s管理cnc", Mode::kPrecise);
  EXPECT_EQ(Texts(tokens), (Words{"plc", "控制柜", "q235", "钢板", "5s", "管理", "cnc"}));
  EXPECT_EQ(tokens.back().position, 6u);
  EXPECT_EQ(Cut("板厚0.5mm, 公差±0.02."), (Words{"板", "厚", "0.5mm", "公差", "0.02"}));
  EXPECT_EQ(Cut("v1.2.3 a.b"), (Words{"v1.2.3", "a", "b"}));
}

TEST(SegmenterTest, SeparatorsAndSymbolsAreDropped) {
  EXPECT_EQ(Cut("焊缝😀气孔🔧"), (Words{"焊缝", "气孔"}));
  EXPECT_EQ(Cut("，。！？、；：“”（）《》——……  \t\n"), Words{});
  EXPECT_EQ(Cut("★☆→①"), Words{});
  EXPECT_EQ(Cut(""), Words{});
  EXPECT_EQ(Cut("焊\xEF\xBF\xBD缝"), (Words{"焊", "缝"}));  // U+FFFD separates
}

TEST(SegmenterTest, IllFormedBytesDoNotCrash) {
  EXPECT_EQ(Cut("焊\xff缝\xe7气孔\xe7\x84"), (Words{"焊", "缝", "气孔"}));
  EXPECT_EQ(Cut("\x80\x80\xc0"), Words{});
}

TEST(SegmenterTest, RunsExposeCodePointsAndOffsets) {
  SegmentScratch scratch;
  std::vector<std::string> runs;
  Jieba().ForEachRun("ab焊缝,c", scratch, [&](const craftlink::text::Run& run) {  // qualified: gtest has Test::Run
    runs.push_back(std::string(run.kind == RunKind::kHan ? "H:" : "A:") + std::string(run.text));
    ASSERT_EQ(run.offsets.size(), run.cps.size() + 1);
    EXPECT_EQ(run.offsets.back(), run.text.size());
  });
  EXPECT_EQ(runs, (Words{"A:ab", "H:焊缝", "A:c"}));
}

TEST(SegmenterTest, DomainLexiconWords) {
  const Analyzer& analyzer = testing::DomainAnalyzer();
  EXPECT_EQ(Texts(analyzer.Segment("立墙贴焊接时容易出现虚焊和飞边")),
            (Words{"立墙贴", "焊接", "时", "容易", "出现", "虚焊", "和", "飞边"}));
  // The lexicon's traditional 刮研機 was normalised before it was added.
  EXPECT_EQ(Texts(analyzer.Segment("刮研機")), (Words{"刮研机"}));
  EXPECT_EQ(Cut("刮研机"), (Words{"刮研", "机"}));
  EXPECT_FALSE(analyzer.dictionary().Contains("cnc"));
  // Without the lexicon jieba leaves them as single characters.
  EXPECT_EQ(Cut("出现虚焊和飞边"), (Words{"出现", "虚", "焊", "和", "飞", "边"}));
}

TEST(SegmenterTest, LongRunIsLinear) {
  std::string text;
  for (int i = 0; i < 4000; ++i) text += "焊缝气孔";  // one 16,000-character run
  const std::vector<Token> tokens = Jieba().Segment(text, Mode::kSearch);
  ASSERT_EQ(tokens.size(), 8000u);
  EXPECT_EQ(tokens.back(), (Token{"气孔", 7999}));
}

}  // namespace
}  // namespace craftlink::text

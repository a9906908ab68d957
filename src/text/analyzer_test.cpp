#include "text/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "text/test_util.h"

namespace craftlink::text {
namespace {

using Tokens = std::vector<Token>;

const Analyzer& A() { return testing::DomainAnalyzer(); }

TEST(AnalyzerTest, QueryWithFillerKeepsContentWords) {
  const Analysis a = A().Analyze("我们希望找一个做数控加工的厂家");
  EXPECT_EQ(a.words, (Tokens{{"做", 0}, {"数控", 1}, {"加工", 2}, {"厂家", 3}}));
  // 我们 (two function characters), 希望 and 一个 (stop words) are dropped;
  // positions stay character indices.
  EXPECT_EQ(a.bigrams, (Tokens{{"们希", 1}, {"望找", 3}, {"找一", 4}, {"个做", 6}, {"做数", 7}, {"数控", 8},
                               {"控加", 9}, {"加工", 10}, {"工的", 11}, {"的厂", 12}, {"厂家", 13}}));
}

TEST(AnalyzerTest, SearchModeWordsShareTheirParentsPosition) {
  const Analysis a = A().Analyze("数控机床主轴");
  EXPECT_EQ(a.words, (Tokens{{"数控机床", 0}, {"数控", 0}, {"机床", 0}, {"主轴", 1}}));
  EXPECT_EQ(a.bigrams, (Tokens{{"数控", 0}, {"控机", 1}, {"机床", 2}, {"床主", 3}, {"主轴", 4}}));
}

TEST(AnalyzerTest, TraditionalInputMatchesSimplified) {
  const Analysis a = A().Analyze("焊縫氣孔");
  EXPECT_EQ(a.words, (Tokens{{"焊缝", 0}, {"气孔", 1}}));
  EXPECT_EQ(a.bigrams, (Tokens{{"焊缝", 0}, {"缝气", 1}, {"气孔", 2}}));
  EXPECT_EQ(A().Normalize("焊縫氣孔"), "焊缝气孔");
}

TEST(AnalyzerTest, FullWidthDigitsAndLatin) {
  const Analysis a = A().Analyze("ＰＬＣ１２３");
  EXPECT_EQ(a.words, (Tokens{{"plc123", 0}}));
  EXPECT_TRUE(a.bigrams.empty());
}

TEST(AnalyzerTest, MixedScripts) {
  const Analysis a = A().Analyze("CNC加工中心，MES系统对接；5S管理 Q235钢");
  EXPECT_EQ(a.words, (Tokens{{"cnc", 0}, {"加工", 1}, {"中心", 2}, {"mes", 3}, {"系统", 4}, {"对接", 5},
                             {"5s", 6}, {"管理", 7}, {"q235", 8}, {"钢", 9}}));
  EXPECT_EQ(a.bigrams,
            (Tokens{{"加工", 0}, {"工中", 1}, {"中心", 2}, {"系统", 4}, {"统对", 5}, {"对接", 6}, {"管理", 8}}));
}

TEST(AnalyzerTest, AsciiStopWords) {
  EXPECT_EQ(A().Analyze("The PLC and the MES of a line").words, (Tokens{{"plc", 0}, {"mes", 1}, {"line", 2}}));
}

TEST(AnalyzerTest, EmojiAreDroppedAndSeparate) {
  const Analysis a = A().Analyze("焊缝😀气孔👍");
  EXPECT_EQ(a.words, (Tokens{{"焊缝", 0}, {"气孔", 1}}));
  EXPECT_EQ(a.bigrams, (Tokens{{"焊缝", 0}, {"气孔", 2}}));  // no 缝气 across the emoji
}

TEST(AnalyzerTest, OnlyPunctuationAndEmptyInput) {
  for (const char* text : {"", "，。！？……——“”", "   \t\n", "!!!???...", "😀🔧👍"}) {
    const Analysis a = A().Analyze(text);
    EXPECT_TRUE(a.words.empty()) << text;
    EXPECT_TRUE(a.bigrams.empty()) << text;
  }
}

TEST(AnalyzerTest, IllFormedUtf8IsReplacedNotFatal) {
  const Analysis a = A().Analyze("焊\xff缝\xe7气孔\xf0\x9f");
  EXPECT_EQ(a.words, (Tokens{{"焊", 0}, {"缝", 1}, {"气孔", 2}}));
  EXPECT_EQ(a.bigrams, (Tokens{{"气孔", 2}}));
  const Analysis garbage = A().Analyze(std::string("\x80\xbf\xc0\xc1\xf5\xff\xfe\x00\xed\xa0\x80", 11));
  EXPECT_TRUE(garbage.words.empty());
}

TEST(AnalyzerTest, StopWordsLeaveNoGapSoIndexAndQueryAgree) {
  const Analysis doc = A().Analyze("焊缝的气孔");
  const Analysis query = A().Analyze("焊缝气孔");
  EXPECT_EQ(doc.words, (Tokens{{"焊缝", 0}, {"气孔", 1}}));
  EXPECT_EQ(doc.words, query.words);
  EXPECT_EQ(doc.bigrams, (Tokens{{"焊缝", 0}, {"缝的", 1}, {"的气", 2}, {"气孔", 3}}));
}

TEST(AnalyzerTest, DomainLexiconInAnalysis) {
  const Analysis a = A().Analyze("立墙贴焊接时容易出现虚焊和飞边");
  EXPECT_EQ(a.words, (Tokens{{"立墙贴", 0}, {"焊接", 1}, {"时", 2}, {"容易", 3}, {"出现", 4}, {"虚焊", 5},
                             {"飞边", 6}}));
  EXPECT_EQ(a.bigrams.size(), 14u);
}

TEST(AnalyzerTest, UserWordsFromMemory) {
  AnalyzerOptions options;
  options.user_words = {"焊缝發黑", "TIG焊", "夹钨"};
  auto analyzer = Analyzer::Create(options);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  EXPECT_TRUE((*analyzer)->dictionary().Contains("焊缝发黑"));
  EXPECT_EQ((*analyzer)->Analyze("出现夹钨").words, (Tokens{{"出现", 0}, {"夹钨", 1}}));
  EXPECT_EQ((*analyzer)->Analyze("TIG焊焊缝发黑").words,
            (Tokens{{"tig", 0}, {"焊", 1}, {"焊缝发黑", 2}, {"焊缝", 2}, {"发黑", 2}}));
}

TEST(AnalyzerTest, CallbackGivesTheSameTokens) {
  const std::string text = "铝合金车体焊缝气孔，ＰＬＣ控制的数控机床😀";
  const Analysis expected = A().Analyze(text);
  Analysis seen;
  A().Analyze(text, [&](const TokenView& t) {
    (t.stream == Stream::kWord ? seen.words : seen.bigrams).push_back(Token{std::string(t.text), t.position});
  });
  EXPECT_EQ(seen.words, expected.words);
  EXPECT_EQ(seen.bigrams, expected.bigrams);
}

TEST(AnalyzerTest, AnalyzeFromInsideACallback) {
  std::vector<std::string> outer;
  size_t inner_tokens = 0;
  A().Analyze("焊缝气孔", [&](const TokenView& t) {
    outer.emplace_back(t.text);
    A().Analyze("数控机床", [&](const TokenView&) { ++inner_tokens; });
  });
  EXPECT_EQ(outer, (std::vector<std::string>{"焊缝", "气孔", "焊缝", "缝气", "气孔"}));
  EXPECT_EQ(inner_tokens, outer.size() * 6);  // 数控机床 数控 机床 + 3 bigrams
}

TEST(AnalyzerTest, HundredKilobyteInput) {
  const std::string unit = "铝合金车体焊縫氣孔，ＰＬＣ控制的数控机床😀。";
  const Analysis one = A().Analyze(unit);
  ASSERT_EQ(one.words, (Tokens{{"铝合金", 0}, {"合金", 0}, {"车体", 1}, {"焊缝", 2}, {"气孔", 3}, {"plc", 4},
                               {"控制", 5}, {"数控机床", 6}, {"数控", 6}, {"机床", 6}}));
  const uint32_t word_positions = 7;
  const uint32_t han_chars = 16;  // 铝合金车体焊缝气孔 + 控制的数控机床
  std::string text;
  size_t copies = 0;
  while (text.size() < 100 * 1024) text += unit, ++copies;
  const Analysis big = A().Analyze(text);
  ASSERT_EQ(big.words.size(), copies * one.words.size());
  ASSERT_EQ(big.bigrams.size(), copies * one.bigrams.size());
  for (size_t k = 0; k < copies; k += 97) {
    for (size_t i = 0; i < one.words.size(); ++i) {
      const Token& t = big.words[k * one.words.size() + i];
      EXPECT_EQ(t, (Token{one.words[i].text, one.words[i].position + static_cast<uint32_t>(k) * word_positions}));
    }
    for (size_t i = 0; i < one.bigrams.size(); ++i) {
      const Token& t = big.bigrams[k * one.bigrams.size() + i];
      EXPECT_EQ(t, (Token{one.bigrams[i].text, one.bigrams[i].position + static_cast<uint32_t>(k) * han_chars}));
    }
  }
}

TEST(AnalyzerTest, ConcurrentAnalysis) {
  const std::vector<std::string> texts = {"焊縫氣孔ＰＬＣ", "我们希望找一个做数控加工的厂家", "数控机床主轴😀", "q235钢板"};
  std::vector<Analysis> expected;
  for (const auto& t : texts) expected.push_back(A().Analyze(t));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const size_t k = (i + t) % texts.size();
        const Analysis got = A().Analyze(texts[k]);
        if (got.words != expected[k].words || got.bigrams != expected[k].bigrams) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(AnalyzerTest, BuiltInStopWords) {
  EXPECT_EQ(BuiltInStopWordsText().substr(0, 1), "#");
  const StopWords& stop = A().stop_words();
  for (const char* w : {"的", "了", "是", "在", "我们", "一个", "有些", "什么", "怎么", "这个", "那个", "比较",
                        "就是", "还是", "想", "请", "希望", "the", "and"}) {
    EXPECT_TRUE(stop.Contains(w)) << w;
  }
  for (const char* w : {"焊缝", "不", "无", "没有", "#", ""}) EXPECT_FALSE(stop.Contains(w)) << w;
  EXPECT_TRUE(stop.IsFunctionChar(U'的'));
  EXPECT_FALSE(stop.IsFunctionChar(U'焊'));
  EXPECT_TRUE(stop.IsStopBigram(U'的', U'了'));
  EXPECT_TRUE(stop.IsStopBigram(U'比', U'较'));
  EXPECT_FALSE(stop.IsStopBigram(U'有', U'限'));
}

TEST(AnalyzerTest, CustomStopWordFile) {
  AnalyzerOptions options;
  options.stopwords_file = testing::WriteTempFile("craftlink_text_stop.txt", "# test list\n焊縫\n  \n");
  auto analyzer = Analyzer::Create(options);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  const Analysis a = (*analyzer)->Analyze("焊缝的气孔");
  EXPECT_EQ(a.words, (Tokens{{"的", 0}, {"气孔", 1}}));  // 焊缝 (normalised from 焊縫) is the only stop word
  EXPECT_EQ(a.bigrams, (Tokens{{"缝的", 1}, {"的气", 2}, {"气孔", 3}}));
}

TEST(AnalyzerTest, MissingFilesAreErrors) {
  AnalyzerOptions options;
  options.stopwords_file = "/nonexistent/stop.txt";
  EXPECT_EQ(Analyzer::Create(options).status().code(), ErrorCode::kIoError);
  options = AnalyzerOptions{};
  options.user_dicts.push_back("/nonexistent/user.dict");
  EXPECT_EQ(Analyzer::Create(options).status().code(), ErrorCode::kIoError);
  options = AnalyzerOptions{};
  options.jieba_dict = "/nonexistent/dict.txt";
  EXPECT_EQ(Analyzer::Create(options).status().code(), ErrorCode::kIoError);
}

}  // namespace
}  // namespace craftlink::text

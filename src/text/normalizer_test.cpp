#include "text/normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace craftlink::text {
namespace {

const Normalizer& Default() {
  static const auto normalizer = [] {
    auto created = Normalizer::Create();
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return std::move(created).value();
  }();
  return *normalizer;
}

TEST(NormalizerTest, FullWidthDigitsAndLatinBecomeLowerAscii) {
  EXPECT_EQ(Default().Normalize("ＰＬＣ１２３"), "plc123");
  EXPECT_EQ(Default().Normalize("１２３，４５６！"), "123,456!");
  EXPECT_EQ(Default().Normalize("Ｑ２３５钢"), "q235钢");
}

TEST(NormalizerTest, IdeographicSpaceBecomesSpace) {
  EXPECT_EQ(Default().Normalize("焊缝\u3000气孔"), "焊缝 气孔");
}

TEST(NormalizerTest, LatinIsLowerCased) {
  EXPECT_EQ(Default().Normalize("CNC MES PLC"), "cnc mes plc");
  EXPECT_EQ(Default().Normalize("ÉCOLE"), "école");
}

TEST(NormalizerTest, TraditionalBecomesSimplified) {
  EXPECT_EQ(Default().Normalize("焊縫氣孔"), "焊缝气孔");
  EXPECT_EQ(Default().Normalize("數控機床主軸"), "数控机床主轴");
  EXPECT_EQ(Default().Normalize("鋁合金車體"), "铝合金车体");
}

TEST(NormalizerTest, PhraseModeUsesOpenCCPhrases) {
  EXPECT_EQ(Default().Normalize("乾燥"), "干燥");
  EXPECT_EQ(Default().Normalize("乾隆"), "乾隆");
}

TEST(NormalizerTest, CharacterModeUsesTheTableOnly) {
  NormalizerOptions options;
  options.t2s = T2sMode::kCharacter;
  auto normalizer = Normalizer::Create(options);
  ASSERT_TRUE(normalizer.ok());
  EXPECT_EQ((*normalizer)->Normalize("焊縫氣孔 乾燥 乾隆"), "焊缝气孔 干燥 干隆");
  EXPECT_EQ((*normalizer)->SimplifyChar(U'縫'), U'缝');
  EXPECT_EQ((*normalizer)->SimplifyChar(U'缝'), U'缝');
}

TEST(NormalizerTest, T2sOffKeepsTraditional) {
  NormalizerOptions options;
  options.t2s = T2sMode::kOff;
  auto normalizer = Normalizer::Create(options);
  ASSERT_TRUE(normalizer.ok());
  EXPECT_EQ((*normalizer)->Normalize("焊縫ＡＢ"), "焊縫ab");
}

TEST(NormalizerTest, BadOpenCCConfigIsAnError) {
  NormalizerOptions options;
  options.opencc_config = "/nonexistent/t2s.json";
  auto normalizer = Normalizer::Create(options);
  ASSERT_FALSE(normalizer.ok());
  EXPECT_EQ(normalizer.status().code(), ErrorCode::kIoError);
}

TEST(NormalizerTest, NormalTextIsUnchanged) {
  const std::string text = "铝合金车体焊缝气孔 q235 5s, 0.5mm。";
  EXPECT_EQ(Default().Normalize(text), text);
  EXPECT_EQ(Default().Normalize(""), "");
}

TEST(NormalizerTest, IllFormedBytesBecomeReplacementCharacters) {
  EXPECT_EQ(Default().Normalize("焊\xff缝"), "焊\uFFFD缝");
  EXPECT_EQ(Default().Normalize("焊\xe7\x84"), "焊\uFFFD\uFFFD");          // truncated
  EXPECT_EQ(Default().Normalize("\xc0\xaf"), "\uFFFD\uFFFD");              // overlong '/'
  EXPECT_EQ(Default().Normalize("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");    // surrogate
  EXPECT_EQ(Default().Normalize("\xf4\x90\x80\x80"), "\uFFFD\uFFFD\uFFFD\uFFFD");  // > U+10FFFF
  EXPECT_EQ(Default().Normalize("\xff\xef\xbc\xa1\xe7\xb8\xab"), "\uFFFDa缝");  // with NFKC and t2s
}

TEST(NormalizerTest, NormalizeIntoOverwrites) {
  std::string out = "stale";
  Default().NormalizeInto("ＡＢ", out);
  EXPECT_EQ(out, "ab");
  Default().NormalizeInto("焊缝", out);
  EXPECT_EQ(out, "焊缝");
}

TEST(NormalizerTest, ConcurrentUseGivesTheSameResults) {
  const std::vector<std::string> inputs = {"焊縫氣孔ＰＬＣ", "乾燥的鋼板", "数控机床", "ÉCOLE\xff"};
  std::vector<std::string> expected;
  for (const auto& in : inputs) expected.push_back(Default().Normalize(in));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        const size_t k = (i + t) % inputs.size();
        if (Default().Normalize(inputs[k]) != expected[k]) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace craftlink::text

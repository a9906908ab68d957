#include "text/dictionary.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "text/test_util.h"

namespace craftlink::text {
namespace {

std::shared_ptr<const Dictionary> BuildFrom(const std::string& text) {
  DictionaryBuilder builder;
  const Status status = builder.AddText(text, "test");
  EXPECT_TRUE(status.ok()) << status.ToString();
  auto dict = builder.Build();
  EXPECT_TRUE(dict.ok());
  return dict.value();
}

TEST(DictionaryTest, LoadsWordsAndFrequencies) {
  DictionaryBuilder builder;
  ASSERT_TRUE(builder.AddText("焊 100\n缝 50 n\n焊缝 6 n\n# comment\n\n气孔 209\r\nAT&T 3 nz\n", "test").ok());
  EXPECT_EQ(builder.skipped_count(), 1u);
  auto dict = builder.Build();
  ASSERT_TRUE(dict.ok());
  const Dictionary& d = **dict;
  EXPECT_EQ(d.word_count(), 4u);
  EXPECT_EQ(d.total(), 368);  // AT&T counts toward the total, as in jieba
  EXPECT_EQ(d.Frequency("焊缝"), 6);
  EXPECT_EQ(d.Frequency("气孔"), 209);
  EXPECT_TRUE(d.Contains("焊"));
  EXPECT_FALSE(d.Contains("气"));  // a prefix, not a word
  EXPECT_FALSE(d.Contains("焊缝气"));
  EXPECT_FALSE(d.Contains("AT&T"));
  EXPECT_FALSE(d.Contains(""));
  EXPECT_DOUBLE_EQ(d.LogProb(d.Find(U"焊缝", 2)), std::log(6.0) - std::log(368.0));
  EXPECT_DOUBLE_EQ(d.UnknownLogProb(), -std::log(368.0));
}

TEST(DictionaryTest, TrieWalk) {
  auto dict = BuildFrom("焊缝 6\n焊接 268\n焊 100\n");
  const uint32_t han = dict->Child(Dictionary::kRoot, U'焊');
  ASSERT_NE(han, Dictionary::kNone);
  EXPECT_TRUE(dict->IsWord(han));
  EXPECT_NE(dict->Child(han, U'缝'), Dictionary::kNone);
  EXPECT_NE(dict->Child(han, U'接'), Dictionary::kNone);
  EXPECT_EQ(dict->Child(han, U'气'), Dictionary::kNone);
  EXPECT_EQ(dict->Child(Dictionary::kRoot, U'气'), Dictionary::kNone);
  EXPECT_EQ(dict->node_count(), 4u);
}

TEST(DictionaryTest, LaterEntryWinsAndZeroFrequencyIsNotAWord) {
  auto dict = BuildFrom("焊缝 6\n气孔 0\n焊缝 9\n");
  EXPECT_EQ(dict->Frequency("焊缝"), 9);
  EXPECT_FALSE(dict->Contains("气孔"));
}

TEST(DictionaryTest, SupplementaryPlaneWords) {
  auto dict = BuildFrom("𠀀𠀁 5\n𠀀 3\n");
  EXPECT_EQ(dict->Frequency("𠀀𠀁"), 5);
  EXPECT_EQ(dict->Frequency("𠀀"), 3);
}

TEST(DictionaryTest, MissingFrequencyGetsJiebasSuggestion) {
  DictionaryBuilder builder;
  ASSERT_TRUE(builder.AddText("焊 100\n缝 50\n气孔 60\n", "main").ok());
  ASSERT_TRUE(builder.AddText("焊缝\n气孔 n\n", "user").ok());
  auto dict = builder.Build();
  ASSERT_TRUE(dict.ok());
  // total 210; best split 焊/缝: 100/210 * 50/210 * 210 = 23.8 → 24.
  EXPECT_EQ((*dict)->Frequency("焊缝"), 24);
  // 气孔 already had 60, more than its split (気/孔 unknown: 1/210 → 1).
  EXPECT_EQ((*dict)->Frequency("气孔"), 60);
  EXPECT_EQ((*dict)->total(), 234);
}

TEST(DictionaryTest, SuggestionsMatchJiebaOnItsDictionary) {
  DictionaryBuilder builder;
  ASSERT_TRUE(builder.AddFile(DefaultJiebaDictPath()).ok());
  builder.AddWord("虚焊");
  builder.AddWord("飞边");
  builder.AddWord("立墙贴");
  auto dict = builder.Build();
  ASSERT_TRUE(dict.ok());
  // jieba.suggest_freq(word) prints 1, 3, 1 for these with its default dictionary.
  EXPECT_EQ((*dict)->Frequency("虚焊"), 1);
  EXPECT_EQ((*dict)->Frequency("飞边"), 3);
  EXPECT_EQ((*dict)->Frequency("立墙贴"), 1);
}

TEST(DictionaryTest, NormalizesUserWordsWhenAsked) {
  DictionaryBuilder builder;
  ASSERT_TRUE(builder.AddText("焊縫 5\n", "user", [](std::string_view w) {
                       return std::string(w) == "焊縫" ? std::string("焊缝") : std::string(w);
                     }).ok());
  auto dict = builder.Build();
  ASSERT_TRUE(dict.ok());
  EXPECT_EQ((*dict)->Frequency("焊缝"), 5);
}

TEST(DictionaryTest, Errors) {
  DictionaryBuilder builder;
  const Status bad = builder.AddText("焊缝 6x\n", "user.dict");
  EXPECT_EQ(bad.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("line 1 of user.dict"), std::string::npos);
  EXPECT_EQ(builder.AddFile("/nonexistent/dict.txt").code(), ErrorCode::kIoError);
}

TEST(DictionaryTest, EmptyDictionary) {
  auto dict = BuildFrom("");
  EXPECT_EQ(dict->word_count(), 0u);
  EXPECT_EQ(dict->Child(Dictionary::kRoot, U'焊'), Dictionary::kNone);
  EXPECT_FALSE(dict->Contains("焊"));
}

TEST(DictionaryTest, LoadsJiebaDictionaryQuickly) {
  const auto start = std::chrono::steady_clock::now();
  DictionaryBuilder builder;
  ASSERT_TRUE(builder.AddFile(DefaultJiebaDictPath()).ok());
  auto dict = builder.Build();
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(dict.ok());
  EXPECT_EQ((*dict)->word_count(), 348974u);  // the all-Han entries of dict.txt
  EXPECT_EQ((*dict)->total(), 60101967);      // jieba's total, over every entry
  EXPECT_EQ((*dict)->Frequency("焊缝"), 6);
  EXPECT_EQ((*dict)->Frequency("数控机床"), 3);
  RecordProperty("load_ms", static_cast<int>(ms));
  // ~0.2 s when the machine is idle; generous for a shared, loaded CI box.
  EXPECT_LT(ms, 2000);
}

}  // namespace
}  // namespace craftlink::text

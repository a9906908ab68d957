#include "matching/term_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace craftlink::matching::internal {
namespace {

TEST(TermTableTest, InternsEachTextOnceAndFindsItAgain) {
  TermTable table;
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) texts.push_back("词" + std::to_string(i * 7919 % 100003));
  for (size_t i = 0; i < texts.size(); ++i) {
    bool added = false;
    EXPECT_EQ(table.Intern(texts[i], TermTable::Hash(texts[i]), &added), i);
    EXPECT_TRUE(added);
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    bool added = true;
    EXPECT_EQ(table.Intern(texts[i], TermTable::Hash(texts[i]), &added), i);
    EXPECT_FALSE(added);
    EXPECT_EQ(table.Find(texts[i], TermTable::Hash(texts[i])), i);
    EXPECT_EQ(table.Text(static_cast<uint32_t>(i)), texts[i]);
  }
  EXPECT_EQ(table.size(), texts.size());
  EXPECT_FALSE(table.Find("没有", TermTable::Hash("没有")).has_value());
  EXPECT_FALSE(table.Find("", TermTable::Hash("")).has_value());
}

}  // namespace
}  // namespace craftlink::matching::internal

#include "services/list_cursor.h"

#include <gtest/gtest.h>

namespace craftlink::services {
namespace {

TEST(ListCursorTest, RoundTripsChineseValuesAndIsUrlSafe) {
  const ListPosition at{"张三丰 Wang/+?&=", "C17"};
  const std::string cursor = EncodeSortedCursor("-name", at);
  EXPECT_EQ(cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos)
      << cursor;
  auto back = DecodeSortedCursor("-name", cursor);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->value, at.value);
  EXPECT_EQ(back->id, at.id);
  // An empty sort value (a need without a posting date) is a position too.
  auto empty = DecodeSortedCursor("posted", EncodeSortedCursor("posted", {"", "N1"}));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->value, "");
}

TEST(ListCursorTest, RefusesCursorsOfAnotherOrderAndGarbage) {
  const std::string by_name = EncodeSortedCursor("name", {"王", "C1"});
  for (const char* sort : {"-name", "region"}) {
    auto r = DecodeSortedCursor(sort, by_name);
    EXPECT_FALSE(r.ok()) << sort;
    EXPECT_EQ(r.status().field(), "after");
  }
  const std::string no_id = EncodeSortedCursor("name", {"王", ""});
  for (const std::string& bad : {std::string("C1"), std::string(""), by_name + "=", by_name + "!", no_id,
                                 std::string("W10"),  // base64 of "[]" shapes are checked too
                                 std::string(3000, 'A')}) {
    auto r = DecodeSortedCursor("name", bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace craftlink::services

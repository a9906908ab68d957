#include "domain/codec.h"

#include <gtest/gtest.h>

namespace craftlink::domain {
namespace {

using nlohmann::json;

TEST(CodecTest, CraftsmanRoundTripKeepsUnknownFieldsInExtra) {
  const json in = json::parse(R"({"id":"C1","name":"雷振川","skills":["堆焊"],"service_kinds":["技术攻关"],
      "capacity_per_month":3,"hometown":"德阳","tags":[1,2]})");
  auto c = CraftsmanFromJson(in);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->service_kinds.at(0), ServiceKind::kJointResearch);
  EXPECT_EQ(c->meta.extra["hometown"], "德阳");
  const json out = ToJson(*c);
  EXPECT_EQ(out["hometown"], "德阳");
  EXPECT_EQ(out["tags"], json::array({1, 2}));
  auto again = CraftsmanFromJson(out);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ToJson(*again), out);
}

TEST(CodecTest, NamesTheFieldAtFault) {
  auto missing = NeedFromJson(json::parse(R"({"id":"N1","title":"焊缝气孔"})"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "enterprise_id");

  auto wrong_type = CraftsmanFromJson(json::parse(R"({"id":"C1","name":"张","skills":"焊接"})"));
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.status().field(), "skills");

  auto bad_kind = NeedFromJson(json::parse(R"({"id":"N1","enterprise_id":"E1","title":"t","kind":"维修"})"));
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_EQ(bad_kind.status().field(), "kind");
  EXPECT_NE(bad_kind.status().message().find("技术服务"), std::string::npos);

  auto capacity = CraftsmanFromJson(json::parse(R"({"id":"C1","name":"张","capacity_per_month":-1})"));
  EXPECT_EQ(capacity.status().field(), "capacity_per_month");

  auto not_object = EnterpriseFromJson(json::parse("[1,2]"));
  EXPECT_FALSE(not_object.ok());
}

TEST(CodecTest, RejectsTooLongText) {
  json j = {{"id", "E1"}, {"name", std::string(3 * (kMaxShortText + 1), 'a')}};
  auto e = EnterpriseFromJson(j);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().field(), "name");
}

TEST(CodecTest, NumericIdsFromSpreadsheetsBecomeText) {
  auto e = EnterpriseFromJson(json::parse(R"({"id":1001,"name":"甲厂","region":510100})"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->id, "1001");
  EXPECT_EQ(e->region, "510100");
}

}  // namespace
}  // namespace craftlink::domain

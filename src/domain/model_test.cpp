#include "domain/model.h"

#include <gtest/gtest.h>

namespace craftlink::domain {
namespace {

TEST(ServiceKindTest, ParsesChineseAndEnglishNames) {
  EXPECT_EQ(ParseServiceKind("技术攻关"), ServiceKind::kJointResearch);
  EXPECT_EQ(ParseServiceKind("joint_research"), ServiceKind::kJointResearch);
  EXPECT_EQ(ParseServiceKind("宣讲"), ServiceKind::kLecture);
  EXPECT_FALSE(ParseServiceKind("维修").has_value());
  for (const auto& n : ServiceKindNames()) {
    EXPECT_EQ(ParseServiceKind(ServiceKindChinese(n.kind)), n.kind);
    EXPECT_EQ(ServiceKindCode(n.kind), n.code);
  }
}

TEST(VocabularyTest, RoundTripsEveryEnum) {
  for (RecordKind k : kAllRecordKinds) EXPECT_EQ(ParseRecordKind(RecordKindPlural(k)), k);
  EXPECT_EQ(ParseOrganisationKind("alliance"), OrganisationKind::kAlliance);
  EXPECT_EQ(ParseEnterpriseSize("微型"), EnterpriseSize::kMicro);
  EXPECT_EQ(ParseMaturity("已推广"), Maturity::kPromoted);
  EXPECT_EQ(ParseNeedStatus("in_progress"), NeedStatus::kInProgress);
  EXPECT_FALSE(ParseEnterpriseSize("超大型").has_value());
}

}  // namespace
}  // namespace craftlink::domain

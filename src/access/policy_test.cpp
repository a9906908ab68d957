// The access matrix at the policy level: every role against records of its
// own organisation, a child organisation, an alliance partner and an
// unrelated organisation. The HTTP matrix test repeats this through the API.
#include "access/policy.h"

#include <gtest/gtest.h>

namespace craftlink::access {
namespace {

using domain::OrganisationKind;

std::vector<domain::Organisation> Orgs() {
  return {{"root", "全国", "", OrganisationKind::kNational, "", {}},
          {"sc", "四川", "root", OrganisationKind::kProvince, "510000", {}},
          {"cd", "成都", "sc", OrganisationKind::kCity, "510100", {}},
          {"cq", "重庆", "root", OrganisationKind::kProvince, "500000", {}},
          {"sh", "上海", "root", OrganisationKind::kProvince, "310000", {}},
          {"chuanyu", "川渝联盟", "root", OrganisationKind::kAlliance, "", {"sc", "cq"}}};
}

Principal Staff(const std::string& org) { return {"u-" + org, "staff-" + org, Role::kStaff, org, "", ""}; }
const Principal kAdmin{"u-admin", "admin", Role::kAdmin, "", "", ""};
const Principal kEnterpriseE1{"u-e1", "e1", Role::kEnterprise, "", "E1", ""};
const Principal kEnterpriseE2{"u-e2", "e2", Role::kEnterprise, "", "E2", ""};
const Principal kCraftsmanC1{"u-c1", "c1", Role::kCraftsman, "", "", "C1"};
const Principal kCraftsmanC2{"u-c2", "c2", Role::kCraftsman, "", "", "C2"};

domain::Craftsman CraftsmanIn(const std::string& id, const std::string& org) {
  domain::Craftsman c;
  c.id = id;
  c.meta.org_id = org;
  return c;
}

class PolicyTest : public ::testing::Test {
 protected:
  OrgDirectory orgs_{Orgs()};
  Policy policy_{orgs_};
};

TEST_F(PolicyTest, OrganisationTreeAndAlliances) {
  EXPECT_TRUE(orgs_.IsWithin("cd", "sc"));
  EXPECT_TRUE(orgs_.IsWithin("cd", "root"));
  EXPECT_FALSE(orgs_.IsWithin("sc", "cd"));
  EXPECT_FALSE(orgs_.IsWithin("cq", "sc"));
  EXPECT_EQ(orgs_.AlliancePartners("cd"), (std::set<std::string>{"cq"}));
  EXPECT_EQ(orgs_.AlliancePartners("cq"), (std::set<std::string>{"sc"}));
  EXPECT_TRUE(orgs_.AlliancePartners("sh").empty());
}

TEST_F(PolicyTest, CraftsmanVisibilityMatrix) {
  const auto c_chengdu = CraftsmanIn("C1", "cd");
  struct Cell {
    Principal who;
    bool consent;
    Visibility expected;
  };
  const Cell cells[] = {
      {kAdmin, false, Visibility::kFull},
      {Staff("sc"), false, Visibility::kFull},      // parent organisation
      {Staff("cd"), false, Visibility::kFull},      // own organisation
      {Staff("cq"), true, Visibility::kMasked},     // alliance partner, consent given
      {Staff("cq"), false, Visibility::kHidden},    // alliance partner, no consent
      {Staff("sh"), true, Visibility::kHidden},     // unrelated, consent irrelevant
      {Staff("root"), false, Visibility::kFull},    // the national union sees all below it
      {kCraftsmanC1, false, Visibility::kFull},     // themself
      {kCraftsmanC2, true, Visibility::kHidden},    // another craftsman
      {kEnterpriseE1, true, Visibility::kHidden},   // enterprises do not browse the pool
  };
  for (const Cell& cell : cells) {
    EXPECT_EQ(policy_.View(cell.who, c_chengdu, cell.consent), cell.expected)
        << cell.who.username << " consent=" << cell.consent;
  }
  EXPECT_TRUE(policy_.CanEdit(kCraftsmanC1, c_chengdu));
  EXPECT_FALSE(policy_.CanEdit(kCraftsmanC2, c_chengdu));
  EXPECT_FALSE(policy_.CanEdit(Staff("cq"), c_chengdu));  // sharing is read-only
  EXPECT_TRUE(policy_.CanEdit(Staff("sc"), c_chengdu));
}

TEST_F(PolicyTest, NeedsAndEnterprisesMatrix) {
  domain::Need need;
  need.id = "N1";
  need.enterprise_id = "E1";
  need.confidential = true;
  need.meta.org_id = "cd";
  domain::Enterprise e1;
  e1.id = "E1";
  e1.meta.org_id = "cd";
  EXPECT_EQ(policy_.View(kEnterpriseE1, need), Visibility::kFull);
  EXPECT_EQ(policy_.View(kEnterpriseE2, need), Visibility::kHidden);   // guessed id of another enterprise
  EXPECT_EQ(policy_.View(Staff("sc"), need), Visibility::kFull);
  EXPECT_EQ(policy_.View(Staff("cq"), need), Visibility::kHidden);     // alliances share craftsmen, not needs
  EXPECT_EQ(policy_.View(kCraftsmanC1, need), Visibility::kHidden);
  EXPECT_EQ(policy_.View(kEnterpriseE1, e1), Visibility::kFull);
  EXPECT_EQ(policy_.View(kEnterpriseE2, e1), Visibility::kHidden);
  EXPECT_EQ(policy_.View(Staff("sh"), e1), Visibility::kHidden);
  EXPECT_TRUE(policy_.CanEdit(kEnterpriseE1, need));
  EXPECT_FALSE(policy_.CanEdit(kEnterpriseE2, need));
  EXPECT_FALSE(policy_.CanEdit(kCraftsmanC1, need));
  EXPECT_TRUE(policy_.CanCreateIn(Staff("sc"), "cd"));
  EXPECT_FALSE(policy_.CanCreateIn(Staff("cd"), "sc"));
  EXPECT_FALSE(policy_.CanCreateIn(kEnterpriseE1, "cd"));
}

TEST_F(PolicyTest, ResultsAndAdministration) {
  domain::InnovationResult r;
  r.id = "R1";
  r.owner_ids = {"C1"};
  r.meta.org_id = "cd";
  EXPECT_EQ(policy_.View(Staff("sh"), r), Visibility::kFull);
  EXPECT_EQ(policy_.View(kCraftsmanC1, r), Visibility::kFull);
  EXPECT_EQ(policy_.View(kCraftsmanC2, r), Visibility::kHidden);
  EXPECT_EQ(policy_.View(kEnterpriseE1, r), Visibility::kHidden);
  EXPECT_FALSE(policy_.CanEdit(Staff("sh"), r));
  EXPECT_TRUE(policy_.CanManageUsers(kAdmin));
  EXPECT_FALSE(policy_.CanManageUsers(Staff("root")));
  EXPECT_FALSE(policy_.CanReadAudit(Staff("sc")));
  EXPECT_FALSE(policy_.CanDispatch(kEnterpriseE1));
}

TEST(MaskTest, PhonesAndNames) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskName("刘海燕"), "刘**");
  EXPECT_EQ(MaskName(""), "");
}

}  // namespace
}  // namespace craftlink::access

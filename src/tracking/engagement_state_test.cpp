#include "tracking/engagement_state.h"

#include <gtest/gtest.h>

namespace craftlink::tracking {
namespace {

using S = EngagementState;
using A = EngagementAction;

TEST(EngagementStateTest, HappyPathReachesClosed) {
  S s = S::kProposed;
  for (A a : {A::kDispatch, A::kAccept, A::kSchedule, A::kLogVisit, A::kLogVisit, A::kResolve, A::kRate,
              A::kFollowUp, A::kClose}) {
    auto next = NextState(s, a);
    ASSERT_TRUE(next.has_value()) << StateCode(s) << " --" << ActionCode(a);
    s = *next;
  }
  EXPECT_EQ(s, S::kClosed);
  EXPECT_TRUE(IsTerminal(s));
}

TEST(EngagementStateTest, TerminalStatesAcceptNothing) {
  for (S s : AllStates()) {
    if (!IsTerminal(s)) continue;
    for (int a = 0; a <= static_cast<int>(A::kCancel); ++a) {
      EXPECT_FALSE(NextState(s, static_cast<A>(a)).has_value()) << StateCode(s);
    }
  }
}

TEST(EngagementStateTest, RefusesSkippingSteps) {
  EXPECT_FALSE(NextState(S::kDispatched, A::kLogVisit));   // not accepted yet
  EXPECT_FALSE(NextState(S::kAccepted, A::kResolve));      // no visit yet
  EXPECT_FALSE(NextState(S::kInService, A::kRate));        // not finished
  EXPECT_FALSE(NextState(S::kInService, A::kCancel));      // service began: close instead
  EXPECT_FALSE(NextState(S::kProposed, A::kAccept));
}

TEST(EngagementStateTest, OnlyTheRightActorMayAct) {
  EXPECT_TRUE(MayAct(Actor::kLead, A::kAccept));
  EXPECT_FALSE(MayAct(Actor::kMember, A::kAccept));
  EXPECT_FALSE(MayAct(Actor::kStaff, A::kAccept));
  EXPECT_FALSE(MayAct(Actor::kEnterprise, A::kLogVisit));
  EXPECT_TRUE(MayAct(Actor::kEnterprise, A::kRate));
  EXPECT_FALSE(MayAct(Actor::kStaff, A::kRate));
  EXPECT_FALSE(MayAct(Actor::kLead, A::kExpire));
  EXPECT_TRUE(MayAct(Actor::kSystem, A::kExpire));
}

TEST(EngagementStateTest, CodesRoundTrip) {
  for (S s : AllStates()) EXPECT_EQ(ParseState(StateCode(s)), s);
  for (int a = 0; a <= static_cast<int>(A::kCancel); ++a) {
    EXPECT_EQ(ParseAction(ActionCode(static_cast<A>(a))), static_cast<A>(a));
  }
  EXPECT_FALSE(ParseState("done"));
}

}  // namespace
}  // namespace craftlink::tracking

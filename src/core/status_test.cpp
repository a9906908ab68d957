#include "core/status.h"

#include <gtest/gtest.h>

namespace craftlink {
namespace {

Status FailsWhenNegative(int x) {
  if (x < 0) return Status::Invalid("must not be negative", "x");
  return Status::Ok();
}

Status Chain(int x) {
  CRAFTLINK_RETURN_IF_ERROR(FailsWhenNegative(x));
  return Status::Conflict("reached the end");
}

TEST(StatusTest, OkByDefaultAndErrorsCarryFieldAndCode) {
  EXPECT_TRUE(Status().ok());
  const Status s = FailsWhenNegative(-1);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.ToString(), "invalid_argument: x: must not be negative");
}

TEST(StatusTest, ReturnIfErrorStopsAtFirstFailure) {
  EXPECT_EQ(Chain(-1).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Chain(1).code(), ErrorCode::kConflict);
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> good = 7;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad = Status::NotFound("no such craftsman");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace craftlink

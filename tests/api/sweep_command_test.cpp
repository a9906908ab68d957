// `craftlink sweep`, run as its own process beside a server's database, does
// one round of the server's sweeper — re-offers included, which need the
// server's match index.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/serve_process.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

class SweepCommandTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam(), FixtureOptions{.with_matching = true}); }

  // The JSON summary `craftlink sweep` prints last.
  static json Summary(const CommandResult& run) {
    const std::string& out = run.output;
    const size_t end = out.find_last_not_of('\n');
    const size_t start = out.rfind('\n', end);
    return json::parse(out.substr(start == std::string::npos ? 0 : start + 1, end + 1), nullptr, false);
  }

  std::unique_ptr<ApiFixture> api_;
};

TEST_P(SweepCommandTest, AnExpiredDispatchPassesToTheNextCandidate) {
  const json matches = api_->Get("staff-cd", "/api/v1/needs/N1/matches").body;
  ASSERT_GE(matches["matches"].size(), 2u) << matches.dump();
  const std::string first = matches["matches"][0]["craftsman_id"];
  const std::string second = matches["matches"][1]["craftsman_id"];
  // Dispatched on the fixture's clock (kClockStart), months before the real
  // clock the command runs on: long unanswered.
  Reply created = api_->Call("staff-cd", "POST", "/api/v1/engagements",
                             json{{"need_id", "N1"}, {"craftsman_ids", {first}}}.dump());
  ASSERT_EQ(created.status, 201) << created.raw;

  const CommandResult run = RunCommand({CraftlinkBinary(), "sweep", "--db", api_->url()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const json summary = Summary(run);
  EXPECT_EQ(summary["expired"], 1) << run.output;
  EXPECT_EQ(summary["reoffered"], 1) << run.output;
  const json next = api_->Get("staff-cd", "/api/v1/engagements/G-N1-2").body;
  EXPECT_EQ(next["state"], "dispatched") << next.dump();
  EXPECT_EQ(next["lead_craftsman_id"], second);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/engagements/" + created.body["id"].get<std::string>()).body["state"],
            "expired");
}

TEST_P(SweepCommandTest, TimingFlagsAreCheckedBeforeAnythingRuns) {
  const std::string first = api_->Get("staff-cd", "/api/v1/needs/N1/matches").body["matches"][0]["craftsman_id"];
  Reply created = api_->Call("staff-cd", "POST", "/api/v1/engagements",
                             json{{"need_id", "N1"}, {"craftsman_ids", {first}}}.dump());
  ASSERT_EQ(created.status, 201) << created.raw;

  const CommandResult run = RunCommand({CraftlinkBinary(), "sweep", "--db", api_->url(), "--dispatch-remind-hours",
                                        "50", "--dispatch-expire-hours", "48"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("--dispatch-expire-hours"), std::string::npos) << run.output;
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/engagements/" + created.body["id"].get<std::string>()).body["state"],
            "dispatched");
}

INSTANTIATE_TEST_SUITE_P(Backends, SweepCommandTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing

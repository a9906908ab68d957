#pragma once

// An in-process `craftlink serve` on a loopback port over a fresh database of
// either backend, seeded with organisations, records and one user per role.

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "accounts/password.h"
#include "http/server.h"
#include "interchange/validation.h"
#include "core/clock.h"
#include "matching/matching.h"
#include "services/batch_dispatch.h"
#include "services/engagement_capacity.h"
#include "services/engagement_outcomes.h"
#include "services/engagement_service.h"
#include "services/inbox_service.h"
#include "services/kpi_service.h"
#include "services/match_service.h"
#include "services/programme_service.h"
#include "services/record_service.h"
#include "services/session_service.h"
#include "support/test_database.h"

namespace craftlink::testing {

struct Reply {
  int status = 0;
  nlohmann::json body;
  std::string raw;
  httplib::Headers headers;
};

struct FixtureOptions {
  // Builds the match index over the seeded records (slower to start): for
  // tests of dispatch that care which craftsman the engine suggests first.
  bool with_matching = false;
};

class ApiFixture {
 public:
  explicit ApiFixture(Backend backend, FixtureOptions options = {});
  ~ApiFixture();

  // Signs `username` in (password "correct horse battery staple") and
  // remembers the bearer token under that name.
  void SignIn(const std::string& username);
  // As `who` ("" = anonymous), with a bearer token.
  Reply Call(const std::string& who, const std::string& method, const std::string& path,
             const std::string& body = "", const httplib::Headers& extra = {});
  Reply Get(const std::string& who, const std::string& path) { return Call(who, "GET", path); }
  storage::Store& store() { return *store_; }
  // The database, for a `craftlink` process to open beside the fixture.
  const std::string& url() const { return db_->url(); }
  // The clock engagements, KPIs and notifications run on; starts at
  // kClockStart and moves only when a test advances it.
  ManualClock& clock() { return *clock_; }
  services::EngagementService& engagements() { return *engagements_; }
  // What the server's sweeper does each minute: the match index learns which
  // craftsmen engagements now keep busy, and how engagements ended (track
  // records, resolved needs as evidence) (with_matching only).
  void RefreshCapacity();
  // The match index and what it learnt from engagements (with_matching only).
  matching::MatchEngine& engine() { return *engine_; }
  services::EngagementOutcomes& outcomes() { return *outcomes_; }
  int port() const { return server_->port(); }

  static constexpr char kPassword[] = "correct horse battery staple";
  static constexpr char kClockStart[] = "2026-03-02";

 private:
  void Seed();

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<interchange::RecordValidator> validator_;
  std::unique_ptr<accounts::PasswordPolicy> policy_;
  std::unique_ptr<accounts::PasswordHasher> hasher_;
  std::unique_ptr<services::SessionService> sessions_;
  std::unique_ptr<services::RecordService> records_;
  std::unique_ptr<ManualClock> clock_;
  std::shared_ptr<services::EngagementCapacity> capacity_;
  std::shared_ptr<services::EngagementOutcomes> outcomes_;
  std::unique_ptr<matching::MatchEngine> engine_;
  std::unique_ptr<services::MatchService> matches_;
  std::unique_ptr<services::EngagementService> engagements_;
  std::unique_ptr<services::BatchDispatchService> batch_dispatch_;
  std::unique_ptr<services::KpiService> kpis_;
  std::unique_ptr<services::InboxService> inbox_;
  std::unique_ptr<services::ProgrammeService> programmes_;
  std::unique_ptr<http::ApiServer> server_;
  std::thread thread_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace craftlink::testing

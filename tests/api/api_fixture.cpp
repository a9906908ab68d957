#include "api_fixture.h"

#include <gtest/gtest.h>

#include "domain/codec.h"

namespace craftlink::testing {
namespace {

using domain::OrganisationKind;

domain::Craftsman Craftsman(const std::string& id, const std::string& org, domain::ConsentScope consent) {
  domain::Craftsman c;
  c.id = id;
  c.name = "工匠" + id;
  c.region = "510107";
  c.skills = {"钨极氩弧焊"};
  c.phone = "13812345678";
  c.consent = consent;
  c.meta.org_id = org;
  return c;
}

domain::Enterprise Enterprise(const std::string& id, const std::string& org) {
  domain::Enterprise e;
  e.id = id;
  e.name = "企业" + id;
  e.contact_name = "刘海燕";
  e.contact_phone = "15862740291";
  e.meta.org_id = org;
  return e;
}

domain::Need Need(const std::string& id, const std::string& enterprise, const std::string& org, bool confidential) {
  domain::Need n;
  n.id = id;
  n.enterprise_id = enterprise;
  n.title = "焊缝老有气孔";
  n.description = "返修率高";
  n.confidential = confidential;
  n.meta.org_id = org;
  return n;
}

}  // namespace

ApiFixture::ApiFixture(Backend backend, FixtureOptions fixture) : db_(std::make_unique<TestDatabase>(backend)) {
  auto store = storage::OpenStore(db_->url());
  if (!store.ok()) throw std::runtime_error(store.status().ToString());
  store_ = std::move(*store);
  auto validator = interchange::RecordValidator::LoadDefault();
  auto policy = accounts::PasswordPolicy::LoadDefault();
  if (!validator.ok() || !policy.ok()) throw std::runtime_error("cannot load reference data");
  validator_ = std::make_unique<interchange::RecordValidator>(std::move(*validator));
  policy_ = std::make_unique<accounts::PasswordPolicy>(std::move(*policy));
  // A cheap hash keeps the suite fast; the production cost is tested in accounts/.
  hasher_ = std::make_unique<accounts::PasswordHasher>(accounts::HashCost{2, 1u << 20}, 8);
  sessions_ = std::make_unique<services::SessionService>(*store_, *hasher_, *policy_);
  records_ = std::make_unique<services::RecordService>(*store_, *validator_);
  Seed();
  clock_ = std::make_unique<ManualClock>(*ParseIsoDay(kClockStart) + std::chrono::hours(1));
  if (fixture.with_matching) {
    auto config = matching::LoadMatchConfig();
    if (!config.ok()) throw std::runtime_error(config.status().ToString());
    capacity_ = std::make_shared<services::EngagementCapacity>();
    if (!capacity_->Refresh(*store_).ok()) throw std::runtime_error("capacity");
    config->capacity = capacity_;
    outcomes_ = std::make_shared<services::EngagementOutcomes>();
    config->track_record = outcomes_;
    auto engine = matching::MatchEngine::Build(*store_, *config);
    if (!engine.ok()) throw std::runtime_error(engine.status().ToString());
    engine_ = std::move(*engine);
    if (!outcomes_->Refresh(*store_, *engine_).ok()) throw std::runtime_error("engagement outcomes");
    matches_ = std::make_unique<services::MatchService>(*store_, *engine_);
  }
  engagements_ = std::make_unique<services::EngagementService>(*store_, *clock_, services::TrackingOptions{},
                                                               matches_.get());
  if (matches_) batch_dispatch_ = std::make_unique<services::BatchDispatchService>(*store_, *matches_, *engagements_);
  kpis_ = std::make_unique<services::KpiService>(*store_, validator_.get());
  inbox_ = std::make_unique<services::InboxService>(*store_, *clock_);
  programmes_ = std::make_unique<services::ProgrammeService>(*store_, *clock_);
  http::ServerOptions options{.host = "127.0.0.1", .port = 0, .max_body_bytes = 1 << 20};
  http::Services services{*store_, *sessions_, *records_, matches_.get()};
  services.engagements = engagements_.get();
  services.batch_dispatch = batch_dispatch_.get();
  services.kpis = kpis_.get();
  services.inbox = inbox_.get();
  services.programmes = programmes_.get();
  server_ = std::make_unique<http::ApiServer>(services, options);
  if (!server_->Bind().ok()) throw std::runtime_error("cannot bind");
  thread_ = std::thread([this] { (void)server_->Serve(); });
}

ApiFixture::~ApiFixture() {
  server_->Stop();
  if (thread_.joinable()) thread_.join();
}

void ApiFixture::Seed() {
  const std::vector<domain::Organisation> orgs = {
      {storage::kRootOrganisationId, "全国", "", OrganisationKind::kNational, "", {}},
      {"sc", "四川省总工会", "root", OrganisationKind::kProvince, "510000", {}},
      {"cd", "成都市总工会", "sc", OrganisationKind::kCity, "510100", {}},
      {"cq", "重庆市总工会", "root", OrganisationKind::kProvince, "500000", {}},
      {"sh", "上海市总工会", "root", OrganisationKind::kProvince, "310000", {}},
      {"chuanyu", "川渝工会联盟", "root", OrganisationKind::kAlliance, "", {"sc", "cq"}}};
  for (const auto& o : orgs) {
    if (!store_->PutOrganisation(o).ok()) throw std::runtime_error("seed organisations");
  }
  storage::WriteBatch batch;
  batch.craftsmen = {Craftsman("C1", "cd", domain::ConsentScope::kPoolAndAlliance),
                     Craftsman("C2", "sh", domain::ConsentScope::kPool),
                     Craftsman("C3", "cq", domain::ConsentScope::kPoolAndAlliance)};
  batch.enterprises = {Enterprise("E1", "cd"), Enterprise("E2", "sh")};
  batch.needs = {Need("N1", "E1", "cd", true), Need("N2", "E2", "sh", false)};
  domain::InnovationResult r;
  r.id = "R1";
  r.title = "铝合金焊缝气孔控制";
  r.owner_ids = {"C1"};
  r.meta.org_id = "cd";
  batch.results = {r};
  if (!store_->Apply(batch).ok()) throw std::runtime_error("seed records");
  const services::NewUser users[] = {
      {"admin", "", access::Role::kAdmin, "", "", "", kPassword},
      {"staff-sc", "", access::Role::kStaff, "sc", "", "", kPassword},
      {"staff-cd", "", access::Role::kStaff, "cd", "", "", kPassword},
      {"staff-cq", "", access::Role::kStaff, "cq", "", "", kPassword},
      {"staff-sh", "", access::Role::kStaff, "sh", "", "", kPassword},
      {"ent-e1", "", access::Role::kEnterprise, "", "E1", "", kPassword},
      {"ent-e2", "", access::Role::kEnterprise, "", "E2", "", kPassword},
      {"crafts-c1", "", access::Role::kCraftsman, "", "", "C1", kPassword},
  };
  for (const auto& u : users) {
    auto created = sessions_->CreateUser(u, {"test"}, "test");
    if (!created.ok()) throw std::runtime_error("seed user " + u.username + ": " + created.status().ToString());
  }
}

void ApiFixture::SignIn(const std::string& username) {
  const Reply r = Call("", "POST", "/api/v1/auth/login",
                       nlohmann::json{{"username", username}, {"password", kPassword}}.dump());
  ASSERT_EQ(r.status, 200) << r.raw;
  tokens_[username] = r.body["token"].get<std::string>();
}

Reply ApiFixture::Call(const std::string& who, const std::string& method, const std::string& path,
                       const std::string& body, const httplib::Headers& extra) {
  httplib::Client client("127.0.0.1", port());
  client.set_read_timeout(std::chrono::seconds(30));
  httplib::Headers headers = extra;
  if (!who.empty()) {
    if (tokens_.count(who) == 0) SignIn(who);
    headers.emplace("Authorization", "Bearer " + tokens_[who]);
  }
  httplib::Result res = method == "GET"    ? client.Get(path, headers)
                        : method == "POST" ? client.Post(path, headers, body, "application/json")
                        : method == "PUT"  ? client.Put(path, headers, body, "application/json")
                                           : client.Delete(path, headers);
  Reply reply;
  if (!res) return reply;
  reply.status = res->status;
  reply.raw = res->body;
  reply.headers = res->headers;
  reply.body = nlohmann::json::parse(res->body, nullptr, false);
  return reply;
}

void ApiFixture::RefreshCapacity() {
  if (!capacity_ || !capacity_->Refresh(*store_).ok()) throw std::runtime_error("capacity refresh");
  engine_->RefreshCapacity();
  if (!outcomes_->Refresh(*store_, *engine_).ok()) throw std::runtime_error("engagement outcomes refresh");
}

}  // namespace craftlink::testing

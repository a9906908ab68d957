#include "services/batch_dispatch.h"

#include <algorithm>
#include <map>
#include <set>

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "services/engagement_step.h"
#include "services/record_names.h"
#include "services/service_support.h"

namespace craftlink::services {
namespace {

using nlohmann::json;

constexpr size_t kMaxNeedsPerPlan = 2000;
constexpr char kPlanKind[] = "dispatch_plan";

// A candidate as dispatch sees it: the match score, the taxonomy skills the
// reasons name, and "too far" when an on-site need has them elsewhere.
dispatch::Candidate ToCandidate(const matching::CraftsmanMatch& m, bool onsite) {
  dispatch::Candidate c{m.craftsman_id, m.score, {}, false};
  for (const auto& r : m.reasons) {
    if (r.type == matching::ReasonType::kSkill && !r.skill_id.empty()) c.skills_covered.push_back(r.skill_id);
    if (r.type == matching::ReasonType::kRegion && onsite && r.relation == "elsewhere") c.too_far = true;
  }
  return c;
}

std::string NewPlanId() {
  unsigned char bytes[6];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string("P") + hex;
}

}  // namespace

Result<dispatch::Comparison> PlanBatch(storage::Store& store, MatchService& matches,
                                       const std::vector<domain::Need>& needs, const BatchDispatchOptions& options) {
  std::vector<dispatch::NeedRequest> requests;
  std::map<std::string, int> capacity;
  // Monthly capacity less the engagements that hold the craftsman's time now.
  auto busy = store.ActiveEngagementCounts();
  if (!busy.ok()) return busy.status();
  for (const auto& need : needs) {
    // Full craftsmen are ranked too: the optimiser, not the ranking, decides
    // who runs out of visits.
    auto ranked = matches.MatchesInPool(need, options.candidates, true);
    if (!ranked.ok() && ranked.status().code() != ErrorCode::kInvalidArgument) return ranked.status();
    dispatch::NeedRequest request{need.id, {}, 1, {}};
    if (ranked.ok()) {
      for (const auto& m : *ranked) {
        request.candidates.push_back(ToCandidate(m, need.onsite));
        if (capacity.count(m.craftsman_id) == 0) {
          auto c = store.GetCraftsman(m.craftsman_id);
          if (!c.ok()) return c.status();
          const int monthly = c->has_value() ? (*c)->capacity_per_month : 0;
          const auto held = busy->find(m.craftsman_id);
          capacity[m.craftsman_id] = std::max(0, monthly - (held == busy->end() ? 0 : held->second));
        }
      }
    }
    requests.push_back(std::move(request));  // no text to match: shows as unserved
  }
  std::vector<dispatch::CraftsmanCapacity> capacities;
  for (const auto& [id, left] : capacity) capacities.push_back({id, left});
  dispatch::DispatchOptions dispatch_options;
  dispatch_options.load_balancing = options.load_balancing;
  dispatch_options.min_score = options.min_score;
  return dispatch::Compare(requests, capacities, dispatch_options);
}

Result<json> BatchDispatchService::Propose(const access::Principal& who, const json& body,
                                           const RequestOrigin& origin) {
  auto list = store_.ListOrganisations();
  if (!list.ok()) return list.status();
  const access::OrgDirectory orgs(*list);
  const access::Policy policy(orgs);
  if (!policy.CanDispatch(who)) return Status::PermissionDenied("只有工会工作人员可以派单");
  std::set<std::string> wanted;
  if (auto it = body.find("need_ids"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Status::Invalid("need_ids 应为需求编号列表", "need_ids");
    for (const auto& v : *it) {
      if (!v.is_string()) return Status::Invalid("need_ids 应为需求编号列表", "need_ids");
      wanted.insert(v.get<std::string>());
    }
    if (wanted.size() > kMaxNeedsPerPlan) return Status::Invalid("一次最多统筹 2000 条需求", "need_ids");
  }
  std::vector<domain::Need> needs;
  Status scan = store_.ScanNeeds({}, [&](domain::Need&& n) {
    const bool listed = wanted.empty() ? n.status == domain::NeedStatus::kOpen : wanted.count(n.id) > 0;
    if (listed && policy.InScope(who, n.meta.org_id)) needs.push_back(std::move(n));
    return needs.size() < kMaxNeedsPerPlan;
  });
  if (!scan.ok()) return scan;
  for (const std::string& id : wanted) {
    const bool found = std::any_of(needs.begin(), needs.end(), [&](const auto& n) { return n.id == id; });
    if (!found) return Status::NotFound("没有找到需求 " + id + "，或它不在您的管辖范围内");
  }
  // Needs picked a while ago may have been dispatched since: plan the rest
  // and say which were left out, rather than refusing the whole batch.
  json skipped = json::array();
  std::vector<domain::Need> open;
  for (auto& n : needs) {
    if (n.status == domain::NeedStatus::kOpen) {
      open.push_back(std::move(n));
    } else {
      skipped.push_back({{"need_id", n.id}, {"reason", "已在服务中或已关闭"}});
    }
  }
  if (open.empty() && !skipped.empty()) return Status::Conflict("所选需求都已在服务中或已关闭，没有可派的需求");
  needs = std::move(open);
  BatchDispatchOptions options;
  auto balancing = FlagField(body, "load_balancing", false);
  if (!balancing.ok()) return balancing.status();
  options.load_balancing = *balancing;
  auto comparison = PlanBatch(store_, matches_, needs, options);
  if (!comparison.ok()) return comparison.status();
  const json plans = json::parse(dispatch::ToJson(*comparison));
  const std::string now = NowIso8601();
  storage::DocumentRow plan{.kind = kPlanKind,
                            .id = NewPlanId(),
                            .org_id = who.org_id.empty() ? storage::kRootOrganisationId : who.org_id,
                            .state = "proposed",
                            .version = 1,
                            .created_at = now,
                            .updated_at = now,
                            .body = {{"plans", plans}, {"created_by", who.user_id}, {"skipped", skipped}}};
  storage::TrackingWrite write;
  write.documents.push_back({plan, -1});
  CRAFTLINK_RETURN_IF_ERROR(store_.CommitTracking(write));
  (void)store_.AppendAudit({.user_id = who.user_id, .action = "propose_dispatch", .target = "dispatch/" + plan.id,
                            .ip = origin.ip, .detail = json{{"needs", needs.size()}}.dump()});
  return View(who, plan);
}

Result<storage::DocumentRow> BatchDispatchService::LoadOwnPlan(const access::Principal& who, std::string_view plan_id) {
  if (who.role != access::Role::kAdmin && who.role != access::Role::kStaff) {
    return Status::PermissionDenied("只有工会工作人员可以派单");
  }
  auto plan = store_.GetDocument(kPlanKind, plan_id);
  if (!plan.ok()) return plan.status();
  // A plan answers to whoever proposed it: what staff confirm is what they
  // were shown, and nobody else's plan can be probed.
  if (!plan->has_value() || (*plan)->body.value("created_by", "") != who.user_id) {
    return Status::NotFound("没有找到派单方案 " + std::string(plan_id));
  }
  return std::move(**plan);
}

Result<json> BatchDispatchService::Get(const access::Principal& who, std::string_view plan_id) {
  auto plan = LoadOwnPlan(who, plan_id);
  if (!plan.ok()) return plan.status();
  return View(who, *plan);
}

Result<json> BatchDispatchService::View(const access::Principal& who, const storage::DocumentRow& plan) {
  json plans = plan.body.value("plans", json::object());
  // Plans proposed before skipped needs were kept have none to show.
  json skipped = plan.body.value("skipped", json::array());
  std::vector<std::string> craftsman_ids;
  std::vector<std::string> need_ids;
  for (const char* which : {"optimal", "greedy"}) {
    if (!plans.contains(which)) plans[which] = {{"assignments", json::array()}, {"unserved", json::array()}};
    for (const auto& a : plans[which].value("assignments", json::array())) {
      need_ids.push_back(a.value("need_id", ""));
      for (const auto& c : a.value("craftsman_ids", json::array())) craftsman_ids.push_back(c.get<std::string>());
    }
    for (const auto& u : plans[which].value("unserved", json::array())) need_ids.push_back(u.value("need_id", ""));
  }
  for (const auto& s : skipped) need_ids.push_back(s.value("need_id", ""));
  auto dir = LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  auto names = RecordNames::Read(store_, access::Policy(*dir), who, craftsman_ids, need_ids);
  if (!names.ok()) return names.status();
  auto title = [&](json& item) {
    const std::string need_id = item.value("need_id", "");
    if (const std::string* t = names->NeedTitle(need_id)) item["need_title"] = *t;
    if (const auto* e = names->NeedEnterprise(need_id)) {
      item["enterprise_id"] = e->first;
      if (!e->second.empty()) item["enterprise_name"] = e->second;
    }
  };
  for (const char* which : {"optimal", "greedy"}) {
    for (auto& a : plans[which]["assignments"]) {
      title(a);
      json craftsmen = json::array();
      for (const auto& c : a.value("craftsman_ids", json::array())) craftsmen.push_back(names->Craftsman(c));
      a["craftsmen"] = std::move(craftsmen);
      if (const std::string* lead = names->CraftsmanName(a.value("lead_id", ""))) a["lead_name"] = *lead;
    }
    for (auto& u : plans[which]["unserved"]) title(u);
  }
  for (auto& s : skipped) title(s);
  json out{{"plan_id", plan.id},
           {"state", plan.state},
           {"created_at", plan.created_at},
           {"updated_at", plan.updated_at},
           {"optimal", std::move(plans["optimal"])},
           {"greedy", std::move(plans["greedy"])},
           {"skipped", std::move(skipped)}};
  if (plan.body.contains("confirmed")) out["confirmed"] = plan.body["confirmed"];
  return out;
}

Result<json> BatchDispatchService::Confirm(const access::Principal& who, std::string_view plan_id, const json& body,
                                           const RequestOrigin& origin) {
  auto plan = LoadOwnPlan(who, plan_id);
  if (!plan.ok()) return plan.status();
  if (plan->state != "proposed") return Status::Conflict("派单方案 " + std::string(plan_id) + " 已确认过");
  std::string which = OptionalText(body, "plan");
  if (which.empty()) which = "optimal";
  if (which != "optimal" && which != "greedy") return Status::Invalid("plan 应为 optimal 或 greedy", "plan");
  std::set<std::string> excluded;
  if (auto it = body.find("exclude"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Status::Invalid("exclude 应为需求编号列表", "exclude");
    for (const auto& v : *it) {
      if (v.is_string()) excluded.insert(v.get<std::string>());
    }
  }
  // Claim the plan first, so that a double click confirms it once. The
  // claim says which plan was taken, so the stored plan shows it later.
  storage::DocumentRow claimed = *plan;
  claimed.state = "confirmed";
  claimed.version += 1;
  claimed.updated_at = NowIso8601();
  claimed.body["confirmed"] = {{"plan", which},
                               {"exclude", std::vector<std::string>(excluded.begin(), excluded.end())},
                               {"at", claimed.updated_at}};
  storage::TrackingWrite claim;
  claim.documents.push_back({claimed, plan->version});
  CRAFTLINK_RETURN_IF_ERROR(store_.CommitTracking(claim));

  json created = json::array();
  json failed = json::array();
  for (const auto& a : plan->body["plans"][which]["assignments"]) {
    const std::string need_id = a["need_id"];
    if (excluded.count(need_id)) continue;
    json request{{"need_id", need_id}, {"craftsman_ids", a["craftsman_ids"]}, {"lead_id", a.value("lead_id", "")}};
    auto engagement = engagements_.CreateFromPlan(who, request, origin, plan_id);
    if (engagement.ok()) {
      created.push_back({{"need_id", need_id}, {"engagement_id", (*engagement)["id"]}});
    } else {
      failed.push_back({{"need_id", need_id}, {"message", engagement.status().message()}});
    }
  }
  // What the plan led to, kept with it so that the plan's page can link the
  // engagements later. Best effort: the engagements exist whatever happens
  // to this write, and only this caller writes a confirmed plan.
  storage::DocumentRow outcome = claimed;
  outcome.version += 1;
  outcome.body["confirmed"]["created"] = created;
  outcome.body["confirmed"]["failed"] = failed;
  storage::TrackingWrite record;
  record.documents.push_back({outcome, claimed.version});
  if (Status s = store_.CommitTracking(record); !s.ok()) {
    spdlog::warn("dispatch plan {}: could not record what confirming created: {}", plan_id, s.ToString());
  }
  return json{{"plan_id", plan_id}, {"created", created}, {"failed", failed}};
}

}  // namespace craftlink::services

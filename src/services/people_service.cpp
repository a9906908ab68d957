#include "services/people_service.h"

#include "core/clock.h"
#include "domain/codec.h"
#include "reports/report.h"

namespace craftlink::services {
namespace {

using nlohmann::json;

constexpr size_t kAuditPage = 1000;
constexpr char kAnonymousName[] = "（已匿名）";

Result<domain::Craftsman> Load(storage::Store& store, const access::Principal& who, std::string_view id,
                               bool self_allowed) {
  auto orgs = store.ListOrganisations();
  if (!orgs.ok()) return orgs.status();
  const access::OrgDirectory directory(*orgs);
  const access::Policy policy(directory);
  auto c = store.GetCraftsman(id);
  if (!c.ok()) return c.status();
  const bool self = self_allowed && who.role == access::Role::kCraftsman && who.craftsman_id == id;
  if (!c->has_value() || !(self || policy.InScope(who, (*c)->meta.org_id))) {
    return Status::NotFound("没有找到工匠 " + std::string(id) + "，或您无权处理其个人信息");
  }
  return std::move(**c);
}

Result<std::vector<storage::AuditRow>> AllAudit(storage::Store& store) {
  std::vector<storage::AuditRow> all;
  int64_t after = 0;
  while (true) {
    auto page = store.ListAudit(after, kAuditPage);
    if (!page.ok()) return page.status();
    all.insert(all.end(), page->begin(), page->end());
    if (page->size() < kAuditPage) return all;
    after = page->back().seq;
  }
}

}  // namespace

Result<json> PeopleService::ExportCraftsman(const access::Principal& who, std::string_view id,
                                            const RequestOrigin& origin) {
  auto c = Load(store_, who, id, true);
  if (!c.ok()) return c.status();
  const std::string cid(id);
  json out{{"exported_at", NowIso8601()}, {"craftsman", domain::ToJson(*c)}};
  auto engagements = store_.ListEngagements({.craftsman_id = cid});
  if (!engagements.ok()) return engagements.status();
  json list = json::array();
  for (const auto& e : *engagements) {
    json visits = json::array();
    auto rows = store_.VisitsOf(e.id);
    if (!rows.ok()) return rows.status();
    for (const auto& v : *rows) {
      if (std::find(v.craftsman_ids.begin(), v.craftsman_ids.end(), cid) == v.craftsman_ids.end()) continue;
      visits.push_back({{"id", v.id}, {"date", v.visit_date}, {"minutes", v.minutes}, {"place", v.place},
                        {"summary", v.summary}});
    }
    list.push_back({{"id", e.id}, {"need_id", e.need_id}, {"state", e.state}, {"lead", e.lead_craftsman_id == cid},
                    {"created_at", e.created_at}, {"visits", visits}});
  }
  out["engagements"] = std::move(list);
  auto inbox = store_.Notifications({"craftsman:" + cid}, 0, 100000);
  if (!inbox.ok()) return inbox.status();
  json notes = json::array();
  for (const auto& n : *inbox) notes.push_back({{"at", n.created_at}, {"event", n.event}, {"title", n.title}});
  out["notifications"] = std::move(notes);
  auto users = store_.ListUsers();
  if (!users.ok()) return users.status();
  json accounts = json::array();
  for (const auto& u : *users) {
    if (u.craftsman_id == cid) accounts.push_back({{"username", u.username}, {"role", u.role}, {"created_at", u.created_at}});
  }
  out["accounts"] = std::move(accounts);
  auto audit = AllAudit(store_);
  if (!audit.ok()) return audit.status();
  json reads = json::array();
  for (const auto& a : *audit) {
    if (a.target == "craftsmen/" + cid) reads.push_back({{"at", a.at}, {"action", a.action}, {"user_id", a.user_id}});
  }
  out["access_log"] = std::move(reads);
  (void)store_.AppendAudit({.user_id = who.user_id, .action = "export_personal_data", .target = "craftsmen/" + cid,
                            .ip = origin.ip, .detail = "{}"});
  return out;
}

Result<json> PeopleService::AnonymiseCraftsman(const access::Principal& who, std::string_view id,
                                               const RequestOrigin& origin) {
  auto c = Load(store_, who, id, false);
  if (!c.ok()) return c.status();
  domain::Craftsman& r = *c;
  r.name = kAnonymousName;
  r.phone.clear();
  r.employer.clear();
  r.bio.clear();
  r.honors.clear();
  r.achievements.clear();
  r.title.clear();
  r.studio.clear();
  r.available = false;
  r.consent = domain::ConsentScope::kNone;
  r.consent_date.clear();
  r.meta.archived = true;
  r.meta.extra = json::object();
  storage::WriteBatch batch;
  batch.craftsmen.push_back(r);
  CRAFTLINK_RETURN_IF_ERROR(store_.Apply(batch));
  CRAFTLINK_RETURN_IF_ERROR(store_.SetArchived(domain::RecordKind::kCraftsman, id, true));
  auto users = store_.ListUsers();
  if (!users.ok()) return users.status();
  int disabled = 0;
  for (auto u : *users) {
    if (u.craftsman_id != id) continue;
    u.disabled = true;
    u.display_name = kAnonymousName;
    CRAFTLINK_RETURN_IF_ERROR(store_.PutUser(u));
    CRAFTLINK_RETURN_IF_ERROR(store_.DeleteSessionsOf(u.id));
    ++disabled;
  }
  (void)store_.AppendAudit({.user_id = who.user_id, .action = "anonymise", .target = "craftsmen/" + std::string(id),
                            .ip = origin.ip, .detail = json{{"accounts_disabled", disabled}}.dump()});
  return json{{"id", id}, {"anonymised", true}, {"accounts_disabled", disabled}};
}

Result<std::string> AuditCsv(storage::Store& store, const access::Principal& who) {
  if (who.role != access::Role::kAdmin) return Status::PermissionDenied("只有平台管理员可以导出审计日志");
  auto rows = AllAudit(store);
  if (!rows.ok()) return rows.status();
  reports::Sheet sheet{.name = "审计日志",
                       .columns = {{"序号"}, {"时间"}, {"用户"}, {"操作"}, {"对象"}, {"IP"}, {"详情"}}};
  for (const auto& a : *rows) {
    std::vector<reports::Cell> row;
    row.emplace_back(a.seq);
    for (const std::string* text : {&a.at, &a.user_id, &a.action, &a.target, &a.ip, &a.detail}) row.emplace_back(*text);
    sheet.rows.push_back(std::move(row));
  }
  return reports::SheetCsv(sheet);
}

}  // namespace craftlink::services

#include "services/agreement_service.h"

#include <algorithm>
#include <chrono>

#include "services/programme_common.h"
#include "services/studio_service.h"

namespace craftlink::services {
namespace {

using programme::Contains;

constexpr char kKind[] = "agreement";
constexpr char kWhat[] = "协议";

Status Hidden(std::string_view id) { return Status::NotFound("没有找到协议 " + std::string(id) + "，或您无权查看"); }

std::string_view StateChinese(std::string_view state) {
  if (state == "active") return "有效";
  if (state == "renewed") return "已续签";
  if (state == "ended") return "已终止";
  return state;
}

std::string DayAfter(const std::string& date) { return IsoDate(*ParseIsoDay(date) + std::chrono::days(1)); }

// Is the caller a party to the agreement (or its studio's member)?
bool IsParty(const access::Principal& who, const storage::DocumentRow& row) {
  if (who.role == access::Role::kEnterprise) return !who.enterprise_id.empty() && who.enterprise_id == row.ref_a;
  if (who.role == access::Role::kCraftsman && !who.craftsman_id.empty()) {
    if (row.ref_b == who.craftsman_id) return true;
    const auto members = row.body.value("member_ids", std::vector<std::string>{});
    return Contains(members, who.craftsman_id);
  }
  return false;
}

void NotifyParties(storage::TrackingWrite& write, const storage::DocumentRow& row, const std::string& event,
                   const std::string& title, const std::string& now_iso) {
  std::vector<std::string> to{"enterprise:" + row.ref_a, "org:" + row.org_id};
  const auto members = row.body.value("member_ids", std::vector<std::string>{});
  if (members.empty()) to.push_back("craftsman:" + row.ref_b);
  for (const auto& m : members) to.push_back("craftsman:" + m);
  for (auto& r : to) {
    write.notifications.push_back({.recipient = std::move(r),
                                   .event = event,
                                   .title = title,
                                   .payload = {{"agreement_id", row.id}, {"state", row.state}},
                                   .created_at = now_iso});
  }
}

std::string Parties(const storage::DocumentRow& row) {
  return row.body.value("enterprise_name", row.ref_a) + " × " + row.body.value("party_name", row.ref_b);
}

}  // namespace

struct AgreementService::Loaded {
  storage::DocumentRow row;
  bool staff = false;
};

Result<AgreementService::Loaded> AgreementService::Load(const access::Principal& who, std::string_view id,
                                                        bool for_change) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  auto row = store_.GetDocument(kKind, id);
  if (!row.ok()) return row.status();
  if (!row->has_value()) return Hidden(id);
  const bool staff = access::Policy(*dir).InScope(who, (*row)->org_id);
  if (!staff && !IsParty(who, **row)) return Hidden(id);
  if (for_change && !staff) return Status::PermissionDenied("只有协议所属工会的工作人员可以续签或终止协议");
  return Loaded{std::move(**row), staff};
}

Result<nlohmann::json> AgreementService::View(const storage::DocumentRow& row) {
  auto done = store_.CountVisitsForAgreement(row.id);
  if (!done.ok()) return done.status();
  const int64_t planned = row.body.value("planned_visits", int64_t{0});
  const std::string today = LocalIsoDate(clock_.Now());
  const std::string start = row.body.value("start", "");
  const std::string end = row.body.value("end", "");
  nlohmann::json j{{"id", row.id},
                   {"org_id", row.org_id},
                   {"enterprise_id", row.ref_a},
                   {"enterprise_name", row.body.value("enterprise_name", "")},
                   {"party_kind", row.body.value("party_kind", "craftsman")},
                   {"party_name", row.body.value("party_name", "")},
                   {"start", start},
                   {"end", end},
                   {"scope", row.body.value("scope", "")},
                   {"planned_visits", planned},
                   {"visits_done", *done},
                   {"visits_remaining", std::max<int64_t>(0, planned - *done)},
                   {"state", row.state},
                   {"state_name", StateChinese(row.state)},
                   {"in_force", row.state == "active" && start <= today && today <= end},
                   {"version", row.version},
                   {"created_at", row.created_at},
                   {"updated_at", row.updated_at}};
  j[row.body.value("party_kind", "craftsman") == "studio" ? "studio_id" : "craftsman_id"] = row.ref_b;
  for (const char* key : {"member_ids", "renewed_from", "renewed_to", "renewed_on", "end_reason", "ended_on"}) {
    if (row.body.contains(key)) j[key] = row.body[key];
  }
  return j;
}

Result<storage::DocumentWrite> AgreementService::ReadTermsGuard(const storage::DocumentRow& agreement,
                                                               const std::string& now) {
  return programme::ReadGuard(store_, "agreement_terms:" + agreement.ref_a + "|" + agreement.ref_b, agreement.org_id,
                              now);
}

Status AgreementService::CheckOverlap(const std::string& enterprise_id, const std::string& party_id,
                                      const std::string& start, const std::string& end, const std::string& except_id) {
  auto rows = store_.ListDocuments({.kind = kKind, .ref_a = enterprise_id, .ref_b = party_id});
  if (!rows.ok()) return rows.status();
  for (const auto& r : *rows) {
    if (r.id == except_id || r.state != "active") continue;
    if (r.body.value("start", "") <= end && start <= r.body.value("end", "")) {
      return Status::Conflict("双方已有期限重叠的有效协议 " + r.id + "（" + r.body.value("start", "") + " 至 " +
                              r.body.value("end", "") + "）；请续签或先终止它");
    }
  }
  return Status::Ok();
}

Result<nlohmann::json> AgreementService::Create(const access::Principal& who, const nlohmann::json& body,
                                                const RequestOrigin& origin) {
  return programme::RetryRaces([&] { return CreateOnce(who, body, origin); });
}

Result<nlohmann::json> AgreementService::CreateOnce(const access::Principal& who, const nlohmann::json& body,
                                                    const RequestOrigin& origin) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  const access::Policy policy(*dir);
  if (!policy.CanDispatch(who)) return Status::PermissionDenied("只有工会工作人员可以签订长期协议");
  auto enterprise_id = RequiredText(body, "enterprise_id", "企业编号", 64);
  if (!enterprise_id.ok()) return enterprise_id.status();
  auto enterprise = store_.GetEnterprise(*enterprise_id);
  if (!enterprise.ok()) return enterprise.status();
  if (!enterprise->has_value() || (*enterprise)->meta.archived || !policy.InScope(who, (*enterprise)->meta.org_id)) {
    return Status::NotFound("没有找到企业 " + *enterprise_id + "，或它不在您的管辖范围内");
  }
  const std::string craftsman_id = OptionalText(body, "craftsman_id");
  const std::string studio_id = OptionalText(body, "studio_id");
  if (craftsman_id.empty() == studio_id.empty()) {
    return Status::Invalid("请选择一位工匠（craftsman_id）或一个创新工作室（studio_id），二者选一", "craftsman_id");
  }
  storage::DocumentRow row{
      .kind = kKind, .org_id = (*enterprise)->meta.org_id, .ref_a = *enterprise_id, .state = "active"};
  if (!craftsman_id.empty()) {
    auto c = programme::VisibleCraftsman(store_, policy, who, craftsman_id);
    if (!c.ok()) return c.status();
    if (!c->has_value()) return Status::Invalid("没有找到工匠 " + craftsman_id, "craftsman_id");
    row.ref_b = craftsman_id;
    row.body = {{"party_kind", "craftsman"}, {"party_name", (*c)->name}};
  } else {
    auto home = programme::HomeOrganisation(store_, who);
    if (!home.ok()) return home.status();
    auto studio = store_.GetDocument("studio", studio_id);
    if (!studio.ok()) return studio.status();
    if (!studio->has_value() || !CanSeeStudio(who, *dir, *home, **studio)) {
      return Status::Invalid("没有找到创新工作室 " + studio_id, "studio_id");
    }
    row.ref_b = studio_id;
    row.body = {{"party_kind", "studio"},
                {"party_name", (*studio)->body.value("name", "")},
                {"member_ids", StudioMembers(**studio)}};
  }
  auto start = DateField(body, "start", "开始日期");
  if (!start.ok()) return start.status();
  auto end = DateField(body, "end", "结束日期");
  if (!end.ok()) return end.status();
  if (*end < *start) return Status::Invalid("结束日期不能早于开始日期", "end");
  auto scope = RequiredText(body, "scope", "服务内容", 2000);
  if (!scope.ok()) return scope.status();
  auto planned = IntegerIn(body, "planned_visits", "计划走访次数", 1, 1000);
  if (!planned.ok()) return planned.status();
  const std::string now = FormatIso8601(clock_.Now());
  auto guard = ReadTermsGuard(row, now);
  if (!guard.ok()) return guard.status();
  CRAFTLINK_RETURN_IF_ERROR(CheckOverlap(row.ref_a, row.ref_b, *start, *end, ""));

  row.id = programme::NewDocumentId("AG");
  row.body.update({{"enterprise_name", (*enterprise)->name},
                   {"start", *start},
                   {"end", *end},
                   {"scope", *scope},
                   {"planned_visits", *planned},
                   {"created_by", who.user_id}});
  storage::TrackingWrite write;
  write.documents.push_back(std::move(*guard));
  NotifyParties(write, row, "agreement_signed",
                "长期协议已签订：" + Parties(row) + "（" + *start + " 至 " + *end + "）", now);
  CRAFTLINK_RETURN_IF_ERROR(programme::CommitDocument(store_, row, -1, now, std::move(write)));
  (void)programme::Audit(store_, who, "agreement_create", "agreements/" + row.id, origin,
                         {{"enterprise_id", row.ref_a}, {"party_id", row.ref_b}, {"start", *start}, {"end", *end}});
  auto stored = store_.GetDocument(kKind, row.id);
  if (!stored.ok()) return stored.status();
  return View(**stored);
}

Result<nlohmann::json> AgreementService::Get(const access::Principal& who, std::string_view id) {
  auto loaded = Load(who, id, false);
  if (!loaded.ok()) return loaded.status();
  return View(loaded->row);
}

Result<nlohmann::json> AgreementService::List(const access::Principal& who, const AgreementQuery& q) {
  if (!q.craftsman_id.empty() && !q.studio_id.empty()) {
    return Status::Invalid("craftsman_id 与 studio_id 只能指定一个", "studio_id");
  }
  if (!q.state.empty() && q.state != "active" && q.state != "renewed" && q.state != "ended") {
    return Status::Invalid("状态应为 active、renewed 或 ended", "state");
  }
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  storage::DocumentFilter filter{.kind = kKind,
                                 .ref_a = q.enterprise_id,
                                 .ref_b = q.craftsman_id.empty() ? q.studio_id : q.craftsman_id,
                                 .after_id = q.after};
  // Narrow the query to what the caller may see before reading, where the
  // columns allow it; the visibility check below covers the rest.
  if (who.role == access::Role::kStaff) filter.org_ids = dir->Subtree(who.org_id);
  if (who.role == access::Role::kEnterprise) {
    if (!q.enterprise_id.empty() && q.enterprise_id != who.enterprise_id) {
      return Status::PermissionDenied("企业只能查看本企业的协议");
    }
    filter.ref_a = who.enterprise_id.empty() ? "\x01none" : who.enterprise_id;
  }
  if (who.role == access::Role::kCraftsman && !q.craftsman_id.empty() && q.craftsman_id != who.craftsman_id) {
    return Status::PermissionDenied("工匠只能查看自己的协议");
  }
  if (who.role == access::Role::kStaff && filter.org_ids.empty()) filter.org_ids = {"\x01none"};
  const access::Policy policy(*dir);
  return programme::ListPage(
      store_, filter, q.limit, [&](const storage::DocumentRow& row) -> Result<std::optional<nlohmann::json>> {
        if (!q.state.empty() && row.state != q.state) return std::optional<nlohmann::json>();
        if (!programme::MatchesText(q.q, {row.id, row.body.value("enterprise_name", ""),
                                          row.body.value("party_name", ""), row.body.value("scope", "")})) {
          return std::optional<nlohmann::json>();
        }
        if (!policy.InScope(who, row.org_id) && !IsParty(who, row)) return std::optional<nlohmann::json>();
        auto view = View(row);
        if (!view.ok()) return view.status();
        return std::optional<nlohmann::json>(std::move(*view));
      });
}

Result<nlohmann::json> AgreementService::Renew(const access::Principal& who, std::string_view id,
                                               const nlohmann::json& body, const RequestOrigin& origin) {
  // A stale `version` is the caller's Conflict; only a race on the pair's
  // guard (another signing for the same parties) is worth another try.
  return programme::RetryRaces([&] { return RenewOnce(who, id, body, origin); });
}

Result<nlohmann::json> AgreementService::RenewOnce(const access::Principal& who, std::string_view id,
                                                   const nlohmann::json& body, const RequestOrigin& origin) {
  auto loaded = Load(who, id, true);
  if (!loaded.ok()) return loaded.status();
  storage::DocumentRow old = std::move(loaded->row);
  CRAFTLINK_RETURN_IF_ERROR(programme::CheckVersion(body, old, kWhat));
  if (old.state != "active") {
    return Status::Conflict("协议 " + old.id + " " + std::string(StateChinese(old.state)) + "，不能续签");
  }
  const std::string today = LocalIsoDate(clock_.Now());
  const std::string old_start = old.body.value("start", "");
  const std::string old_end = old.body.value("end", "");
  auto end = DateField(body, "end", "续签后的结束日期");
  if (!end.ok()) return end.status();
  if (*end <= old_end) return Status::Invalid("续签后的结束日期应晚于原协议的结束日期 " + old_end, "end");
  auto planned = IntegerIn(body, "planned_visits", "计划走访次数", 1, 1000);
  if (!planned.ok()) return planned.status();
  // The renewal takes over at once (a renewed agreement no longer counts
  // visits), or the day after the old term when that has already passed.
  std::string start = old_end < today ? DayAfter(old_end) : std::max(today, old_start);
  if (!OptionalText(body, "start").empty()) {
    auto given = DateField(body, "start", "续签开始日期");
    if (!given.ok()) return given.status();
    if (*given < old_start) return Status::Invalid("续签开始日期不能早于原协议开始日期 " + old_start, "start");
    start = *given;
  }
  if (*end < start) return Status::Invalid("结束日期不能早于开始日期 " + start, "end");
  std::string scope = OptionalText(body, "scope");
  if (scope.empty()) scope = old.body.value("scope", "");
  if (scope.size() > 6000) return Status::Invalid("服务内容过长", "scope");
  const std::string now = FormatIso8601(clock_.Now());
  auto guard = ReadTermsGuard(old, now);
  if (!guard.ok()) return guard.status();
  CRAFTLINK_RETURN_IF_ERROR(CheckOverlap(old.ref_a, old.ref_b, start, *end, old.id));

  storage::DocumentRow next = old;
  next.id = programme::NewDocumentId("AG");
  next.state = "active";
  next.body["start"] = start;
  next.body["end"] = *end;
  next.body["planned_visits"] = *planned;
  next.body["scope"] = scope;
  next.body["renewed_from"] = old.id;
  next.body["created_by"] = who.user_id;
  for (const char* key : {"renewed_to", "renewed_on", "end_reason", "ended_on", "ended_by"}) next.body.erase(key);
  if (next.body.value("party_kind", "") == "studio") {
    // Members as they are now: the studio may have changed since signing.
    auto studio = store_.GetDocument("studio", next.ref_b);
    if (!studio.ok()) return studio.status();
    if (studio->has_value()) next.body["member_ids"] = StudioMembers(**studio);
  }
  const int64_t read_version = old.version;
  old.state = "renewed";
  old.body["renewed_to"] = next.id;
  old.body["renewed_on"] = today;
  // One commit: the old agreement under the version the caller read, the
  // new one, and the pair's guard — a renewal is never half done.
  storage::TrackingWrite write;
  write.documents.push_back(std::move(*guard));
  next.version = 1;
  next.created_at = next.updated_at = now;
  write.documents.push_back({next, -1});
  NotifyParties(write, next, "agreement_renewed", "长期协议已续签：" + Parties(next) + "（至 " + *end + "）", now);
  Status s = programme::CommitDocument(store_, old, read_version, now, std::move(write));
  if (programme::IsRaced(s)) {
    auto current = store_.GetDocument(kKind, old.id);
    if (!current.ok()) return current.status();
    if (!current->has_value() || (*current)->version != read_version) {
      return Status::Conflict("协议 " + old.id + " 已被他人更新，请刷新后再操作");
    }
  }
  CRAFTLINK_RETURN_IF_ERROR(s);
  (void)programme::Audit(store_, who, "agreement_renew", "agreements/" + old.id, origin,
                         {{"renewed_to", next.id}, {"start", start}, {"end", *end}, {"planned_visits", *planned}});
  auto stored = store_.GetDocument(kKind, next.id);
  if (!stored.ok()) return stored.status();
  return View(**stored);
}

Result<nlohmann::json> AgreementService::End(const access::Principal& who, std::string_view id,
                                             const nlohmann::json& body, const RequestOrigin& origin) {
  auto loaded = Load(who, id, true);
  if (!loaded.ok()) return loaded.status();
  storage::DocumentRow row = std::move(loaded->row);
  CRAFTLINK_RETURN_IF_ERROR(programme::CheckVersion(body, row, kWhat));
  if (row.state != "active") {
    return Status::Conflict("协议 " + row.id + " " + std::string(StateChinese(row.state)) + "，不能再终止");
  }
  auto reason = RequiredText(body, "reason", "终止原因", 500);
  if (!reason.ok()) return reason.status();
  const std::string now = FormatIso8601(clock_.Now());
  const int64_t read_version = row.version;
  row.state = "ended";
  row.body["end_reason"] = *reason;
  row.body["ended_on"] = LocalIsoDate(clock_.Now());
  row.body["ended_by"] = who.user_id;
  storage::TrackingWrite write;
  NotifyParties(write, row, "agreement_ended", "长期协议已提前终止：" + Parties(row), now);
  Status s = programme::CommitDocument(store_, row, read_version, now, std::move(write));
  if (programme::IsRaced(s)) return Status::Conflict("协议 " + row.id + " 已被他人更新，请刷新后再操作");
  CRAFTLINK_RETURN_IF_ERROR(s);
  (void)programme::Audit(store_, who, "agreement_end", "agreements/" + row.id, origin, {{"reason", *reason}});
  auto stored = store_.GetDocument(kKind, row.id);
  if (!stored.ok()) return stored.status();
  return View(**stored);
}

}  // namespace craftlink::services

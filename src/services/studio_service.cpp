#include "services/studio_service.h"

#include "services/programme_common.h"
#include "services/record_names.h"

namespace craftlink::services {
namespace {

using programme::Contains;

constexpr char kKind[] = "studio";

Status Hidden(std::string_view id) {
  return Status::NotFound("没有找到创新工作室 " + std::string(id) + "，或您无权查看");
}

// Gives each studio view in `views` its `members: [{id, name?}]`, lead
// first, and `results: [{id, title?}]`, reading every member and result of
// every view in one batch. One the caller may not see keeps only the id
// (services/record_names.h). The
// stored lead_name stays as it is: the lead is the studio's public face,
// often in its name.
Status NameMembers(storage::Store& store, const access::OrgDirectory& orgs, const access::Principal& who,
                   nlohmann::json& views) {
  std::vector<std::string> ids, result_ids;
  for (const auto& v : views) {
    for (const auto& m : v.value("member_ids", nlohmann::json::array())) ids.push_back(m.get<std::string>());
    for (const auto& r : v.value("result_ids", nlohmann::json::array())) result_ids.push_back(r.get<std::string>());
  }
  auto names = RecordNames::Read(store, access::Policy(orgs), who, ids, {}, result_ids);
  if (!names.ok()) return names.status();
  for (auto& v : views) {
    nlohmann::json members = nlohmann::json::array();
    for (const auto& m : v.value("member_ids", nlohmann::json::array())) members.push_back(names->Craftsman(m));
    v["members"] = std::move(members);
    nlohmann::json results = nlohmann::json::array();
    for (const auto& r : v.value("result_ids", nlohmann::json::array())) results.push_back(names->InnovationResult(r));
    v["results"] = std::move(results);
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string> StudioMembers(const storage::DocumentRow& studio) {
  std::vector<std::string> out{studio.ref_a};
  for (const auto& m : studio.body.value("member_ids", std::vector<std::string>{})) {
    if (!Contains(out, m)) out.push_back(m);
  }
  return out;
}

bool CanSeeStudio(const access::Principal& who, const access::OrgDirectory& orgs, const std::string& home_org,
                  const storage::DocumentRow& studio) {
  if (access::Policy(orgs).InScope(who, studio.org_id)) return true;
  if (who.role == access::Role::kCraftsman && Contains(StudioMembers(studio), who.craftsman_id)) return true;
  if (home_org.empty()) return false;
  if (orgs.IsWithin(home_org, studio.org_id)) return true;
  const auto alliances = studio.body.value("alliance_ids", std::vector<std::string>{});
  for (const auto& a : orgs.AlliancesOf(home_org)) {
    if (Contains(alliances, a)) return true;
  }
  return false;
}

Status StudioService::Fill(const access::Principal& who, const access::OrgDirectory& orgs, const nlohmann::json& body,
                           const std::string& default_org, storage::DocumentRow& row) {
  const access::Policy policy(orgs);
  std::string org = OptionalText(body, "org_id");
  if (org.empty()) org = default_org;
  if (org.empty()) return Status::Invalid("请指定工作室所属的工会组织", "org_id");
  if (!orgs.Exists(org) || orgs.IsAlliance(org)) return Status::Invalid("没有找到工会组织 " + org, "org_id");
  if (!policy.InScope(who, org)) return Status::PermissionDenied("您不能为 " + org + " 管理创新工作室");
  auto name = RequiredText(body, "name", "工作室名称", 100);
  if (!name.ok()) return name.status();
  auto lead = RequiredText(body, "lead_id", "领衔工匠", 64);
  if (!lead.ok()) return lead.status();
  auto lead_record = programme::VisibleCraftsman(store_, policy, who, *lead);
  if (!lead_record.ok()) return lead_record.status();
  if (!lead_record->has_value()) return Status::Invalid("没有找到工匠 " + *lead, "lead_id");

  auto members = programme::IdList(body, "member_ids", "成员", 200);
  if (!members.ok()) return members.status();
  std::vector<std::string> member_ids{*lead};
  for (const auto& id : *members) {
    if (Contains(member_ids, id)) continue;
    auto c = programme::VisibleCraftsman(store_, policy, who, id);
    if (!c.ok()) return c.status();
    if (!c->has_value()) return Status::Invalid("没有找到工匠 " + id, "member_ids");
    member_ids.push_back(id);
  }
  auto results = programme::IdList(body, "result_ids", "创新成果", 500);
  if (!results.ok()) return results.status();
  for (const auto& id : *results) {
    auto r = store_.GetResult(id);
    if (!r.ok()) return r.status();
    if (!r->has_value() || (*r)->meta.archived) return Status::Invalid("没有找到创新成果 " + id, "result_ids");
  }
  auto alliances = programme::IdList(body, "alliance_ids", "所属联盟", 20);
  if (!alliances.ok()) return alliances.status();
  for (const auto& id : *alliances) {
    if (!orgs.IsAlliance(id)) return Status::Invalid(id + " 不是已有的联盟组织", "alliance_ids");
  }
  const std::string description = OptionalText(body, "description");
  if (description.size() > 12000) return Status::Invalid("简介过长", "description");

  auto same_org = store_.ListDocuments({.kind = kKind, .org_ids = {org}});
  if (!same_org.ok()) return same_org.status();
  for (const auto& other : *same_org) {
    if (other.id != row.id && other.body.value("name", "") == *name) {
      return Status::Conflict("本组织已有同名工作室 " + other.id);
    }
  }
  row.org_id = org;
  row.ref_a = *lead;
  row.body = {{"name", *name},
              {"lead_id", *lead},
              {"lead_name", (*lead_record)->name},
              {"member_ids", member_ids},
              {"result_ids", *results},
              {"alliance_ids", *alliances},
              {"description", description}};
  return Status::Ok();
}

nlohmann::json StudioService::View(const access::Principal& who, const access::OrgDirectory& orgs,
                                   const storage::DocumentRow& row) const {
  nlohmann::json j{{"id", row.id},
                   {"org_id", row.org_id},
                   {"state", row.state},
                   {"version", row.version},
                   {"created_at", row.created_at},
                   {"updated_at", row.updated_at},
                   {"can_edit", access::Policy(orgs).InScope(who, row.org_id)}};
  for (const char* key : {"name", "lead_id", "lead_name", "member_ids", "result_ids", "alliance_ids", "description"}) {
    if (row.body.contains(key)) j[key] = row.body[key];
  }
  return j;
}

Result<nlohmann::json> StudioService::Create(const access::Principal& who, const nlohmann::json& body,
                                             const RequestOrigin& origin) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  if (!access::Policy(*dir).CanDispatch(who)) return Status::PermissionDenied("只有工会工作人员可以建立创新工作室");
  storage::DocumentRow row{.kind = kKind, .id = programme::NewDocumentId("ST"), .state = "active"};
  CRAFTLINK_RETURN_IF_ERROR(Fill(who, *dir, body, who.org_id, row));
  row.body["created_by"] = who.user_id;
  CRAFTLINK_RETURN_IF_ERROR(programme::CommitDocument(store_, row, -1, FormatIso8601(clock_.Now())));
  (void)programme::Audit(store_, who, "studio_create", "studios/" + row.id, origin,
                         {{"name", row.body["name"]}, {"org_id", row.org_id}});
  return Get(who, row.id);
}

Result<nlohmann::json> StudioService::Update(const access::Principal& who, std::string_view id,
                                             const nlohmann::json& body, const RequestOrigin& origin) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  auto home = programme::HomeOrganisation(store_, who);
  if (!home.ok()) return home.status();
  auto stored = store_.GetDocument(kKind, id);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value() || !CanSeeStudio(who, *dir, *home, **stored)) return Hidden(id);
  storage::DocumentRow row = std::move(**stored);
  if (!access::Policy(*dir).InScope(who, row.org_id)) {
    return Status::PermissionDenied("只有工作室所属工会的工作人员可以修改它");
  }
  CRAFTLINK_RETURN_IF_ERROR(programme::CheckVersion(body, row, "创新工作室"));
  const std::string created_by = row.body.value("created_by", "");
  CRAFTLINK_RETURN_IF_ERROR(Fill(who, *dir, body, row.org_id, row));
  row.body["created_by"] = created_by;
  Status s = programme::CommitDocument(store_, row, row.version, FormatIso8601(clock_.Now()));
  if (programme::IsRaced(s)) return Status::Conflict("创新工作室 " + row.id + " 已被他人更新，请刷新后再操作");
  CRAFTLINK_RETURN_IF_ERROR(s);
  (void)programme::Audit(store_, who, "studio_update", "studios/" + row.id, origin,
                         {{"name", row.body["name"]}, {"org_id", row.org_id}});
  return Get(who, row.id);
}

Result<nlohmann::json> StudioService::Get(const access::Principal& who, std::string_view id) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  auto home = programme::HomeOrganisation(store_, who);
  if (!home.ok()) return home.status();
  auto row = store_.GetDocument(kKind, id);
  if (!row.ok()) return row.status();
  if (!row->has_value() || !CanSeeStudio(who, *dir, *home, **row)) return Hidden(id);
  nlohmann::json views = nlohmann::json::array({View(who, *dir, **row)});
  CRAFTLINK_RETURN_IF_ERROR(NameMembers(store_, *dir, who, views));
  return std::move(views[0]);
}

Result<nlohmann::json> StudioService::List(const access::Principal& who, const StudioQuery& q) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  auto home = programme::HomeOrganisation(store_, who);
  if (!home.ok()) return home.status();
  storage::DocumentFilter filter{.kind = kKind, .after_id = q.after};
  if (!q.org_id.empty()) filter.org_ids = {q.org_id};
  auto page = programme::ListPage(
      store_, filter, q.limit, [&](const storage::DocumentRow& row) -> Result<std::optional<nlohmann::json>> {
        if (!CanSeeStudio(who, *dir, *home, row)) return std::optional<nlohmann::json>();
        if (!q.member_id.empty() && !Contains(StudioMembers(row), q.member_id)) {
          return std::optional<nlohmann::json>();
        }
        if (!programme::MatchesText(q.q, {row.id, row.body.value("name", ""), row.body.value("lead_name", "")})) {
          return std::optional<nlohmann::json>();
        }
        return std::optional<nlohmann::json>(View(who, *dir, row));
      });
  if (!page.ok()) return page.status();
  CRAFTLINK_RETURN_IF_ERROR(NameMembers(store_, *dir, who, (*page)["items"]));
  return page;
}

}  // namespace craftlink::services

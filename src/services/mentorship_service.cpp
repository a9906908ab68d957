#include "services/mentorship_service.h"

#include <algorithm>

#include "services/programme_common.h"

namespace craftlink::services {
namespace {

constexpr char kKind[] = "mentorship";
constexpr size_t kMaxNotes = 500;

Status Hidden(std::string_view id) {
  return Status::NotFound("没有找到师徒结对 " + std::string(id) + "，或您无权查看");
}

std::string_view StateChinese(std::string_view state) { return state == "completed" ? "已结业" : "进行中"; }

std::string ApprenticeOrg(const storage::DocumentRow& row) {
  return row.body.value("apprentice", nlohmann::json::object()).value("org_id", "");
}

bool StaffFor(const access::Policy& policy, const access::Principal& who, const storage::DocumentRow& row) {
  const std::string apprentice_org = ApprenticeOrg(row);
  return policy.InScope(who, row.org_id) || (!apprentice_org.empty() && policy.InScope(who, apprentice_org));
}

bool IsCraftsman(const access::Principal& who, const std::string& id) {
  return who.role == access::Role::kCraftsman && !who.craftsman_id.empty() && who.craftsman_id == id;
}

}  // namespace

int ApprenticeCapacity(const domain::Craftsman& master) {
  const auto it = master.meta.extra.find("apprentice_capacity");
  if (it == master.meta.extra.end()) return kDefaultApprenticeCapacity;
  // Imported spreadsheets may carry the figure as text.
  if (it->is_number_integer()) return static_cast<int>(std::clamp<int64_t>(it->get<int64_t>(), 0, 1000));
  if (it->is_string()) {
    const std::string text = it->get<std::string>();
    if (!text.empty() && text.size() <= 4 && text.find_first_not_of("0123456789") == std::string::npos) {
      return std::stoi(text);
    }
  }
  return kDefaultApprenticeCapacity;
}

struct MentorshipService::Loaded {
  storage::DocumentRow row;
  bool staff = false;
  bool master = false;
  bool apprentice = false;
};

Result<MentorshipService::Loaded> MentorshipService::Load(const access::Principal& who, std::string_view id) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  auto row = store_.GetDocument(kKind, id);
  if (!row.ok()) return row.status();
  if (!row->has_value()) return Hidden(id);
  Loaded m{std::move(**row)};
  m.staff = StaffFor(access::Policy(*dir), who, m.row);
  m.master = IsCraftsman(who, m.row.ref_a);
  m.apprentice = !m.row.ref_b.empty() && IsCraftsman(who, m.row.ref_b);
  if (!m.staff && !m.master && !m.apprentice) return Hidden(id);
  return m;
}

Result<std::map<std::string, int>> MentorshipService::ActiveByMaster() {
  auto rows = store_.ListDocuments({.kind = kKind});
  if (!rows.ok()) return rows.status();
  std::map<std::string, int> out;
  for (const auto& r : *rows) {
    if (r.state == "active") ++out[r.ref_a];
  }
  return out;
}

namespace {

nlohmann::json View(const MentorshipService::Loaded& m) {
  const auto& b = m.row.body;
  nlohmann::json j{{"id", m.row.id},
                   {"org_id", m.row.org_id},
                   {"master_id", m.row.ref_a},
                   {"master_name", b.value("master_name", "")},
                   {"apprentice", b.value("apprentice", nlohmann::json::object())},
                   {"goals", b.value("goals", "")},
                   {"start", b.value("start", "")},
                   {"notes", b.value("notes", nlohmann::json::array())},
                   {"state", m.row.state},
                   {"state_name", StateChinese(m.row.state)},
                   {"your_role", m.staff    ? "staff"
                                 : m.master ? "master"
                                            : "apprentice"},
                   {"version", m.row.version},
                   {"created_at", m.row.created_at},
                   {"updated_at", m.row.updated_at}};
  for (const char* key : {"summary", "completed_on"}) {
    if (b.contains(key)) j[key] = b[key];
  }
  return j;
}

// {craftsman_id} of the pool (visible to the caller, not the master) or
// {name, employer} of someone outside it, as stored in the body.
Result<nlohmann::json> ReadApprentice(storage::Store& store, const access::Policy& policy, const access::Principal& who,
                                      const nlohmann::json& body, const std::string& master_id) {
  const auto a = body.find("apprentice");
  if (a == body.end() || !a->is_object()) {
    return Status::Invalid("请填写徒弟：{craftsman_id} 或 {name, employer}", "apprentice");
  }
  const std::string id = OptionalText(*a, "craftsman_id");
  if (!id.empty()) {
    if (id == master_id) return Status::Invalid("师傅和徒弟不能是同一人", "apprentice.craftsman_id");
    auto c = programme::VisibleCraftsman(store, policy, who, id);
    if (!c.ok()) return c.status();
    if (!c->has_value()) return Status::Invalid("没有找到工匠 " + id, "apprentice.craftsman_id");
    return nlohmann::json{
        {"craftsman_id", id}, {"name", (*c)->name}, {"employer", (*c)->employer}, {"org_id", (*c)->meta.org_id}};
  }
  auto name = RequiredText(*a, "name", "徒弟姓名", 50);
  if (!name.ok()) return Status::Invalid(name.status().message(), "apprentice.name");
  const std::string employer = OptionalText(*a, "employer");
  if (employer.size() > 600) return Status::Invalid("工作单位过长", "apprentice.employer");
  return nlohmann::json{{"name", *name}, {"employer", employer}};
}

}  // namespace

Result<nlohmann::json> MentorshipService::Create(const access::Principal& who, const nlohmann::json& body,
                                                 const RequestOrigin& origin) {
  return programme::RetryRaces([&] { return CreateOnce(who, body, origin); });
}

Result<nlohmann::json> MentorshipService::CreateOnce(const access::Principal& who, const nlohmann::json& body,
                                                     const RequestOrigin& origin) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  const access::Policy policy(*dir);
  if (!policy.CanDispatch(who)) return Status::PermissionDenied("只有工会工作人员可以建立师徒结对");
  auto master_id = RequiredText(body, "master_id", "师傅", 64);
  if (!master_id.ok()) return master_id.status();
  auto master = programme::VisibleCraftsman(store_, policy, who, *master_id);
  if (!master.ok()) return master.status();
  if (!master->has_value()) return Status::Invalid("没有找到工匠 " + *master_id, "master_id");

  auto read = ReadApprentice(store_, policy, who, body, *master_id);
  if (!read.ok()) return read.status();
  const nlohmann::json& apprentice = *read;
  const std::string apprentice_id = apprentice.value("craftsman_id", "");
  const std::string apprentice_org = apprentice.value("org_id", "");
  if (!policy.InScope(who, (*master)->meta.org_id) &&
      (apprentice_org.empty() || !policy.InScope(who, apprentice_org))) {
    return Status::PermissionDenied("师傅或徒弟须有一方在您的管辖范围内");
  }
  auto goals = RequiredText(body, "goals", "培养目标", 2000);
  if (!goals.ok()) return goals.status();
  auto start = DateField(body, "start", "开始日期");
  if (!start.ok()) return start.status();

  const std::string now = FormatIso8601(clock_.Now());
  // Read before counting: two pairings for the last place cannot both commit.
  auto guard = programme::ReadGuard(store_, "apprentice_places:" + *master_id, (*master)->meta.org_id, now);
  if (!guard.ok()) return guard.status();
  auto active = ActiveByMaster();
  if (!active.ok()) return active.status();
  const int capacity = ApprenticeCapacity(**master);
  if ((*active)[*master_id] >= capacity) {
    return Status::Conflict("师傅 " + (*master)->name + " 的带徒名额已满（" + std::to_string(capacity) + " 名）");
  }
  if (!apprentice_id.empty()) {
    auto same = store_.ListDocuments({.kind = kKind, .ref_a = *master_id, .ref_b = apprentice_id});
    if (!same.ok()) return same.status();
    for (const auto& r : *same) {
      if (r.state == "active") return Status::Conflict("这对师徒已有进行中的结对 " + r.id);
    }
  }
  storage::DocumentRow row{.kind = kKind,
                           .id = programme::NewDocumentId("MS"),
                           .org_id = (*master)->meta.org_id,
                           .ref_a = *master_id,
                           .ref_b = apprentice_id,
                           .state = "active"};
  row.body = {{"master_name", (*master)->name},   {"apprentice", apprentice}, {"goals", *goals}, {"start", *start},
              {"notes", nlohmann::json::array()}, {"created_by", who.user_id}};
  storage::TrackingWrite write;
  write.documents.push_back(std::move(*guard));
  std::vector<std::string> to{"craftsman:" + *master_id, "org:" + row.org_id};
  if (!apprentice_id.empty()) to.push_back("craftsman:" + apprentice_id);
  if (!apprentice_org.empty() && apprentice_org != row.org_id) to.push_back("org:" + apprentice_org);
  for (auto& r : to) {
    write.notifications.push_back({.recipient = std::move(r),
                                   .event = "mentorship_started",
                                   .title = "师徒结对：" + (*master)->name + " 带徒 " + apprentice.value("name", ""),
                                   .payload = {{"mentorship_id", row.id}},
                                   .created_at = now});
  }
  CRAFTLINK_RETURN_IF_ERROR(programme::CommitDocument(store_, row, -1, now, std::move(write)));
  (void)programme::Audit(store_, who, "mentorship_create", "mentorships/" + row.id, origin,
                         {{"master_id", *master_id}, {"apprentice", apprentice.value("name", "")}});
  return Get(who, row.id);
}

Result<nlohmann::json> MentorshipService::Get(const access::Principal& who, std::string_view id) {
  auto m = Load(who, id);
  if (!m.ok()) return m.status();
  return View(*m);
}

Result<nlohmann::json> MentorshipService::List(const access::Principal& who, const MentorshipQuery& q) {
  if (!q.state.empty() && q.state != "active" && q.state != "completed") {
    return Status::Invalid("状态应为 active 或 completed", "state");
  }
  if (who.role == access::Role::kEnterprise)
    return nlohmann::json{{"items", nlohmann::json::array()}, {"next_after", nullptr}};
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  const access::Policy policy(*dir);
  // A craftsman's own pairs, as master or apprentice; staff theirs by
  // either side's organisation, which the columns cannot express, so the
  // rows are filtered as they are read.
  storage::DocumentFilter filter{.kind = kKind, .ref_a = q.master_id, .ref_b = q.apprentice_id, .after_id = q.after};
  return programme::ListPage(
      store_, filter, q.limit, [&](const storage::DocumentRow& row) -> Result<std::optional<nlohmann::json>> {
        if (!q.state.empty() && row.state != q.state) return std::optional<nlohmann::json>();
        const auto apprentice = row.body.value("apprentice", nlohmann::json::object());
        if (!programme::MatchesText(q.q, {row.id, row.body.value("master_name", ""), apprentice.value("name", ""),
                                          apprentice.value("employer", ""), row.body.value("goals", "")})) {
          return std::optional<nlohmann::json>();
        }
        Loaded m{row, StaffFor(policy, who, row), IsCraftsman(who, row.ref_a),
                 !row.ref_b.empty() && IsCraftsman(who, row.ref_b)};
        if (!m.staff && !m.master && !m.apprentice) return std::optional<nlohmann::json>();
        nlohmann::json item = View(m);
        item.erase("notes");  // a list row: the mentorship page shows them
        return std::optional<nlohmann::json>(std::move(item));
      });
}

Result<nlohmann::json> MentorshipService::AddNote(const access::Principal& who, std::string_view id,
                                                  const nlohmann::json& body, const RequestOrigin& origin) {
  auto text = RequiredText(body, "text", "进展记录", 2000);
  if (!text.ok()) return text.status();
  auto out = programme::RetryRaces([&]() -> Result<nlohmann::json> {
    auto m = Load(who, id);
    if (!m.ok()) return m.status();
    if (m->row.state != "active") return Status::Conflict("师徒结对已结业，不能再添加进展记录");
    auto& notes = m->row.body["notes"];
    if (notes.size() >= kMaxNotes) return Status::Conflict("进展记录已达上限 " + std::to_string(kMaxNotes) + " 条");
    const std::string now = FormatIso8601(clock_.Now());
    notes.push_back({{"at", now},
                     {"author_user_id", who.user_id},
                     {"author", who.username},
                     {"author_role", m->staff    ? "staff"
                                     : m->master ? "master"
                                                 : "apprentice"},
                     {"text", *text}});
    CRAFTLINK_RETURN_IF_ERROR(programme::CommitDocument(store_, m->row, m->row.version, now));
    m->row.version += 1;
    m->row.updated_at = now;
    return View(*m);
  });
  if (!out.ok()) return out.status();
  (void)programme::Audit(store_, who, "mentorship_note", "mentorships/" + std::string(id), origin,
                         nlohmann::json::object());
  return out;
}

Result<nlohmann::json> MentorshipService::Update(const access::Principal& who, std::string_view id,
                                                 const nlohmann::json& body, const RequestOrigin& origin) {
  auto m = Load(who, id);
  if (!m.ok()) return m.status();
  // The goals are what staff agreed with both sides when pairing them: the
  // pair add notes, staff change the plan.
  if (!m->staff) return Status::PermissionDenied("只有工会工作人员可以修改培养目标");
  CRAFTLINK_RETURN_IF_ERROR(programme::CheckVersion(body, m->row, "师徒结对"));
  if (m->row.state != "active") return Status::Conflict("师徒结对 " + m->row.id + " 已结业，培养目标不能再改");
  auto goals = RequiredText(body, "goals", "培养目标", 2000);
  if (!goals.ok()) return goals.status();
  const std::string before = m->row.body.value("goals", "");
  const int64_t read_version = m->row.version;
  m->row.body["goals"] = *goals;
  Status s = programme::CommitDocument(store_, m->row, read_version, FormatIso8601(clock_.Now()));
  if (programme::IsRaced(s)) return Status::Conflict("师徒结对 " + m->row.id + " 已被他人更新，请刷新后再操作");
  CRAFTLINK_RETURN_IF_ERROR(s);
  (void)programme::Audit(store_, who, "mentorship_update", "mentorships/" + m->row.id, origin,
                         {{"goals_before", before}, {"goals", *goals}});
  return Get(who, id);
}

Result<nlohmann::json> MentorshipService::Complete(const access::Principal& who, std::string_view id,
                                                   const nlohmann::json& body, const RequestOrigin& origin) {
  auto m = Load(who, id);
  if (!m.ok()) return m.status();
  if (!m->staff && !m->master) return Status::PermissionDenied("只有师傅或工会工作人员可以办理结业");
  CRAFTLINK_RETURN_IF_ERROR(programme::CheckVersion(body, m->row, "师徒结对"));
  if (m->row.state != "active") return Status::Conflict("师徒结对 " + m->row.id + " 已结业");
  auto summary = RequiredText(body, "summary", "结业总结", 4000);
  if (!summary.ok()) return summary.status();
  const std::string now = FormatIso8601(clock_.Now());
  const int64_t read_version = m->row.version;
  m->row.state = "completed";
  m->row.body["summary"] = *summary;
  m->row.body["completed_on"] = LocalIsoDate(clock_.Now());
  m->row.body["completed_by"] = who.user_id;
  Status s = programme::CommitDocument(store_, m->row, read_version, now);
  if (programme::IsRaced(s)) return Status::Conflict("师徒结对 " + m->row.id + " 已被他人更新，请刷新后再操作");
  CRAFTLINK_RETURN_IF_ERROR(s);
  (void)programme::Audit(store_, who, "mentorship_complete", "mentorships/" + m->row.id, origin,
                         nlohmann::json::object());
  return Get(who, id);
}

}  // namespace craftlink::services

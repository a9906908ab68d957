#include "services/service_support.h"
#include "services/record_service.h"

#include <cstdio>

#include "domain/codec.h"
#include "services/list_cursor.h"
#include "storage/record_order.h"

namespace craftlink::services {
namespace {

using access::Visibility;
using domain::RecordKind;

constexpr size_t kScanChunk = 200;

Status Hidden(RecordKind kind, std::string_view id) {
  return Status::NotFound(std::string("没有找到 ") + std::string(domain::RecordKindPlural(kind)) + "/" +
                          std::string(id) + "，或您无权查看");
}

void MaskPersonalData(nlohmann::json& j) {
  for (const char* phone : {"phone", "contact_phone"}) {
    if (j.contains(phone)) j[phone] = access::MaskPhone(j[phone].get<std::string>());
  }
  if (j.contains("contact_name")) j["contact_name"] = access::MaskName(j["contact_name"].get<std::string>());
}

bool HasPersonalData(const nlohmann::json& j) {
  return j.contains("phone") || j.contains("contact_phone") || j.contains("contact_name");
}

// The sort as the client wrote it ("posted", "-posted"); sorted cursors carry it.
std::string SortParam(const ListQuery& query) { return (query.descending ? "-" : "") + query.sort_column; }

// Where a list starts: after the client's cursor, or at the beginning.
Result<ListPosition> StartOf(const ListQuery& query) {
  if (query.sort_column.empty() || query.after.empty()) return ListPosition{"", query.after};
  return DecodeSortedCursor(SortParam(query), query.after);
}

// The position just after `record` in the list's order.
template <typename Record>
Result<ListPosition> PositionOf(const Record& record, const ListQuery& query) {
  if (query.sort_column.empty()) return ListPosition{"", record.id};
  auto value = storage::SortValueOf(record, query.sort_column);
  if (!value.ok()) return value.status();
  return ListPosition{std::move(*value), record.id};
}

// One chunk of the store's rows in the list's order, from `from` on.
storage::ScanOptions ChunkScan(const ListQuery& query, const ListPosition& from, size_t chunk) {
  storage::ScanOptions scan{.org_id = query.org_id,
                            .text = query.q,
                            .after_id = from.id,
                            .limit = chunk,
                            .equals = query.equals,
                            .prefixes = query.prefixes,
                            .sort_column = query.sort_column,
                            .descending = query.descending};
  if (!query.sort_column.empty() && !from.id.empty()) scan.after_value = from.value;
  return scan;
}

// next_after for a page whose last item is `last`: its id, or for a sorted
// list its opaque cursor. Never a hidden row's position, which would leak
// that row's id and sort value to the caller.
template <typename Record>
Result<nlohmann::json> NextAfter(const Record& last, const ListQuery& query) {
  if (query.sort_column.empty()) return nlohmann::json(last.id);
  auto position = PositionOf(last, query);
  if (!position.ok()) return position.status();
  return nlohmann::json(EncodeSortedCursor(SortParam(query), *position));
}

}  // namespace

std::string RecordVersion(std::string_view stored_body) {
  // FNV-1a 64 over the canonical text: stable across processes and builds.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : stored_body) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Per-kind glue: how to read, decode, validate and judge each record kind.
template <>
struct RecordService::Ops<domain::Craftsman> {
  static constexpr RecordKind kKind = RecordKind::kCraftsman;
  static auto Get(storage::Store& s, std::string_view id) { return s.GetCraftsman(id); }
  static auto Scan(storage::Store& s, const storage::ScanOptions& o, const storage::Visitor<domain::Craftsman>& v) {
    return s.ScanCraftsmen(o, v);
  }
  static auto Decode(const nlohmann::json& j) { return domain::CraftsmanFromJson(j); }
  static Status Check(const interchange::RecordValidator& v, domain::Craftsman& c) { return v.Check(c); }
  static Visibility View(const access::Policy& p, const access::Principal& w, const domain::Craftsman& c) {
    return p.View(w, c, c.consent == domain::ConsentScope::kPoolAndAlliance);
  }
  static void Put(storage::WriteBatch& b, domain::Craftsman c) { b.craftsmen.push_back(std::move(c)); }
  static bool IsSelf(const access::Principal& w, const domain::Craftsman& c) { return w.craftsman_id == c.id; }
};

template <>
struct RecordService::Ops<domain::Enterprise> {
  static constexpr RecordKind kKind = RecordKind::kEnterprise;
  static auto Get(storage::Store& s, std::string_view id) { return s.GetEnterprise(id); }
  static auto Scan(storage::Store& s, const storage::ScanOptions& o, const storage::Visitor<domain::Enterprise>& v) {
    return s.ScanEnterprises(o, v);
  }
  static auto Decode(const nlohmann::json& j) { return domain::EnterpriseFromJson(j); }
  static Status Check(const interchange::RecordValidator& v, domain::Enterprise& e) { return v.Check(e, {}); }
  static Visibility View(const access::Policy& p, const access::Principal& w, const domain::Enterprise& e) {
    return p.View(w, e);
  }
  static void Put(storage::WriteBatch& b, domain::Enterprise e) { b.enterprises.push_back(std::move(e)); }
  static bool IsSelf(const access::Principal& w, const domain::Enterprise& e) { return w.enterprise_id == e.id; }
};

template <>
struct RecordService::Ops<domain::Need> {
  static constexpr RecordKind kKind = RecordKind::kNeed;
  static auto Get(storage::Store& s, std::string_view id) { return s.GetNeed(id); }
  static auto Scan(storage::Store& s, const storage::ScanOptions& o, const storage::Visitor<domain::Need>& v) {
    return s.ScanNeeds(o, v);
  }
  static auto Decode(const nlohmann::json& j) { return domain::NeedFromJson(j); }
  static Status Check(const interchange::RecordValidator& v, domain::Need& n) { return v.Check(n); }
  static Visibility View(const access::Policy& p, const access::Principal& w, const domain::Need& n) {
    return p.View(w, n);
  }
  static void Put(storage::WriteBatch& b, domain::Need n) { b.needs.push_back(std::move(n)); }
  static bool IsSelf(const access::Principal& w, const domain::Need& n) { return w.enterprise_id == n.enterprise_id; }
};

template <>
struct RecordService::Ops<domain::InnovationResult> {
  static constexpr RecordKind kKind = RecordKind::kResult;
  static auto Get(storage::Store& s, std::string_view id) { return s.GetResult(id); }
  static auto Scan(storage::Store& s, const storage::ScanOptions& o,
                   const storage::Visitor<domain::InnovationResult>& v) {
    return s.ScanResults(o, v);
  }
  static auto Decode(const nlohmann::json& j) { return domain::InnovationResultFromJson(j); }
  static Status Check(const interchange::RecordValidator& v, domain::InnovationResult& r) { return v.Check(r); }
  static Visibility View(const access::Policy& p, const access::Principal& w, const domain::InnovationResult& r) {
    return p.View(w, r);
  }
  static void Put(storage::WriteBatch& b, domain::InnovationResult r) { b.results.push_back(std::move(r)); }
  static bool IsSelf(const access::Principal&, const domain::InnovationResult&) { return false; }
};

Result<access::OrgDirectory> RecordService::Directory() { return LoadDirectory(store_); }

Status RecordService::Audit(const access::Principal& who, std::string_view action, std::string_view target,
                            const RequestOrigin& origin, const nlohmann::json& detail) {
  return AppendAuditLine(store_, who, action, target, origin, detail);
}

// The record as the caller may see it, with org, archive flag and version.
template <typename Record>
static nlohmann::json Present(const Record& r, Visibility visibility) {
  const std::string stored = domain::ToJsonText(r);
  nlohmann::json j = nlohmann::json::parse(stored);
  if (visibility == Visibility::kMasked) MaskPersonalData(j);
  j["org_id"] = r.meta.org_id;
  j["archived"] = r.meta.archived;
  j["version"] = RecordVersion(stored);
  return j;
}

template <typename Record>
Result<nlohmann::json> RecordService::ListOf(const access::Principal& who, const ListQuery& query,
                                             const RequestOrigin& origin) {
  auto orgs = Directory();
  if (!orgs.ok()) return orgs.status();
  const access::Policy policy(*orgs);
  auto start = StartOf(query);
  if (!start.ok()) return start.status();
  ListPosition position = std::move(*start);
  nlohmann::json items = nlohmann::json::array();
  std::vector<std::string> unmasked;
  std::optional<Record> last_shown;   // the page's last item
  std::optional<Record> hidden_tail;  // hidden rows scanned after it, the last one
  bool more = false;
  // Scan in chunks, keeping what the caller may see, until a page is full
  // and one more visible row proves there is a next page (a page that fills
  // on a chunk's last row must look into the next chunk for that).
  while (true) {
    size_t seen = 0;
    Status s = Ops<Record>::Scan(store_, ChunkScan(query, position, kScanChunk), [&](Record&& r) {
      ++seen;
      const Visibility v = Ops<Record>::View(policy, who, r);
      if (v == Visibility::kHidden) {
        hidden_tail = std::move(r);
        return true;
      }
      if (items.size() == query.limit) {
        more = true;
        return false;
      }
      nlohmann::json j = Present(r, v);
      if (v == Visibility::kFull && HasPersonalData(j) && !Ops<Record>::IsSelf(who, r)) unmasked.push_back(r.id);
      items.push_back(std::move(j));
      hidden_tail.reset();
      last_shown = std::move(r);
      return true;
    });
    if (!s.ok()) return s;
    if (more || seen < kScanChunk) break;
    // The next chunk resumes after the last row scanned, shown or hidden.
    auto next = PositionOf(hidden_tail ? *hidden_tail : *last_shown, query);
    if (!next.ok()) return next.status();
    position = std::move(*next);
  }
  if (!unmasked.empty()) {
    CRAFTLINK_RETURN_IF_ERROR(Audit(who, "read_personal_data", domain::RecordKindPlural(Ops<Record>::kKind), origin,
                                    {{"ids", unmasked}}));
  }
  nlohmann::json out = {{"items", items}, {"next_after", nullptr}};
  if (more && last_shown) {
    auto next_after = NextAfter(*last_shown, query);
    if (!next_after.ok()) return next_after.status();
    out["next_after"] = std::move(*next_after);
  }
  return out;
}

template <typename Record>
Result<nlohmann::json> RecordService::GetOf(const access::Principal& who, std::string_view id,
                                            const RequestOrigin& origin) {
  auto orgs = Directory();
  if (!orgs.ok()) return orgs.status();
  const access::Policy policy(*orgs);
  auto record = Ops<Record>::Get(store_, id);
  if (!record.ok()) return record.status();
  if (!record->has_value()) return Hidden(Ops<Record>::kKind, id);
  const Visibility v = Ops<Record>::View(policy, who, **record);
  if (v == Visibility::kHidden) return Hidden(Ops<Record>::kKind, id);
  nlohmann::json j = Present(**record, v);
  if (v == Visibility::kFull && HasPersonalData(j) && !Ops<Record>::IsSelf(who, **record)) {
    CRAFTLINK_RETURN_IF_ERROR(Audit(who, "read_personal_data",
                                    std::string(domain::RecordKindPlural(Ops<Record>::kKind)) + "/" + std::string(id),
                                    origin, nlohmann::json::object()));
  }
  return j;
}

// Create (empty `id`) or update (`id` given, with version check).
template <typename Record>
Result<nlohmann::json> RecordService::WriteOf(const access::Principal& who, std::string_view id,
                                              const nlohmann::json& body, const RequestOrigin& origin) {
  if (!body.is_object()) return Status::Invalid("请求体应为 JSON 对象");
  nlohmann::json input = body;
  const std::string version = input.value("version", "");
  std::string org_id = input.value("org_id", "");
  for (const char* server_owned : {"version", "org_id", "archived"}) input.erase(server_owned);
  if (!id.empty()) input["id"] = std::string(id);
  auto record = Ops<Record>::Decode(input);
  if (!record.ok()) return record.status();
  CRAFTLINK_RETURN_IF_ERROR(Ops<Record>::Check(validator_, *record));
  auto orgs = Directory();
  if (!orgs.ok()) return orgs.status();
  const access::Policy policy(*orgs);
  auto existing = Ops<Record>::Get(store_, record->id);
  if (!existing.ok()) return existing.status();
  const RecordKind kind = Ops<Record>::kKind;
  if (id.empty()) {  // create
    if (existing->has_value()) return Status::Conflict("编号「" + record->id + "」已存在");
    if (org_id.empty()) org_id = who.org_id.empty() ? std::string(storage::kRootOrganisationId) : who.org_id;
    if (!orgs->Exists(org_id)) return Status::Invalid("组织「" + org_id + "」不存在", "org_id");
    record->meta.org_id = org_id;
  } else {  // update
    if (!existing->has_value() || Ops<Record>::View(policy, who, **existing) == Visibility::kHidden) {
      return Hidden(kind, id);
    }
    // Access before the version: a stale version is news only to someone
    // who may write (docs/api.md, Errors).
    if (!policy.CanEdit(who, **existing)) return Status::PermissionDenied("您无权修改这条记录");
    if (version.empty()) return Status::Invalid("更新时须带上读取时的 version", "version");
    if (version != RecordVersion(domain::ToJsonText(**existing))) {
      return Status::Conflict("记录已被他人修改，请刷新后再改 (stale version)");
    }
    record->meta.org_id = (*existing)->meta.org_id;  // ownership moves only through admin tools
    record->meta.archived = (*existing)->meta.archived;
  }
  if constexpr (std::is_same_v<Record, domain::Need>) {
    if (who.role == access::Role::kEnterprise && record->enterprise_id != who.enterprise_id) {
      return Status::PermissionDenied("企业用户只能为本企业提出需求");
    }
    if (who.role == access::Role::kEnterprise && id.empty()) {
      auto enterprise = store_.GetEnterprise(who.enterprise_id);
      if (!enterprise.ok()) return enterprise.status();
      if (enterprise->has_value()) record->meta.org_id = (*enterprise)->meta.org_id;
    }
  }
  const bool may_create = policy.CanCreateIn(who, record->meta.org_id) ||
                          (who.role == access::Role::kEnterprise && kind == RecordKind::kNeed);
  if (id.empty() && !may_create) return Status::PermissionDenied("您无权修改这条记录");
  storage::WriteBatch batch;
  const std::string record_id = record->id;
  Ops<Record>::Put(batch, *record);
  Status s = store_.Apply(batch);
  if (!s.ok()) {
    if (s.code() == ErrorCode::kConflict) return Status::Invalid("引用的记录不存在 (a referenced record does not exist)");
    return s;
  }
  const std::string target = std::string(domain::RecordKindPlural(kind)) + "/" + record_id;
  CRAFTLINK_RETURN_IF_ERROR(Audit(who, id.empty() ? "create" : "update", target, origin, nlohmann::json::object()));
  return GetOf<Record>(who, record_id, origin);
}

template <typename Record>
Result<nlohmann::json> RecordService::ArchiveOf(const access::Principal& who, std::string_view id, bool archived,
                                                const RequestOrigin& origin) {
  auto orgs = Directory();
  if (!orgs.ok()) return orgs.status();
  const access::Policy policy(*orgs);
  auto existing = Ops<Record>::Get(store_, id);
  if (!existing.ok()) return existing.status();
  if (!existing->has_value() || Ops<Record>::View(policy, who, **existing) == Visibility::kHidden) {
    return Hidden(Ops<Record>::kKind, id);
  }
  if (!policy.CanEdit(who, **existing)) return Status::PermissionDenied("您无权归档这条记录");
  CRAFTLINK_RETURN_IF_ERROR(store_.SetArchived(Ops<Record>::kKind, id, archived));
  CRAFTLINK_RETURN_IF_ERROR(Audit(who, archived ? "archive" : "restore",
                                  std::string(domain::RecordKindPlural(Ops<Record>::kKind)) + "/" + std::string(id),
                                  origin, nlohmann::json::object()));
  return GetOf<Record>(who, id, origin);
}

Result<nlohmann::json> RecordService::List(const access::Principal& who, RecordKind kind, const ListQuery& query,
                                           const RequestOrigin& origin) {
  switch (kind) {
    case RecordKind::kCraftsman: return ListOf<domain::Craftsman>(who, query, origin);
    case RecordKind::kEnterprise: return ListOf<domain::Enterprise>(who, query, origin);
    case RecordKind::kNeed: return ListOf<domain::Need>(who, query, origin);
    case RecordKind::kResult: return ListOf<domain::InnovationResult>(who, query, origin);
  }
  return Status::Internal("unknown record kind");
}

Result<nlohmann::json> RecordService::Get(const access::Principal& who, RecordKind kind, std::string_view id,
                                          const RequestOrigin& origin) {
  switch (kind) {
    case RecordKind::kCraftsman: return GetOf<domain::Craftsman>(who, id, origin);
    case RecordKind::kEnterprise: return GetOf<domain::Enterprise>(who, id, origin);
    case RecordKind::kNeed: return GetOf<domain::Need>(who, id, origin);
    case RecordKind::kResult: return GetOf<domain::InnovationResult>(who, id, origin);
  }
  return Status::Internal("unknown record kind");
}

Result<nlohmann::json> RecordService::Create(const access::Principal& who, RecordKind kind,
                                             const nlohmann::json& body, const RequestOrigin& origin) {
  switch (kind) {
    case RecordKind::kCraftsman: return WriteOf<domain::Craftsman>(who, "", body, origin);
    case RecordKind::kEnterprise: return WriteOf<domain::Enterprise>(who, "", body, origin);
    case RecordKind::kNeed: return WriteOf<domain::Need>(who, "", body, origin);
    case RecordKind::kResult: return WriteOf<domain::InnovationResult>(who, "", body, origin);
  }
  return Status::Internal("unknown record kind");
}

Result<nlohmann::json> RecordService::Update(const access::Principal& who, RecordKind kind, std::string_view id,
                                             const nlohmann::json& body, const RequestOrigin& origin) {
  if (id.empty()) return Status::Invalid("缺少编号", "id");
  switch (kind) {
    case RecordKind::kCraftsman: return WriteOf<domain::Craftsman>(who, id, body, origin);
    case RecordKind::kEnterprise: return WriteOf<domain::Enterprise>(who, id, body, origin);
    case RecordKind::kNeed: return WriteOf<domain::Need>(who, id, body, origin);
    case RecordKind::kResult: return WriteOf<domain::InnovationResult>(who, id, body, origin);
  }
  return Status::Internal("unknown record kind");
}

Result<nlohmann::json> RecordService::SetArchived(const access::Principal& who, RecordKind kind, std::string_view id,
                                                  bool archived, const RequestOrigin& origin) {
  switch (kind) {
    case RecordKind::kCraftsman: return ArchiveOf<domain::Craftsman>(who, id, archived, origin);
    case RecordKind::kEnterprise: return ArchiveOf<domain::Enterprise>(who, id, archived, origin);
    case RecordKind::kNeed: return ArchiveOf<domain::Need>(who, id, archived, origin);
    case RecordKind::kResult: return ArchiveOf<domain::InnovationResult>(who, id, archived, origin);
  }
  return Status::Internal("unknown record kind");
}

}  // namespace craftlink::services

#include "services/programme_common.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "services/list_cursor.h"

namespace craftlink::services::programme {
namespace {

constexpr char kRacedMessage[] = "已被他人同时更新，请刷新后重试";
constexpr size_t kScanChunk = 200;

}  // namespace

std::string NewDocumentId(std::string_view prefix) {
  // One generator per thread: no lock, and random_device only at start-up.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012llx", static_cast<unsigned long long>(rng() & 0xffffffffffffULL));
  return std::string(prefix) + "-" + buf;
}

Result<std::string> HomeOrganisation(storage::Store& store, const access::Principal& who) {
  switch (who.role) {
    case access::Role::kAdmin:
      return std::string();
    case access::Role::kStaff:
      return who.org_id;
    case access::Role::kEnterprise: {
      if (who.enterprise_id.empty()) return std::string();
      auto e = store.GetEnterprise(who.enterprise_id);
      if (!e.ok()) return e.status();
      return e->has_value() ? (*e)->meta.org_id : std::string();
    }
    case access::Role::kCraftsman: {
      if (who.craftsman_id.empty()) return std::string();
      auto c = store.GetCraftsman(who.craftsman_id);
      if (!c.ok()) return c.status();
      return c->has_value() ? (*c)->meta.org_id : std::string();
    }
  }
  return std::string();
}

Status CheckVersion(const nlohmann::json& body, const storage::DocumentRow& row, std::string_view what) {
  auto it = body.find("version");
  if (it == body.end() || !it->is_number_integer()) {
    return Status::Invalid("请带上读取时的 version，以免覆盖他人的修改", "version");
  }
  if (it->get<int64_t>() != row.version) {
    return Status::Conflict(std::string(what) + " " + row.id + " 已被他人更新（当前版本 " +
                            std::to_string(row.version) + "），请刷新后再操作");
  }
  return Status::Ok();
}

Status Raced() { return Status::Conflict(kRacedMessage); }

bool IsRaced(const Status& status) {
  return status.code() == ErrorCode::kConflict && status.message() == kRacedMessage;
}

Status CommitDocument(storage::Store& store, storage::DocumentRow row, int64_t read_version, std::string_view now_iso,
                      storage::TrackingWrite write) {
  if (read_version < 0) row.created_at = std::string(now_iso);
  row.version = read_version < 0 ? 1 : read_version + 1;
  row.updated_at = std::string(now_iso);
  write.documents.push_back({std::move(row), read_version});
  Status s = store.CommitTracking(write);
  // The store answers Conflict only for the document's version (or, for a
  // new one, an id that exists: random ids make that a race too).
  if (s.code() == ErrorCode::kConflict) return Raced();
  return s;
}

Result<storage::DocumentWrite> ReadGuard(storage::Store& store, std::string_view rule, std::string_view org_id,
                                         std::string_view now_iso) {
  static constexpr char kGuardKind[] = "guard";
  auto stored = store.GetDocument(kGuardKind, rule);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) {
    return storage::DocumentWrite{{.kind = kGuardKind,
                                   .id = std::string(rule),
                                   .org_id = std::string(org_id),
                                   .state = "guard",
                                   .version = 1,
                                   .created_at = std::string(now_iso),
                                   .updated_at = std::string(now_iso)},
                                  -1};
  }
  storage::DocumentRow row = std::move(**stored);
  const int64_t read_version = row.version;
  row.version += 1;
  row.updated_at = std::string(now_iso);
  return storage::DocumentWrite{std::move(row), read_version};
}

Result<nlohmann::json> RetryRaces(const std::function<Result<nlohmann::json>()>& attempt) {
  for (int i = 0;; ++i) {
    auto result = attempt();
    if (result.ok() || !IsRaced(result.status())) return result;
    if (i + 1 >= kMaxRaceRetries) return Status::Conflict("同时操作的人较多，请稍后重试");
    // Spread the retries so that the writers that lost do not meet again.
    thread_local std::mt19937 rng{std::random_device{}()};
    const int cap = 2 << std::min(i, 6);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(1, cap)(rng)));
  }
}

Result<nlohmann::json> ListPage(storage::Store& store, storage::DocumentFilter filter, size_t limit,
                                const RowView& view, std::string_view sort) {
  nlohmann::json items = nlohmann::json::array();
  std::vector<ListPosition> positions;  // of each item, for the next page's cursor
  // One more than asked for tells whether a next page exists.
  while (items.size() <= limit) {
    filter.limit = kScanChunk;
    auto rows = store.ListDocuments(filter);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) {
      auto item = view(row);
      if (!item.ok()) return item.status();
      if (*item) {
        items.push_back(std::move(**item));
        positions.push_back({row.ref_b, row.id});
      }
      if (items.size() > limit) break;
    }
    if (rows->size() < kScanChunk) break;
    filter.after_id = rows->back().id;
    filter.after_ref_b = rows->back().ref_b;
  }
  nlohmann::json next = nullptr;
  if (items.size() > limit) {
    items.erase(items.end() - 1);
    positions.pop_back();
    // The last item shown, never a hidden row after it: its position would
    // tell the caller that row's id.
    next = filter.order_by_ref_b ? nlohmann::json(EncodeSortedCursor(sort, positions.back()))
                                 : nlohmann::json(positions.back().id);
  }
  return nlohmann::json{{"items", std::move(items)}, {"next_after", std::move(next)}};
}

Result<std::vector<std::string>> IdList(const nlohmann::json& body, const char* field, const char* chinese,
                                        size_t max_items) {
  std::vector<std::string> out;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return Status::Invalid(std::string(chinese) + "应为编号数组", field);
  for (const auto& v : *it) {
    if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 64) {
      return Status::Invalid(std::string(chinese) + "中的编号应为非空文字", field);
    }
    if (!Contains(out, v.get<std::string>())) out.push_back(v.get<std::string>());
  }
  if (out.size() > max_items) {
    return Status::Invalid(std::string(chinese) + "最多 " + std::to_string(max_items) + " 个", field);
  }
  return out;
}

Result<std::optional<domain::Craftsman>> VisibleCraftsman(storage::Store& store, const access::Policy& policy,
                                                          const access::Principal& who, const std::string& id) {
  auto c = store.GetCraftsman(id);
  if (!c.ok()) return c.status();
  if (!c->has_value() || (*c)->meta.archived) return std::optional<domain::Craftsman>();
  const bool shared = (*c)->consent == domain::ConsentScope::kPoolAndAlliance;
  if (policy.View(who, **c, shared) == access::Visibility::kHidden) return std::optional<domain::Craftsman>();
  return c;
}

bool MatchesText(std::string_view q, std::initializer_list<std::string_view> fields) {
  if (q.empty()) return true;
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  };
  const std::string needle = lower(q);
  for (std::string_view field : fields) {
    if (lower(field).find(needle) != std::string::npos) return true;
  }
  return false;
}

Status Audit(storage::Store& store, const access::Principal& who, std::string_view action, std::string_view target,
             const RequestOrigin& origin, const nlohmann::json& detail) {
  return store.AppendAudit({.user_id = who.user_id,
                            .action = std::string(action),
                            .target = std::string(target),
                            .ip = origin.ip,
                            .detail = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
}

}  // namespace craftlink::services::programme

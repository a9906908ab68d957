#pragma once

// Internal to the programme services (agreements, events, mentorships,
// studios): what each of them does the same way — ids, the caller's home
// organisation, the optimistic version of a document, writes that retry when
// another request wrote first, paged lists filtered by visibility, audit.

#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/service_support.h"
#include "access/policy.h"
#include "core/clock.h"
#include "services/engagement_step.h"  // the shared field readers (RequiredText, IntegerIn, DateField, …)
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services::programme {

// How often a write that lost a race to another request is re-read and
// re-applied before the caller is asked to try again.
inline constexpr int kMaxRaceRetries = 24;

// A fresh document id, e.g. "AG-5f3a9c01d2e4": random rather than counted,
// so ids cannot be guessed and concurrent creates do not collide.
std::string NewDocumentId(std::string_view prefix);

// The organisation a caller belongs to: staff their own, an enterprise user
// the enterprise's, a craftsman their record's; "" for admins and callers
// whose record is gone.
Result<std::string> HomeOrganisation(storage::Store& store, const access::Principal& who);

using services::LoadDirectory;  // services/service_support.h

// The `version` the caller read, which must equal the stored one. Invalid
// when missing, Conflict when stale.
Status CheckVersion(const nlohmann::json& body, const storage::DocumentRow& row, std::string_view what);

// The Conflict a write gets when another request changed the document
// between our read and our commit; `IsRaced` recognises it so the caller can
// re-read and try again.
Status Raced();
bool IsRaced(const Status& status);

// Commits `write` with `row` as its document: version 1 and created_at for a
// new row (`read_version` < 0), otherwise read_version + 1. A lost race comes
// back as Raced().
Status CommitDocument(storage::Store& store, storage::DocumentRow row, int64_t read_version, std::string_view now_iso,
                      storage::TrackingWrite write = {});

// A rule that spans several documents (a master's apprentice places, the
// terms of one enterprise–party pair's agreements) is protected by no single
// document's version. Its guard is a small document of its own: read it
// before checking the rule and commit the returned write with the change, so
// that of two writers who checked the same state only one commits; the other
// gets Raced() and checks again.
Result<storage::DocumentWrite> ReadGuard(storage::Store& store, std::string_view rule, std::string_view org_id,
                                         std::string_view now_iso);

// Runs `attempt` again while it answers Raced(), with a short growing pause;
// after kMaxRaceRetries the caller gets a Conflict asking to retry.
Result<nlohmann::json> RetryRaces(const std::function<Result<nlohmann::json>()>& attempt);

// One page of documents the caller may see: reads `filter` in chunks from
// its position, keeps the rows `view` answers for (nullopt = hidden), and
// stops at `limit`. Answers {"items": [...], "next_after": …|null}: the last
// item's id, or for a filter ordered by ref_b the opaque cursor of
// list_cursor.h carrying `sort` (the list's sort parameter as given).
using RowView = std::function<Result<std::optional<nlohmann::json>>(const storage::DocumentRow&)>;
Result<nlohmann::json> ListPage(storage::Store& store, storage::DocumentFilter filter, size_t limit,
                                const RowView& view, std::string_view sort = "");

// A list of distinct non-empty ids at `field` (absent = empty).
Result<std::vector<std::string>> IdList(const nlohmann::json& body, const char* field, const char* chinese,
                                        size_t max_items);

// Is craftsman `id` there and visible to `who` (alliance sharing included)?
Result<std::optional<domain::Craftsman>> VisibleCraftsman(storage::Store& store, const access::Policy& policy,
                                                          const access::Principal& who, const std::string& id);

// q= on programme lists, as on record lists (storage's search_text): `q`
// is a substring of one of `fields`, ASCII letters in either case. An
// empty `q` matches everything.
bool MatchesText(std::string_view q, std::initializer_list<std::string_view> fields);

Status Audit(storage::Store& store, const access::Principal& who, std::string_view action, std::string_view target,
             const RequestOrigin& origin, const nlohmann::json& detail);

inline bool Contains(const std::vector<std::string>& list, std::string_view id) {
  for (const auto& x : list) {
    if (x == id) return true;
  }
  return false;
}

}  // namespace craftlink::services::programme

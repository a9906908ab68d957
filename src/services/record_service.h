#pragma once

// Reading and changing craftsmen, enterprises, needs and results on behalf
// of a signed-in caller: the access policy decides, personal data is masked
// where it must be, writes are validated and audited, and updates carry an
// optimistic `version` (a digest of the stored record) so that two editors
// cannot overwrite each other silently.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "interchange/validation.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services {

struct ListQuery {
  std::string q;
  std::string after;
  size_t limit = 20;
  std::string org_id;  // narrow to one organisation (within the caller's scope)
  // Column filters (storage::ScanOptions), already checked by the caller.
  std::vector<std::pair<std::string, std::string>> equals;
  std::vector<std::pair<std::string, std::string>> prefixes;
  // Sort by this queried text column of the kind's table, ties by id ("" =
  // id order), already checked by the caller. Sorted lists page with an
  // opaque cursor in `after` (list_cursor.h) instead of a plain id.
  std::string sort_column;
  bool descending = false;
};

class RecordService {
 public:
  RecordService(storage::Store& store, const interchange::RecordValidator& validator)
      : store_(store), validator_(validator) {}

  // {"items": [...], "next_after": id|cursor|null}
  Result<nlohmann::json> List(const access::Principal& who, domain::RecordKind kind, const ListQuery& query,
                              const RequestOrigin& origin);
  // NotFound also when the record exists but the caller may not see it.
  Result<nlohmann::json> Get(const access::Principal& who, domain::RecordKind kind, std::string_view id,
                             const RequestOrigin& origin);
  Result<nlohmann::json> Create(const access::Principal& who, domain::RecordKind kind, const nlohmann::json& body,
                                const RequestOrigin& origin);
  // `body` is the whole record with the `version` the caller read.
  Result<nlohmann::json> Update(const access::Principal& who, domain::RecordKind kind, std::string_view id,
                                const nlohmann::json& body, const RequestOrigin& origin);
  Result<nlohmann::json> SetArchived(const access::Principal& who, domain::RecordKind kind, std::string_view id,
                                     bool archived, const RequestOrigin& origin);

  // The organisations as the policy sees them right now.
  Result<access::OrgDirectory> Directory();
  // The reference-table checks writes go through (the web import uses the same).
  const interchange::RecordValidator& validator() const { return validator_; }

 private:
  template <typename Record>
  struct Ops;

  template <typename Record>
  Result<nlohmann::json> ListOf(const access::Principal& who, const ListQuery& query, const RequestOrigin& origin);
  template <typename Record>
  Result<nlohmann::json> GetOf(const access::Principal& who, std::string_view id, const RequestOrigin& origin);
  template <typename Record>
  Result<nlohmann::json> WriteOf(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                 const RequestOrigin& origin);
  template <typename Record>
  Result<nlohmann::json> ArchiveOf(const access::Principal& who, std::string_view id, bool archived,
                                   const RequestOrigin& origin);

  Status Audit(const access::Principal& who, std::string_view action, std::string_view target,
               const RequestOrigin& origin, const nlohmann::json& detail);

  storage::Store& store_;
  const interchange::RecordValidator& validator_;
};

// The optimistic-concurrency token of a stored record, from its body text
// (domain::ToJsonText).
std::string RecordVersion(std::string_view stored_body);

}  // namespace craftlink::services

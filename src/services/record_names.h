#pragma once

// Names for views that list records by id — a studio's members, the needs
// and craftsmen of a dispatch plan — read in batches of
// storage::kMaxScanIds instead of one query per id, and shown only where
// the caller could open the record itself: one the caller may not see keeps
// its id and has no name, as its own page would answer 404. A craftsman seen
// masked (an alliance partner's) keeps the name: masking hides phone numbers
// and contact names, never a craftsman's name (record_service.cpp).

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "access/policy.h"
#include "storage/store.h"

namespace craftlink::services {

// `ids` without repeats, in chunks of at most storage::kMaxScanIds, the most
// one scan by ids takes.
std::vector<std::vector<std::string>> ScanIdChunks(const std::vector<std::string>& ids);

class RecordNames {
 public:
  // Reads the named craftsmen and needs, archived ones included: a plan or
  // a studio made before a record was archived still names it.
  static Result<RecordNames> Read(storage::Store& store, const access::Policy& policy, const access::Principal& who,
                                  const std::vector<std::string>& craftsman_ids,
                                  const std::vector<std::string>& need_ids,
                                  const std::vector<std::string>& result_ids = {});

  // {"id": id, "name": name}, or {"id": id} when hidden or gone.
  nlohmann::json Craftsman(const std::string& id) const;
  // The name alone; nullptr when hidden or gone.
  const std::string* CraftsmanName(const std::string& id) const;
  // {"id": id, "title": title}, or {"id": id} when hidden or gone.
  nlohmann::json InnovationResult(const std::string& id) const;
  // The need's title; nullptr when hidden or gone.
  const std::string* NeedTitle(const std::string& id) const;
  // The need's enterprise: {id, name}, the name empty when the caller may
  // not see the enterprise; nullptr when the need is hidden or gone.
  const std::pair<std::string, std::string>* NeedEnterprise(const std::string& id) const;

 private:
  std::map<std::string, std::string> craftsmen_;
  std::map<std::string, std::string> needs_;
  std::map<std::string, std::string> results_;
  std::map<std::string, std::pair<std::string, std::string>> need_enterprises_;
};

}  // namespace craftlink::services

#pragma once

// Matching for a signed-in caller: who may ask for which need's candidates,
// and which craftsmen may appear in them (the pool of the organisation that
// owns the need: its subtree plus consenting alliance partners).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "matching/matching.h"
#include "storage/store.h"

namespace craftlink::services {

class MatchService {
 public:
  MatchService(storage::Store& store, const matching::MatchEngine& engine) : store_(store), engine_(engine) {}

  // NotFound when the caller may not see the need.
  Result<nlohmann::json> MatchesForNeed(const access::Principal& who, std::string_view need_id, size_t top_k,
                                        bool include_full_capacity);
  // Open needs an innovation result could serve, limited to needs the caller may see.
  Result<nlohmann::json> NeedsForResult(const access::Principal& who, std::string_view result_id, size_t top_k);
  // Groups of open needs that ask for the same thing, within the caller's scope.
  Result<nlohmann::json> DuplicateNeeds(const access::Principal& who);
  // The engine's candidates for `need`, best first, limited to available
  // craftsmen in the pool of the need's organisation (what dispatch may
  // choose from).
  Result<std::vector<matching::CraftsmanMatch>> MatchesInPool(const domain::Need& need, size_t top_k,
                                                              bool include_full_capacity = false);
  // Their ids only.
  Result<std::vector<std::string>> RankedInPool(const domain::Need& need, size_t top_k,
                                                bool include_full_capacity = false);

 private:
  storage::Store& store_;
  const matching::MatchEngine& engine_;
};

}  // namespace craftlink::services

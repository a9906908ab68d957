#pragma once

// What the matching engine learns from how engagements ended: each
// craftsman's track record (resolved, not resolved, ratings) and, for every
// engagement the enterprise confirmed resolved, the need's text as evidence
// of each squad member's expertise (MatchEngine::AddEvidence).
//
// It follows the engagement history (append-only, committed in seq order)
// from where it last stopped, so every line is counted exactly once however
// often Refresh runs, and a server that starts afresh, or another instance on
// the same database, replays the same lines to the same state. The server's
// sweeper calls Refresh after each sweep, beside the capacity refresh.
//
// What counts, as in the KPIs (tracking/engagement_facts.cpp):
// - resolved: the enterprise's rating confirmed the fix. A fix reported but
//   not yet confirmed does not count (closing it unconfirmed re-opens the
//   need), and a disputed one counts as not resolved.
// - not resolved: reported not resolved, or disputed.
// - ratings: every rating, on resolved engagements or not.
// A confirmation is final: a later relapse at a follow-up or the need being
// opened again does not withdraw it (the craftsman still did work the
// enterprise confirmed; the follow-up KPIs track whether fixes hold).

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "matching/matching.h"
#include "storage/store.h"

namespace craftlink::services {

class EngagementOutcomes final : public matching::TrackRecordProvider {
 public:
  // Reads the history lines committed since the last call (all of them the
  // first time), updates the track records and gives `engine` the text of
  // each need newly confirmed resolved. On error nothing of the failed batch
  // is counted and the next call reads it again. One caller at a time.
  Status Refresh(storage::Store& store, matching::MatchEngine& engine);

  // Thread-safe; a craftsman without history gets {} (neutral).
  matching::TrackRecord Get(std::string_view craftsman_id) const override;

  // The last history line counted (0 before the first Refresh).
  int64_t applied_seq() const;

 private:
  struct Tally {
    int resolved = 0;
    int not_resolved = 0;
    int rated = 0;
    int64_t rating_sum = 0;
  };
  using Tallies = std::unordered_map<std::string, Tally>;

  // Counts one page of lines into `tallies`; confirmed engagements' ids go to `confirmed`.
  static Status Count(storage::Store& store, const std::vector<storage::EngagementEventRow>& lines, Tallies& tallies,
                      std::vector<std::pair<std::string, std::vector<std::string>>>& confirmed);
  static Result<std::vector<matching::Evidence>> EvidenceOf(
      storage::Store& store, const std::vector<std::pair<std::string, std::vector<std::string>>>& confirmed);

  std::mutex refresh_mu_;  // one Refresh at a time
  mutable std::mutex mu_;  // guards what follows
  int64_t applied_seq_ = 0;
  Tallies tallies_;
};

// The text of a need as evidence: its title and description, as the
// enterprise wrote them (the engine normalises evidence as it does needs).
std::string EvidenceText(const domain::Need& need);

}  // namespace craftlink::services

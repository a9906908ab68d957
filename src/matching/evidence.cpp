// What the engine learns from past engagements: the text of needs a
// craftsman resolved, indexed as their evidence field (the document-centric
// model of expert finding), and the track-record feature of the score.
#include <algorithm>
#include <map>
#include <mutex>

#include "matching/engine_state.h"

namespace craftlink::matching {

using internal::CraftsmanEntry;

double TrackRecordValue(const TrackRecord& record, double prior) {
  prior = std::max(prior, 0.0);
  const double outcomes = record.resolved + record.not_resolved;
  const double balance = outcomes > 0 ? (record.resolved - record.not_resolved) / (outcomes + prior) : 0.0;
  // The mean of `rated` ratings and `prior` neutral 3s, as a distance from 3
  // in [-1, 1]: (rated · (mean − 3) / (rated + prior)) / 2.
  const double rating =
      record.rated > 0 ? std::clamp((record.mean_rating - 3.0) / 2.0, -1.0, 1.0) * record.rated / (record.rated + prior)
                       : 0.0;
  return 0.5 * balance + 0.5 * rating;
}

Result<CraftsmanEntry*> MatchEngine::State::EvidenceEntry(const std::string& craftsman_id) {
  auto it = craftsman_by_id.find(craftsman_id);
  if (it != craftsman_by_id.end()) return &craftsmen[it->second];
  // Not indexed: unavailable or archived since before the build. The
  // evidence waits in an entry of its own until the profile is indexed.
  bool known = false;
  if (store) {
    auto c = store->GetCraftsman(craftsman_id);
    if (!c.ok()) return c.status();
    known = c->has_value();
  } else {
    known = craftsman_records.count(craftsman_id) > 0;
  }
  if (!known) return static_cast<CraftsmanEntry*>(nullptr);
  craftsman_by_id.emplace(craftsman_id, static_cast<uint32_t>(craftsmen.size()));
  craftsmen.emplace_back();
  craftsmen.back().id = craftsman_id;
  return &craftsmen.back();
}

Status MatchEngine::AddEvidence(std::string_view craftsman_id, std::string_view text) {
  if (text.empty()) return Status::Invalid("evidence text is empty", "text");
  auto added = AddEvidence({Evidence{std::string(craftsman_id), "", std::string(text)}});
  if (!added.ok()) return added.status();
  if (*added == 0) return Status::NotFound("no craftsman " + std::string(craftsman_id));
  return Status::Ok();
}

Result<size_t> MatchEngine::AddEvidence(const std::vector<Evidence>& items) {
  State& s = *state_;
  std::lock_guard writer(s.writer_mu);
  // By craftsman (in id order, so that the index is the same whatever order
  // the items came in), each re-indexed once.
  std::map<std::string, std::vector<const Evidence*>> by_craftsman;
  for (const Evidence& ev : items) {
    if (!ev.text.empty()) by_craftsman[ev.craftsman_id].push_back(&ev);
  }
  size_t added = 0;
  for (const auto& [id, list] : by_craftsman) {
    // One craftsman at a time under the exclusive lock, so that readers are
    // held up for one re-indexing, not for the whole batch.
    std::unique_lock lock(s.mu);
    auto entry = s.EvidenceEntry(id);
    if (!entry.ok()) return entry.status();
    if (*entry == nullptr) continue;
    CraftsmanEntry& e = **entry;
    const size_t before = e.evidence.size();
    for (const Evidence* ev : list) {
      const bool seen = !ev->key.empty() &&
                        std::find(e.evidence_keys.begin(), e.evidence_keys.end(), ev->key) != e.evidence_keys.end();
      if (seen) continue;
      e.evidence.push_back(ev->text);
      e.evidence_keys.push_back(ev->key);
    }
    if (e.evidence.size() == before) continue;
    if (Status st = s.ReindexCraftsman(id); !st.ok()) {
      // Taken back, so that feeding the same items again retries them.
      CraftsmanEntry& again = s.craftsmen[s.craftsman_by_id.at(id)];
      again.evidence.resize(before);
      again.evidence_keys.resize(before);
      return st;
    }
    added += s.craftsmen[s.craftsman_by_id.at(id)].evidence.size() - before;
    s.CompactIfNeeded();
  }
  return added;
}

}  // namespace craftlink::matching

// scheduling/mentorship: 师徒结对 — pairing apprentices with masters who take
// a limited number of apprentices each, so that the result is stable: no
// apprentice and master would both rather be paired with each other than keep
// what they got. Owns validation and apprentice-proposing deferred acceptance
// (Gale–Shapley, many-to-one as in Roth's hospitals/residents). Plain data in
// and out; the scores come from the caller (e.g. the matching engine).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace craftlink::scheduling {

struct Master {
  std::string id;
  int capacity = 0;  // apprentices this master takes; 0 takes none
};

// An acceptable pair; pairs not listed are unacceptable to both sides.
// Higher is better. The apprentice ranks masters by `score`; the master ranks
// apprentices by `master_score`, or by `score` when the caller has one score
// for both sides.
struct MentorshipCandidate {
  std::string apprentice_id;
  std::string master_id;
  double score = 0;
  std::optional<double> master_score;
};

struct MentorshipRequest {
  std::vector<Master> masters;
  std::vector<std::string> apprentice_ids;
  std::vector<MentorshipCandidate> candidates;
};

// One master–apprentice pair (glossary: mentorship).
struct Mentorship {
  std::string apprentice_id;
  std::string master_id;
  double score = 0;  // the apprentice-side score of the pair
};

struct MentorshipPlan {
  std::vector<Mentorship> mentorships;                // in apprentice input order
  std::vector<std::string> unmatched_apprentice_ids;  // in input order
};

// Checks ids (non-empty, unique per side), capacities ≥ 0, candidates (known
// ids, no duplicate pair, finite scores). Messages name the offending item;
// Status::field gives its path, e.g. "candidates[4].master_id".
Status ValidateMentorshipRequest(const MentorshipRequest& request);

// Apprentice-proposing deferred acceptance. Equal scores are broken by id
// (byte order, smaller first) on both sides, which makes preferences strict
// and the result deterministic. The plan is stable under those strict
// preferences (hence also no pair both sides strictly prefer by score),
// respects capacities, and is the best stable plan for every apprentice.
// O(P log P) for P candidate pairs.
Result<MentorshipPlan> MatchMentorships(const MentorshipRequest& request);

}  // namespace craftlink::scheduling

#pragma once

// Mentorships (师徒结对): a master craftsman and an apprentice — a craftsman
// of the pool or a worker named with their employer — possibly of different
// organisations, with goals, progress notes and a closing summary; and
// suggestions that pair apprentices with masters by skills and region under
// each master's apprentice capacity (scheduling/mentorship.h: a stable
// matching).
//
// Stored as documents of kind "mentorship": org_id = the master's
// organisation, ref_a = master id, ref_b = the apprentice's craftsman id
// ("" for one from outside the pool), state active | completed.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "access/policy.h"
#include "core/clock.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services {

struct MentorshipQuery {
  std::string master_id;
  std::string apprentice_id;
  std::string state;
  std::string after;
  size_t limit = 50;
  std::string q;  // in the id, master, apprentice, apprentice's employer or goals
};

// Apprentices a master takes at once: the craftsman record's
// extra.apprentice_capacity (a number ≥ 0), 2 when it has none.
inline constexpr int kDefaultApprenticeCapacity = 2;
int ApprenticeCapacity(const domain::Craftsman& master);

// Thread-safe: holds no state of its own; the store serialises writes.
class MentorshipService {
 public:
  MentorshipService(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Staff or admins, with the master or the apprentice in their scope:
  // {master_id, apprentice: {craftsman_id} | {name, employer}, goals, start}.
  // Conflict when the master's capacity is taken or the pair is active.
  Result<nlohmann::json> Create(const access::Principal& who, const nlohmann::json& body, const RequestOrigin& origin);
  // The master, the apprentice (a pool craftsman) and staff in scope of
  // either one's organisation; NotFound for anyone else.
  Result<nlohmann::json> Get(const access::Principal& who, std::string_view id);
  Result<nlohmann::json> List(const access::Principal& who, const MentorshipQuery& query);
  // {text}: appended with its author and time by the master, the
  // apprentice or staff in scope, while the mentorship is active.
  Result<nlohmann::json> AddNote(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                 const RequestOrigin& origin);
  // {goals, version}: staff in scope of either side's organisation revise
  // the goals of an active mentorship. Conflict when the version is stale.
  Result<nlohmann::json> Update(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                const RequestOrigin& origin);
  // {summary, version}: by the master or staff in scope.
  Result<nlohmann::json> Complete(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                  const RequestOrigin& origin);
  // Staff or admins: {apprentice_ids | apprentices: [{id, name, skills,
  // region}], master_ids?} → {mentorships: [{apprentice_id, master_id,
  // score, reasons}], unmatched: [...]}. Without master_ids, every craftsman
  // the caller can see is a candidate master. Reads only; writes nothing.
  Result<nlohmann::json> Suggest(const access::Principal& who, const nlohmann::json& body);

  struct Loaded;

 private:
  Result<nlohmann::json> CreateOnce(const access::Principal& who, const nlohmann::json& body,
                                    const RequestOrigin& origin);
  Result<Loaded> Load(const access::Principal& who, std::string_view id);
  // Active mentorships per master id.
  Result<std::map<std::string, int>> ActiveByMaster();

  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace craftlink::services

// Mentorship suggestions: which master for which apprentice. Each pair's
// score comes from shared skills and how near their regions are (GB/T 2260
// codes: same district > city > province > elsewhere); each master takes at
// most their remaining apprentice capacity; scheduling::MatchMentorships
// turns the scores into a stable plan.
#include <cmath>
#include <map>
#include <set>

#include "scheduling/mentorship.h"
#include "services/mentorship_service.h"
#include "services/programme_common.h"

namespace craftlink::services {
namespace {

constexpr size_t kMaxApprentices = 200;
constexpr size_t kMaxMasterIds = 500;
constexpr double kSkillWeight = 0.7;
constexpr double kRegionWeight = 0.3;

struct Person {
  std::string id;
  std::string name;
  std::vector<std::string> skills;
  std::string region;
};

struct Candidate {
  Person person;
  int capacity = 0;
  int active = 0;
  int left() const { return std::max(capacity - active, 0); }
};

// 3 same district, 2 same city, 1 same province, 0 elsewhere or unknown.
// A code ending in 00 names a whole city (or province), never a district.
int RegionNearness(const std::string& a, const std::string& b) {
  if (a.size() != 6 || b.size() != 6 || a.compare(0, 2, b, 0, 2) != 0) return 0;
  if (a.compare(0, 4, b, 0, 4) != 0 || a.compare(2, 2, "00") == 0) return 1;
  return a == b && a.compare(4, 2, "00") != 0 ? 3 : 2;
}

constexpr const char* kNearness[] = {"不同省份", "同省份", "同城市", "同区县"};
constexpr double kNearnessScore[] = {0.0, 0.3, 0.6, 1.0};

// The same skill, or one named inside the other (焊接 / 钨极氩弧焊接).
bool SameSkill(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const auto& [shorter, longer] = a.size() < b.size() ? std::tie(a, b) : std::tie(b, a);
  return shorter.size() >= 6 && longer.find(shorter) != std::string::npos;  // ≥ 2 Chinese characters
}

struct PairScore {
  double score = 0;
  std::vector<std::string> shared;
  int nearness = 0;
};

// nullopt when the pair is not worth suggesting: the apprentice lists
// skills and the master has none of them.
std::optional<PairScore> Score(const Person& apprentice, const Person& master) {
  PairScore s;
  for (const auto& want : apprentice.skills) {
    for (const auto& have : master.skills) {
      if (SameSkill(want, have)) {
        s.shared.push_back(want);
        break;
      }
    }
  }
  if (!apprentice.skills.empty() && s.shared.empty()) return std::nullopt;
  s.nearness = RegionNearness(apprentice.region, master.region);
  const double overlap = apprentice.skills.empty()
                             ? 0.0
                             : static_cast<double>(s.shared.size()) / static_cast<double>(apprentice.skills.size());
  s.score = std::round((kSkillWeight * overlap + kRegionWeight * kNearnessScore[s.nearness]) * 1000) / 1000;
  return s;
}

std::vector<std::string> Reasons(const PairScore& s, const Person& apprentice, const Candidate& master) {
  std::vector<std::string> out;
  if (!s.shared.empty()) {
    std::string list;
    for (const auto& skill : s.shared) list += (list.empty() ? "" : "、") + skill;
    out.push_back("共同技能：" + list + "（" + std::to_string(s.shared.size()) + "/" +
                  std::to_string(apprentice.skills.size()) + "）");
  }
  const bool unknown = apprentice.region.size() != 6 || master.person.region.size() != 6;
  out.push_back(unknown ? "地区不详" : std::string("地区：") + kNearness[s.nearness]);
  out.push_back("师傅可带徒 " + std::to_string(master.capacity) + " 名，在带 " + std::to_string(master.active) + " 名");
  return out;
}

Person FromCraftsman(const domain::Craftsman& c) { return {c.id, c.name, c.skills, c.region}; }

}  // namespace

namespace {

// The pool as the caller sees it.
struct Pool {
  storage::Store& store;
  const access::Policy& policy;
  const access::Principal& who;

  Result<std::optional<domain::Craftsman>> Find(const std::string& id) const {
    return programme::VisibleCraftsman(store, policy, who, id);
  }
};

// apprentice_ids (craftsmen the caller can see) and apprentices (given inline).
Result<std::vector<Person>> ReadApprentices(const Pool& pool, const nlohmann::json& body) {
  std::vector<Person> out;
  auto ids = programme::IdList(body, "apprentice_ids", "徒弟", kMaxApprentices);
  if (!ids.ok()) return ids.status();
  for (const auto& id : *ids) {
    auto c = pool.Find(id);
    if (!c.ok()) return c.status();
    if (!c->has_value()) return Status::Invalid("没有找到工匠 " + id, "apprentice_ids");
    out.push_back(FromCraftsman(**c));
  }
  if (auto it = body.find("apprentices"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Status::Invalid("apprentices 应为数组", "apprentices");
    for (size_t i = 0; i < it->size(); ++i) {
      const auto& a = (*it)[i];
      const std::string field = "apprentices[" + std::to_string(i) + "]";
      if (!a.is_object() || OptionalText(a, "id").empty()) return Status::Invalid("每位徒弟须有编号 id", field + ".id");
      Person p{OptionalText(a, "id"), OptionalText(a, "name"), {}, OptionalText(a, "region")};
      auto skills = programme::IdList(a, "skills", "技能", 50);
      if (!skills.ok()) return Status::Invalid(skills.status().message(), field + ".skills");
      p.skills = std::move(*skills);
      out.push_back(std::move(p));
    }
  }
  if (out.empty()) return Status::Invalid("请给出 apprentice_ids 或 apprentices", "apprentice_ids");
  if (out.size() > kMaxApprentices) {
    return Status::Invalid("一次最多 " + std::to_string(kMaxApprentices) + " 位徒弟", "apprentices");
  }
  std::set<std::string> seen;
  for (const auto& a : out) {
    if (!seen.insert(a.id).second) return Status::Invalid("徒弟编号 " + a.id + " 重复", "apprentices");
  }
  return out;
}

// The masters named in master_ids, or else every craftsman the caller can
// see who has a place free; each with capacity and active mentorships.
Result<std::map<std::string, Candidate>> ReadMasters(const Pool& pool, const nlohmann::json& body,
                                                     const std::map<std::string, int>& active) {
  std::map<std::string, Candidate> out;
  auto consider = [&](const domain::Craftsman& c) {
    const auto it = active.find(c.id);
    out.emplace(c.id, Candidate{FromCraftsman(c), ApprenticeCapacity(c), it == active.end() ? 0 : it->second});
  };
  auto ids = programme::IdList(body, "master_ids", "师傅", kMaxMasterIds);
  if (!ids.ok()) return ids.status();
  for (const auto& id : *ids) {
    auto c = pool.Find(id);
    if (!c.ok()) return c.status();
    if (!c->has_value()) return Status::Invalid("没有找到工匠 " + id, "master_ids");
    consider(**c);
  }
  if (!ids->empty()) return out;
  CRAFTLINK_RETURN_IF_ERROR(pool.store.ScanCraftsmen({}, [&](const domain::Craftsman& c) {
    const bool shared = c.consent == domain::ConsentScope::kPoolAndAlliance;
    const auto it = active.find(c.id);
    const int taken = it == active.end() ? 0 : it->second;
    if (pool.policy.View(pool.who, c, shared) != access::Visibility::kHidden && ApprenticeCapacity(c) > taken) {
      consider(c);
    }
    return true;
  }));
  return out;
}

using ScoreTable = std::map<std::pair<std::string, std::string>, PairScore>;  // (apprentice, master)

nlohmann::json Answer(const scheduling::MentorshipPlan& plan, const std::vector<Person>& apprentices,
                      const std::map<std::string, Candidate>& masters, const ScoreTable& scores) {
  std::map<std::string, const Person*> by_id;
  for (const auto& a : apprentices) by_id[a.id] = &a;
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& m : plan.mentorships) {
    const Candidate& master = masters.at(m.master_id);
    const Person& apprentice = *by_id.at(m.apprentice_id);
    pairs.push_back({{"apprentice_id", m.apprentice_id},
                     {"apprentice_name", apprentice.name},
                     {"master_id", m.master_id},
                     {"master_name", master.person.name},
                     {"score", m.score},
                     {"reasons", Reasons(scores.at({m.apprentice_id, m.master_id}), apprentice, master)}});
  }
  nlohmann::json unmatched = nlohmann::json::array();
  for (const auto& id : plan.unmatched_apprentice_ids) {
    unmatched.push_back({{"apprentice_id", id},
                         {"apprentice_name", by_id.at(id)->name},
                         {"reason", "没有技能相符且尚有带徒名额的师傅，或相符的师傅名额已给了更合适的徒弟"}});
  }
  return nlohmann::json{
      {"mentorships", std::move(pairs)}, {"unmatched", std::move(unmatched)}, {"masters_considered", masters.size()}};
}

}  // namespace

Result<nlohmann::json> MentorshipService::Suggest(const access::Principal& who, const nlohmann::json& body) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  const access::Policy policy(*dir);
  if (!policy.CanDispatch(who)) return Status::PermissionDenied("只有工会工作人员可以生成师徒结对建议");
  const Pool pool{store_, policy, who};
  auto apprentices = ReadApprentices(pool, body);
  if (!apprentices.ok()) return apprentices.status();
  auto active = ActiveByMaster();
  if (!active.ok()) return active.status();
  auto masters = ReadMasters(pool, body, *active);
  if (!masters.ok()) return masters.status();

  // Only pairs worth suggesting become candidates; a master with no place
  // left takes part with capacity 0.
  scheduling::MentorshipRequest request;
  ScoreTable scores;
  for (const auto& [id, m] : *masters) request.masters.push_back({id, m.left()});
  for (const auto& a : *apprentices) {
    request.apprentice_ids.push_back(a.id);
    for (const auto& [id, m] : *masters) {
      if (id == a.id || m.left() == 0) continue;
      auto s = Score(a, m.person);
      if (!s) continue;
      request.candidates.push_back({a.id, id, s->score, std::nullopt});
      scores.emplace(std::make_pair(a.id, id), std::move(*s));
    }
  }
  auto plan = scheduling::MatchMentorships(request);
  if (!plan.ok()) return plan.status();
  return Answer(*plan, *apprentices, *masters, scores);
}

}  // namespace craftlink::services

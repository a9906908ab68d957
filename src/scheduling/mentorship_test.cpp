#include "scheduling/mentorship.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>

namespace craftlink::scheduling {
namespace {

// An independent reading of the request's preferences, from the contract in
// mentorship.h: higher score first, then smaller id. Matchings are maps
// apprentice id → master id (absent: unmatched).
class Preferences {
 public:
  explicit Preferences(const MentorshipRequest& r) : r_(r) {
    for (const auto& m : r.masters) capacity_[m.id] = m.capacity;
    for (const auto& c : r.candidates) pair_[{c.apprentice_id, c.master_id}] = &c;
  }

  bool Acceptable(const std::string& a, const std::string& m) const { return pair_.count({a, m}) > 0; }

  // Does apprentice `a` prefer master `x` to `y` (nullopt: being unmatched)?
  bool ApprenticePrefers(const std::string& a, const std::string& x, const std::optional<std::string>& y) const {
    if (!y) return true;
    const double sx = pair_.at({a, x})->score;
    const double sy = pair_.at({a, *y})->score;
    return sx != sy ? sx > sy : x < *y;
  }

  bool MasterPrefers(const std::string& m, const std::string& x, const std::string& y) const {
    const auto score = [&](const std::string& a) {
      const auto* c = pair_.at({a, m});
      return c->master_score ? *c->master_score : c->score;
    };
    return score(x) != score(y) ? score(x) > score(y) : x < y;
  }

  // Every violated rule in words; empty when `match` is a stable matching.
  std::vector<std::string> Check(const std::map<std::string, std::string>& match) const {
    std::vector<std::string> problems;
    std::map<std::string, std::vector<std::string>> held;
    for (const auto& [a, m] : match) {
      if (!Acceptable(a, m)) problems.push_back("unacceptable pair " + a + "–" + m);
      held[m].push_back(a);
    }
    for (const auto& [m, list] : held) {
      if (static_cast<int>(list.size()) > capacity_.at(m)) problems.push_back("over capacity: " + m);
    }
    for (const auto& c : r_.candidates) {
      const auto it = match.find(c.apprentice_id);
      const std::optional<std::string> current = it == match.end() ? std::nullopt : std::optional(it->second);
      if (current == c.master_id || !ApprenticePrefers(c.apprentice_id, c.master_id, current)) continue;
      const auto& list = held[c.master_id];
      bool master_wants = static_cast<int>(list.size()) < capacity_.at(c.master_id);
      for (const auto& other : list) master_wants = master_wants || MasterPrefers(c.master_id, c.apprentice_id, other);
      if (master_wants) problems.push_back("blocking pair " + c.apprentice_id + "–" + c.master_id);
    }
    return problems;
  }

 private:
  const MentorshipRequest& r_;
  std::map<std::string, int> capacity_;
  std::map<std::pair<std::string, std::string>, const MentorshipCandidate*> pair_;
};

std::map<std::string, std::string> AsMap(const MentorshipRequest& r, const MentorshipPlan& plan) {
  std::map<std::string, std::string> match;
  std::set<std::string> listed;
  for (const auto& p : plan.mentorships) {
    EXPECT_TRUE(match.emplace(p.apprentice_id, p.master_id).second) << "apprentice twice: " << p.apprentice_id;
    listed.insert(p.apprentice_id);
  }
  std::vector<std::string> expected_unmatched;
  for (const auto& a : r.apprentice_ids) {
    if (!listed.count(a)) expected_unmatched.push_back(a);
  }
  EXPECT_EQ(plan.unmatched_apprentice_ids, expected_unmatched);
  return match;
}

// Every matching (stable or not) within capacities, by brute force.
void ForEachMatching(const MentorshipRequest& r, const Preferences& prefs,
                     const std::function<void(const std::map<std::string, std::string>&)>& visit) {
  std::map<std::string, std::string> match;
  std::map<std::string, int> load;
  std::function<void(size_t)> step = [&](size_t i) {
    if (i == r.apprentice_ids.size()) return visit(match);
    const std::string& a = r.apprentice_ids[i];
    step(i + 1);
    for (const auto& m : r.masters) {
      if (!prefs.Acceptable(a, m.id) || load[m.id] == m.capacity) continue;
      match[a] = m.id;
      ++load[m.id];
      step(i + 1);
      --load[m.id];
      match.erase(a);
    }
  };
  step(0);
}

// Up to 5 apprentices and 3 masters with capacities 0–2; scores 0–3 so that
// ties are common; half the pairs have a separate master-side score.
MentorshipRequest RandomRequest(std::mt19937& rng) {
  std::uniform_int_distribution<int> apprentices(1, 5);
  std::uniform_int_distribution<int> masters(1, 3);
  std::uniform_int_distribution<int> capacity(0, 2);
  std::uniform_int_distribution<int> score(0, 3);
  std::bernoulli_distribution acceptable(0.7);
  std::bernoulli_distribution own_score(0.5);
  MentorshipRequest r;
  for (int i = masters(rng); i > 0; --i) r.masters.push_back({"M" + std::to_string(i), capacity(rng)});
  for (int i = apprentices(rng); i > 0; --i) r.apprentice_ids.push_back("A" + std::to_string(i));
  for (const auto& a : r.apprentice_ids) {
    for (const auto& m : r.masters) {
      if (!acceptable(rng)) continue;
      MentorshipCandidate c{a, m.id, static_cast<double>(score(rng)), std::nullopt};
      if (own_score(rng)) c.master_score = score(rng);
      r.candidates.push_back(c);
    }
  }
  return r;
}

MentorshipPlan MustMatch(const MentorshipRequest& r) {
  auto result = MatchMentorships(r);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : MentorshipPlan{};
}

TEST(Mentorship, StableAndApprenticeOptimalOnRandomInstances) {
  std::mt19937 rng(42);
  for (int round = 0; round < 1000; ++round) {
    const MentorshipRequest r = RandomRequest(rng);
    const Preferences prefs(r);
    const auto ours = AsMap(r, MustMatch(r));
    const auto problems = prefs.Check(ours);
    ASSERT_TRUE(problems.empty()) << "round " << round << ": " << problems.front();
    // No apprentice does better in any other stable matching.
    ForEachMatching(r, prefs, [&](const std::map<std::string, std::string>& other) {
      if (!prefs.Check(other).empty()) return;
      for (const auto& [a, m] : other) {
        const auto it = ours.find(a);
        const std::optional<std::string> mine = it == ours.end() ? std::nullopt : std::optional(it->second);
        EXPECT_FALSE(mine != m && prefs.ApprenticePrefers(a, m, mine)) << "round " << round << ": " << a;
      }
    });
  }
}

TEST(Mentorship, MasterWithCapacityZeroTakesNobody) {
  MentorshipRequest r{{{"M1", 0}, {"M2", 1}}, {"A1", "A2"}, {{"A1", "M1", 9}, {"A2", "M1", 9}, {"A2", "M2", 1}}};
  const MentorshipPlan plan = MustMatch(r);
  ASSERT_EQ(plan.mentorships.size(), 1u);
  EXPECT_EQ(plan.mentorships[0].apprentice_id, "A2");
  EXPECT_EQ(plan.mentorships[0].master_id, "M2");
  EXPECT_EQ(plan.unmatched_apprentice_ids, std::vector<std::string>{"A1"});
}

TEST(Mentorship, TiesGoToTheSmallerId) {
  // A1 likes M1 and M2 equally: M1. M1 (capacity 1) likes A2 and A1 equally
  // by master_score: A1; A2 falls back to M2.
  MentorshipRequest r{
      {{"M2", 1}, {"M1", 1}},
      {"A2", "A1"},
      {{"A1", "M2", 5, std::nullopt}, {"A1", "M1", 5, 3.0}, {"A2", "M1", 7, 3.0}, {"A2", "M2", 1, std::nullopt}}};
  const MentorshipPlan plan = MustMatch(r);
  ASSERT_EQ(plan.mentorships.size(), 2u);
  EXPECT_EQ(plan.mentorships[0].apprentice_id, "A2");  // apprentice input order
  EXPECT_EQ(plan.mentorships[0].master_id, "M2");
  EXPECT_EQ(plan.mentorships[1].master_id, "M1");
}

TEST(Mentorship, MasterScoreDecidesBetweenRivals) {
  // Both apprentices want M1 most; M1 prefers A2 by its own score although
  // A1 gave the higher apprentice-side score.
  MentorshipRequest r{{{"M1", 1}, {"M2", 1}},
                      {"A1", "A2"},
                      {{"A1", "M1", 9, 1.0}, {"A2", "M1", 8, 2.0}, {"A1", "M2", 5, std::nullopt}}};
  const MentorshipPlan plan = MustMatch(r);
  ASSERT_EQ(plan.mentorships.size(), 2u);
  EXPECT_EQ(plan.mentorships[0].master_id, "M2");
  EXPECT_EQ(plan.mentorships[0].score, 5);
  EXPECT_EQ(plan.mentorships[1].master_id, "M1");
}

TEST(Mentorship, ApprenticeWithoutAcceptableMasterStaysUnmatched) {
  MentorshipRequest r{{{"M1", 3}}, {"A1", "A2", "A3"}, {{"A2", "M1", 1}}};
  const MentorshipPlan plan = MustMatch(r);
  ASSERT_EQ(plan.mentorships.size(), 1u);
  EXPECT_EQ(plan.unmatched_apprentice_ids, (std::vector<std::string>{"A1", "A3"}));
}

TEST(Mentorship, RejectsInvalidRequestsNamingTheItem) {
  struct Case {
    const char* what;
    void (*mutate)(MentorshipRequest&);
    const char* field;
    const char* mentions;
  };
  const Case cases[] = {
      {"duplicate master",
       [](MentorshipRequest& r) {
         r.masters.push_back({"M1", 1});
       },
       "masters[1].id", "\"M1\""},
      {"negative capacity", [](MentorshipRequest& r) { r.masters[0].capacity = -1; }, "masters[0].capacity", "-1"},
      {"duplicate apprentice", [](MentorshipRequest& r) { r.apprentice_ids.push_back("A1"); }, "apprentice_ids[1]",
       "\"A1\""},
      {"empty apprentice", [](MentorshipRequest& r) { r.apprentice_ids[0].clear(); }, "apprentice_ids[0]", "empty"},
      {"unknown apprentice",
       [](MentorshipRequest& r) {
         r.candidates.push_back({"A9", "M1", 1});
       },
       "candidates[1].apprentice_id", "\"A9\""},
      {"unknown master",
       [](MentorshipRequest& r) {
         r.candidates.push_back({"A1", "M9", 1});
       },
       "candidates[1].master_id", "\"M9\""},
      {"duplicate pair",
       [](MentorshipRequest& r) {
         r.candidates.push_back({"A1", "M1", 2});
       },
       "candidates[1]", "candidates[0]"},
      {"nan score", [](MentorshipRequest& r) { r.candidates[0].score = std::nan(""); }, "candidates[0].score",
       "finite"},
      {"infinite master score",
       [](MentorshipRequest& r) { r.candidates[0].master_score = std::numeric_limits<double>::infinity(); },
       "candidates[0].master_score", "finite"},
  };
  for (const auto& c : cases) {
    MentorshipRequest r{{{"M1", 1}}, {"A1"}, {{"A1", "M1", 1}}};
    ASSERT_TRUE(ValidateMentorshipRequest(r).ok()) << c.what;
    c.mutate(r);
    const Status status = ValidateMentorshipRequest(r);
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(status.field(), c.field) << c.what << ": " << status.ToString();
    EXPECT_NE(status.message().find(c.mentions), std::string::npos) << c.what << ": " << status.ToString();
    EXPECT_FALSE(MatchMentorships(r).ok()) << c.what;
  }
}

}  // namespace
}  // namespace craftlink::scheduling

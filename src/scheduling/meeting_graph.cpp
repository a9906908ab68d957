#include "scheduling/meeting_graph.h"

#include <string>
#include <unordered_map>

namespace craftlink::scheduling::internal {
namespace {

std::string At(const char* list, size_t index) { return std::string(list) + "[" + std::to_string(index) + "]"; }

// Where each wished pair came from, per direction, so that a duplicate wish
// can name the earlier one.
struct PairOrigin {
  int enterprise_wish = -1;  // index in request.wishes of enterprise → craftsman
  int craftsman_wish = -1;   // of craftsman → enterprise
  int enterprise_weight = 0;
  int craftsman_weight = 0;
};

class GraphBuilder {
 public:
  explicit GraphBuilder(const MeetingRequest& request) : request_(request) {}

  Result<MeetingGraph> Build() {
    CRAFTLINK_RETURN_IF_ERROR(CheckHeader());
    g_.slots = request_.slots;
    g_.enterprises = static_cast<int>(request_.enterprises.size());
    g_.craftsmen = static_cast<int>(request_.craftsmen.size());
    CRAFTLINK_RETURN_IF_ERROR(AddParticipants(request_.enterprises, "enterprises"));
    CRAFTLINK_RETURN_IF_ERROR(AddParticipants(request_.craftsmen, "craftsmen"));
    for (size_t i = 0; i < request_.wishes.size(); ++i) CRAFTLINK_RETURN_IF_ERROR(AddWish(i));
    Score();
    return std::move(g_);
  }

 private:
  Status CheckHeader() const {
    if (request_.slots < 1 || request_.slots > kMaxSlots) {
      return Status::Invalid(
          "slots must be between 1 and " + std::to_string(kMaxSlots) + ", got " + std::to_string(request_.slots),
          "slots");
    }
    if (!request_.slot_labels.empty() && static_cast<int>(request_.slot_labels.size()) != request_.slots) {
      return Status::Invalid("slot_labels has " + std::to_string(request_.slot_labels.size()) + " labels for " +
                                 std::to_string(request_.slots) + " slots; give one per slot or none",
                             "slot_labels");
    }
    const int bonus = request_.options.mutual_bonus;
    if (bonus < 0 || bonus > kMaxMutualBonus) {
      return Status::Invalid(
          "mutual_bonus must be between 0 and " + std::to_string(kMaxMutualBonus) + ", got " + std::to_string(bonus),
          "options.mutual_bonus");
    }
    return Status::Ok();
  }

  Status AddParticipants(const std::vector<Participant>& list, const char* name) {
    const std::uint64_t all = (std::uint64_t{1} << request_.slots) - 1;  // slots ≤ kMaxSlots < 64
    for (size_t i = 0; i < list.size(); ++i) {
      const Participant& p = list[i];
      const std::string where = At(name, i);
      if (p.id.empty()) return Status::Invalid(where + ".id is empty", where + ".id");
      const auto [it, inserted] = vertex_of_.emplace(p.id, static_cast<int>(g_.available.size()));
      if (!inserted) {
        return Status::Invalid(
            "duplicate participant id \"" + p.id + "\" (already used by " + Describe(it->second) + ")", where + ".id");
      }
      std::uint64_t available = all;
      for (size_t k = 0; k < p.unavailable_slots.size(); ++k) {
        const int s = p.unavailable_slots[k];
        if (s < 0 || s >= request_.slots) {
          return Status::Invalid("unavailable slot " + std::to_string(s) + " of \"" + p.id + "\" is outside 0…" +
                                     std::to_string(request_.slots - 1),
                                 where + ".unavailable_slots[" + std::to_string(k) + "]");
        }
        available &= ~(std::uint64_t{1} << s);
      }
      if (available != all) g_.restricted = true;
      g_.available.push_back(available);
    }
    return Status::Ok();
  }

  std::string Describe(int vertex) const {
    return vertex < g_.enterprises ? At("enterprises", vertex) : At("craftsmen", vertex - g_.enterprises);
  }

  bool IsEnterprise(int vertex) const { return vertex < g_.enterprises; }

  Status AddWish(size_t index) {
    const Wish& w = request_.wishes[index];
    const std::string where = At("wishes", index);
    const std::string arrow = "\"" + w.from_id + "\"→\"" + w.to_id + "\"";
    const auto from = vertex_of_.find(w.from_id);
    if (from == vertex_of_.end()) {
      return Status::Invalid("wish " + arrow + " names unknown participant \"" + w.from_id + "\"", where + ".from_id");
    }
    const auto to = vertex_of_.find(w.to_id);
    if (to == vertex_of_.end()) {
      return Status::Invalid("wish " + arrow + " names unknown participant \"" + w.to_id + "\"", where + ".to_id");
    }
    if (IsEnterprise(from->second) == IsEnterprise(to->second)) {
      return Status::Invalid("wish " + arrow + " joins two " +
                                 (IsEnterprise(from->second) ? "enterprises" : "craftsmen") +
                                 "; a wish names someone on the other side",
                             where + ".to_id");
    }
    if (w.weight < 1 || w.weight > kMaxWishWeight) {
      return Status::Invalid("wish " + arrow + " has weight " + std::to_string(w.weight) +
                                 "; it must be between 1 and " + std::to_string(kMaxWishWeight),
                             where + ".weight");
    }
    const bool by_enterprise = IsEnterprise(from->second);
    const int e = by_enterprise ? from->second : to->second;
    const int c = by_enterprise ? to->second : from->second;
    const std::int64_t key = static_cast<std::int64_t>(e) * (g_.enterprises + g_.craftsmen) + c;
    const auto [it, inserted] = pair_of_.emplace(key, static_cast<int>(g_.pairs.size()));
    if (inserted) {
      g_.pairs.push_back(Pair{e, c, 0, false});
      origins_.emplace_back();
    }
    PairOrigin& origin = origins_[it->second];
    int& seen = by_enterprise ? origin.enterprise_wish : origin.craftsman_wish;
    if (seen >= 0) {
      return Status::Invalid("duplicate wish " + arrow + " (also " + At("wishes", seen) + ")", where);
    }
    seen = static_cast<int>(index);
    (by_enterprise ? origin.enterprise_weight : origin.craftsman_weight) = w.weight;
    return Status::Ok();
  }

  void Score() {
    for (size_t i = 0; i < g_.pairs.size(); ++i) {
      const PairOrigin& o = origins_[i];
      Pair& p = g_.pairs[i];
      p.mutual = o.enterprise_wish >= 0 && o.craftsman_wish >= 0;
      p.score = o.enterprise_weight + o.craftsman_weight + (p.mutual ? request_.options.mutual_bonus : 0);
    }
  }

  const MeetingRequest& request_;
  MeetingGraph g_;
  std::unordered_map<std::string, int> vertex_of_;
  std::unordered_map<std::int64_t, int> pair_of_;
  std::vector<PairOrigin> origins_;
};

}  // namespace

Result<MeetingGraph> BuildMeetingGraph(const MeetingRequest& request) { return GraphBuilder(request).Build(); }

}  // namespace craftlink::scheduling::internal

namespace craftlink::scheduling {

Status ValidateMeetingRequest(const MeetingRequest& request) {
  auto built = internal::BuildMeetingGraph(request);
  return built.ok() ? Status::Ok() : built.status();
}

}  // namespace craftlink::scheduling

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "dispatch/dispatch.h"

namespace craftlink::dispatch {
namespace {

nlohmann::json PlanJson(const Plan& plan) {
  nlohmann::json assignments = nlohmann::json::array();
  for (const auto& a : plan.assignments) {
    assignments.push_back(
        {{"need_id", a.need_id}, {"craftsman_ids", a.craftsman_ids}, {"lead_id", a.lead_id}, {"score", a.score}});
  }
  nlohmann::json unserved = nlohmann::json::array();
  for (const auto& u : plan.unserved) {
    unserved.push_back({{"need_id", u.need_id},
                        {"reason", ReasonCode(u.reason)},
                        {"reason_label", ReasonLabel(u.reason)},
                        {"detail", u.detail}});
  }
  return {{"assignments", std::move(assignments)},
          {"unserved", std::move(unserved)},
          {"total_score", plan.total_score},
          {"needs_served", plan.needs_served}};
}

// Terminal columns: CJK and full-width characters take two cells.
size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  for (char32_t cp : utf8::Decode(s)) width += cp >= 0x1100 ? 2 : 1;
  return width;
}

std::string Pad(const std::string& s, size_t width) {
  const size_t used = DisplayWidth(s);
  return used >= width ? s + " " : s + std::string(width - used, ' ');
}

std::string Fixed(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  return buf;
}

std::string Join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : "、") + id;
  return out;
}

}  // namespace

const char* ReasonCode(Unserved::Reason reason) {
  switch (reason) {
    case Unserved::kNoCandidate: return "no_candidate";
    case Unserved::kTooFar: return "too_far";
    case Unserved::kLowScore: return "low_score";
    case Unserved::kNoCapacity: return "no_capacity";
    case Unserved::kSkillsNotCovered: return "skills_not_covered";
  }
  return "unknown";
}

const char* ReasonLabel(Unserved::Reason reason) {
  switch (reason) {
    case Unserved::kNoCandidate: return "无候选工匠";
    case Unserved::kTooFar: return "距离过远";
    case Unserved::kLowScore: return "匹配度不足";
    case Unserved::kNoCapacity: return "名额已满";
    case Unserved::kSkillsNotCovered: return "技能未覆盖";
  }
  return "未知原因";
}

std::string ToJson(const Plan& plan) { return PlanJson(plan).dump(2); }

std::string ToJson(const Comparison& comparison) {
  return nlohmann::json{{"optimal", PlanJson(comparison.optimal)}, {"greedy", PlanJson(comparison.greedy)}}.dump(2);
}

std::string FormatTable(const Plan& plan) {
  std::string out = Pad("需求", 16) + Pad("工匠（负责人在前）", 32) + "匹配度\n";
  for (const auto& a : plan.assignments)
    out += Pad(a.need_id, 16) + Pad(Join(a.craftsman_ids), 32) + Fixed(a.score) + "\n";
  if (!plan.unserved.empty()) {
    out += "\n" + Pad("未派单需求", 16) + Pad("原因", 16) + "说明\n";
    for (const auto& u : plan.unserved) out += Pad(u.need_id, 16) + Pad(ReasonLabel(u.reason), 16) + u.detail + "\n";
  }
  out += "\n已派单 " + std::to_string(plan.needs_served) + " 项，未派单 " + std::to_string(plan.unserved.size()) +
         " 项，总匹配度 " + Fixed(plan.total_score) + "\n";
  return out;
}

std::string FormatTable(const Comparison& comparison) {
  const Plan& o = comparison.optimal;
  const Plan& g = comparison.greedy;
  std::string out = Pad("", 16) + Pad("最优（最小费用流）", 22) + "贪心基线\n";
  out += Pad("已派单", 16) + Pad(std::to_string(o.needs_served), 22) + std::to_string(g.needs_served) + "\n";
  out += Pad("未派单", 16) + Pad(std::to_string(o.unserved.size()), 22) + std::to_string(g.unserved.size()) + "\n";
  out += Pad("总匹配度", 16) + Pad(Fixed(o.total_score), 22) + Fixed(g.total_score) + "\n\n";
  return out + "最优方案：\n" + FormatTable(o);
}

}  // namespace craftlink::dispatch

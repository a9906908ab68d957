#include <iomanip>
#include <sstream>

#include "cli/cli.h"
#include "matching/matching.h"
#include "services/engagement_outcomes.h"

namespace craftlink::cli {
namespace {

struct MatchArgs {
  std::string url, format = "table";
  std::vector<std::string> needs;
  bool all = false;
  bool include_full = false;
  size_t top = 10;
};

std::string ReasonLabels(const std::vector<matching::Reason>& reasons) {
  std::string out;
  for (const auto& r : reasons) out += (out.empty() ? "" : "；") + r.label;
  return out;
}

void PrintTable(std::ostream& out, const matching::MatchList& list) {
  out << "需求 " << list.need_id << "  置信度 " << matching::ConfidenceCode(list.confidence);
  if (!list.need_skills.empty()) {
    out << "  识别为：";
    for (size_t i = 0; i < list.need_skills.size() && i < 4; ++i) out << (i ? "、" : "") << list.need_skills[i].label;
  }
  out << "\n";
  for (size_t i = 0; i < list.matches.size(); ++i) {
    const auto& m = list.matches[i];
    out << "  " << (i + 1) << ". " << m.craftsman_id << " " << m.name << "  " << std::fixed << std::setprecision(3)
        << m.score << "  " << ReasonLabels(m.reasons) << "\n";
  }
  if (list.matches.empty()) out << "  （没有合适的工匠）\n";
  for (const auto& r : list.results) {
    out << "  成果 " << r.result_id << " " << r.title << "  " << std::fixed << std::setprecision(3) << r.score << "\n";
  }
}

void RunMatch(CommandContext& ctx, const MatchArgs& a) {
  if (a.format != "table" && a.format != "json" && a.format != "jsonl") return ctx.Fail("--format 应为 table、json 或 jsonl");
  if (a.needs.empty() && !a.all) return ctx.Fail("请用 --need ID 指定需求，或用 --all 匹配全部未关闭的需求");
  auto store = OpenInitializedStore(a.url);
  if (!store.ok()) return ctx.Fail(store.status());
  auto config = matching::LoadMatchConfig();
  if (!config.ok()) return ctx.Fail(config.status());
  // Ranked as the server ranks: with track records and resolved needs' text.
  auto outcomes = std::make_shared<services::EngagementOutcomes>();
  config->track_record = outcomes;
  auto engine = matching::MatchEngine::Build(**store, *config);
  if (!engine.ok()) return ctx.Fail(engine.status());
  if (Status s = outcomes->Refresh(**store, **engine); !s.ok()) return ctx.Fail(s);

  std::vector<std::string> ids = a.needs;
  if (a.all) {
    Status s = (*store)->ScanNeeds({}, [&](domain::Need&& n) {
      if (n.status == domain::NeedStatus::kOpen) ids.push_back(n.id);
      return true;
    });
    if (!s.ok()) return ctx.Fail(s);
  }
  const matching::MatchOptions options{.top_k = a.top, .include_full_capacity = a.include_full};
  nlohmann::json all = nlohmann::json::array();
  for (const std::string& id : ids) {
    auto list = (*engine)->MatchNeedById(id, options);
    if (!list.ok()) return ctx.Fail(list.status());
    if (a.format == "table") {
      PrintTable(ctx.out, *list);
    } else if (a.format == "jsonl") {
      ctx.out << matching::ToJson(*list).dump() << "\n";
    } else {
      all.push_back(matching::ToJson(*list));
    }
  }
  if (a.format == "json") ctx.out << all.dump(2) << "\n";
}

}  // namespace

void AddMatchCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<MatchArgs>();
  auto* cmd = app.add_subcommand("match", "为需求推荐工匠和创新成果，附理由 (rank craftsmen and results for needs)");
  AddDbOption(*cmd, args->url);
  cmd->add_option("--need", args->needs, "需求编号（可多个）");
  cmd->add_flag("--all", args->all, "所有未关闭的需求");
  cmd->add_option("--top", args->top, "每个需求推荐几位工匠")->capture_default_str()->check(CLI::Range(1, 100));
  cmd->add_flag("--include-full", args->include_full, "包括本月名额已满的工匠");
  cmd->add_option("--format", args->format, "table|json|jsonl")->capture_default_str();
  cmd->callback([&ctx, args] { RunMatch(ctx, *args); });
}

}  // namespace craftlink::cli

#include <map>

#include "cli/cli.h"
#include "dispatch/dispatch.h"
#include "matching/matching.h"
#include "services/batch_dispatch.h"
#include "services/engagement_outcomes.h"

namespace craftlink::cli {
namespace {

struct DispatchArgs {
  std::string url, format = "table";
  std::vector<std::string> needs;
  bool load_balancing = false;
  size_t candidates = 20;
  double min_score = 0.0;
};

void RunDispatch(CommandContext& ctx, const DispatchArgs& a) {
  if (a.format != "table" && a.format != "json") return ctx.Fail("--format 应为 table 或 json");
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

  std::vector<domain::Need> needs;
  Status s = (*store)->ScanNeeds({}, [&](domain::Need&& n) {
    const bool wanted = a.needs.empty() ? n.status == domain::NeedStatus::kOpen
                                        : std::find(a.needs.begin(), a.needs.end(), n.id) != a.needs.end();
    if (wanted) needs.push_back(std::move(n));
    return true;
  });
  if (!s.ok()) return ctx.Fail(s);

  services::MatchService matches(**store, **engine);
  services::BatchDispatchOptions options{.load_balancing = a.load_balancing, .candidates = a.candidates,
                                         .min_score = a.min_score};
  auto comparison = services::PlanBatch(**store, matches, needs, options);
  if (!comparison.ok()) return ctx.Fail(comparison.status());
  if (a.format == "json") {
    ctx.out << dispatch::ToJson(*comparison) << "\n";
  } else {
    ctx.out << dispatch::FormatTable(*comparison);
    ctx.out << "\n（这是建议方案，尚未写入任何派单；由工作人员确认后执行。）\n";
  }
}

}  // namespace

void AddDispatchCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<DispatchArgs>();
  auto* cmd = app.add_subcommand(
      "dispatch", "批量派单建议：在工匠本月名额内使总匹配度最高，并与贪心方案对比；不写入数据 (propose a dispatch plan)");
  AddDbOption(*cmd, args->url);
  cmd->add_option("--need", args->needs, "只为这些需求派单（默认：所有未关闭的需求）");
  cmd->add_option("--candidates", args->candidates, "每个需求考虑的候选工匠数")->capture_default_str()->check(CLI::Range(1, 200));
  cmd->add_flag("--load-balancing", args->load_balancing, "均衡负载，避免把任务都派给少数名匠");
  cmd->add_option("--min-score", args->min_score, "低于此匹配度的候选不派")->capture_default_str();
  cmd->add_option("--format", args->format, "table|json")->capture_default_str();
  cmd->callback([&ctx, args] { RunDispatch(ctx, *args); });
}

}  // namespace craftlink::cli

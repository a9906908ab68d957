#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/serving_engine.h"
#include "interchange/validation.h"
#include "reports/report.h"
#include "services/engagement_service.h"
#include "services/inbox_service.h"
#include "services/kpi_service.h"
#include "services/match_service.h"

namespace craftlink::cli {
namespace {

// The command line acts as the platform administrator: it runs on the
// server's machine with the database's credentials.
const access::Principal& Operator() {
  static const access::Principal kOperator{"cli", "cli", access::Role::kAdmin, "", "", ""};
  return kOperator;
}

void AddKpiShow(CLI::App& parent, CommandContext& ctx) {
  auto url = std::make_shared<std::string>();
  auto org = std::make_shared<std::string>();
  auto year = std::make_shared<int>(0);
  auto xlsx = std::make_shared<std::string>();
  auto* cmd = parent.add_subcommand("show", "打印某组织某年的指标报告（JSON），或导出为 Excel");
  AddDbOption(*cmd, *url);
  cmd->add_option("--org", *org, "组织编号（缺省为根组织）");
  cmd->add_option("--year", *year, "年份（缺省为今年）");
  cmd->add_option("--xlsx", *xlsx, "写入 Excel 文件而不是打印");
  cmd->callback([&ctx, url, org, year, xlsx] {
    auto store = OpenInitializedStore(*url);
    if (!store.ok()) return ctx.Fail(store.status());
    auto names = interchange::RecordValidator::LoadDefault();
    if (!names.ok()) return ctx.Fail(names.status());
    services::KpiService kpis(**store, &*names);
    const services::KpiQuery query{.org_id = *org, .year = *year};
    if (xlsx->empty()) {
      auto report = kpis.Report(Operator(), query);
      if (!report.ok()) return ctx.Fail(report.status());
      ctx.out << report->dump(2) << "\n";
      return;
    }
    auto book = kpis.Export(Operator(), query);
    if (!book.ok()) return ctx.Fail(book.status());
    Status written = reports::WriteXlsx(*book, *xlsx);
    if (!written.ok()) return ctx.Fail(written);
    ctx.out << "已写入 " << *xlsx << "\n";
  });
}

void AddKpiRebuild(CLI::App& parent, CommandContext& ctx) {
  auto url = std::make_shared<std::string>();
  auto* cmd = parent.add_subcommand(
      "rebuild", "由助企服务的全部历史重新计算指标汇总（组织层级调整之后运行）");
  AddDbOption(*cmd, *url);
  cmd->callback([&ctx, url] {
    auto store = OpenInitializedStore(*url);
    if (!store.ok()) return ctx.Fail(store.status());
    auto lines = services::RebuildKpi(**store);
    if (!lines.ok()) return ctx.Fail(lines.status());
    ctx.out << "已由 " << *lines << " 条历史记录重算指标\n";
  });
}

}  // namespace

void AddKpiCommand(CLI::App& app, CommandContext& ctx) {
  auto* kpi = app.add_subcommand("kpi", "年度指标 (yearly KPIs)");
  kpi->require_subcommand(1);
  AddKpiShow(*kpi, ctx);
  AddKpiRebuild(*kpi, ctx);
}

void AddSweepCommand(CLI::App& app, CommandContext& ctx) {
  auto url = std::make_shared<std::string>();
  auto timing = std::make_shared<DispatchTimingFlags>();
  auto* cmd = app.add_subcommand(
      "sweep", "立即执行一次派单提醒/超时转派、走访提醒、回访到期提醒和消息推送（服务运行时会自动定期执行）");
  AddDbOption(*cmd, *url);
  AddDispatchTimingFlags(*cmd, *timing);
  cmd->callback([&ctx, url, timing] {
    auto options = TrackingOptionsOf(*timing);
    if (!options.ok()) return ctx.Fail(options.status());
    auto store = OpenInitializedStore(*url);
    if (!store.ok()) return ctx.Fail(store.status());
    // The server's index, so that an expired dispatch passes to whom the
    // server would pick next, within the craftsmen's capacity.
    auto serving = BuildServingEngine(**store);
    if (!serving.ok()) return ctx.Fail(serving.status());
    services::MatchService matches(**store, *serving->engine);
    services::EngagementService engagements(**store, SystemClock(), *options, &matches);
    auto swept = engagements.Sweep();
    if (!swept.ok()) return ctx.Fail(swept.status());
    auto delivered = services::WebhookDeliverer::DeliverDue(**store, SystemClock(), {});
    if (!delivered.ok()) return ctx.Fail(delivered.status());
    nlohmann::json out = *swept;
    out["webhook_attempts"] = *delivered;
    ctx.out << out.dump() << "\n";
  });
}

}  // namespace craftlink::cli

#include "cli/cli.h"
#include "matching/eval.h"

namespace craftlink::cli {

void AddEvalCommand(CLI::App& app, CommandContext& ctx) {
  auto dir = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  auto url = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "eval", "在评测数据集上评估匹配质量：nDCG@5、recall@10、MRR，并与字二元组 BM25 对比 (evaluate matching)");
  AddDbOption(*cmd, *url);  // accepted for uniformity; eval uses its own temporary store
  cmd->add_option("--data", *dir, "数据集目录（craftsmen/enterprises/needs/results.jsonl、qrels.tsv …）")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--format", *format, "table|json")->capture_default_str();
  cmd->callback([&ctx, dir, format] {
    if (*format != "table" && *format != "json") return ctx.Fail("--format 应为 table 或 json");
    auto report = matching::Evaluate(*dir);
    if (!report.ok()) return ctx.Fail(report.status());
    if (*format == "json") {
      ctx.out << matching::ToJson(*report).dump(2) << "\n";
    } else {
      ctx.out << matching::FormatReport(*report);
    }
  });
}

}  // namespace craftlink::cli

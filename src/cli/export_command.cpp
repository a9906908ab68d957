#include <fstream>

#include "cli/cli.h"
#include "interchange/exporter.h"

namespace craftlink::cli {
namespace {

struct ExportArgs {
  std::string url, kind, format = "jsonl", out, headers = "zh", org;
  bool include_archived = false;
};

void RunExport(CommandContext& ctx, const ExportArgs& args) {
  auto kind = domain::ParseRecordKind(args.kind);
  if (!kind) return ctx.Fail("--kind 应为 craftsmen、enterprises、needs 或 results");
  if (args.format != "jsonl" && args.format != "csv") return ctx.Fail("--format 应为 jsonl 或 csv");
  auto store = OpenInitializedStore(args.url);
  if (!store.ok()) return ctx.Fail(store.status());
  interchange::ExportOptions options;
  options.kind = *kind;
  options.format = args.format == "csv" ? interchange::FileFormat::kCsv : interchange::FileFormat::kJsonLines;
  options.chinese_headers = args.headers != "en";
  options.include_archived = args.include_archived;
  options.org_id = args.org;
  if (args.out.empty()) {
    auto n = interchange::ExportRecords(**store, options, ctx.out);
    if (!n.ok()) return ctx.Fail(n.status());
    return;
  }
  // Write beside the target and rename, so a failed export never leaves a
  // truncated file where a good one was.
  const std::string partial = args.out + ".partial";
  std::ofstream file(partial, std::ios::binary | std::ios::trunc);
  if (!file) return ctx.Fail("无法写入 " + args.out);
  auto n = interchange::ExportRecords(**store, options, file);
  file.close();
  if (!n.ok() || !file) {
    std::remove(partial.c_str());
    return ctx.Fail(n.ok() ? Status::IoError("写入 " + args.out + " 失败") : n.status());
  }
  if (std::rename(partial.c_str(), args.out.c_str()) != 0) return ctx.Fail("无法写入 " + args.out);
  ctx.err << "已导出 " << *n << " 条 " << args.kind << " 到 " << args.out << "\n";
}

}  // namespace

void AddExportCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "按交换格式导出 (export in the interchange format)");
  AddDbOption(*cmd, args->url);
  cmd->add_option("--kind", args->kind, "craftsmen|enterprises|needs|results")->required();
  cmd->add_option("--format", args->format, "jsonl|csv")->capture_default_str();
  cmd->add_option("--out", args->out, "输出文件（默认标准输出）");
  cmd->add_option("--headers", args->headers, "CSV 表头语言 zh|en")->capture_default_str();
  cmd->add_option("--org", args->org, "只导出该组织的数据");
  cmd->add_flag("--include-archived", args->include_archived, "包括已归档的记录");
  cmd->callback([&ctx, args] { RunExport(ctx, *args); });
}

}  // namespace craftlink::cli

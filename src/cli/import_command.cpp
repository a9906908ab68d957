#include <algorithm>
#include <chrono>

#include "cli/cli.h"
#include "interchange/importer.h"
#include "interchange/row_source.h"

namespace craftlink::cli {
namespace {

constexpr size_t kErrorsShown = 50;

struct ImportArgs {
  std::string url;
  std::string kind;
  std::string org = storage::kRootOrganisationId;
  std::string report;
  bool strict = false;
  bool allow_bad_uscc = false;
  std::vector<std::string> files;
};

// Parents first, so that needs find the enterprises and results the
// craftsmen imported by the same command.
int DependencyRank(domain::RecordKind kind) {
  switch (kind) {
    case domain::RecordKind::kEnterprise: return 0;
    case domain::RecordKind::kCraftsman: return 1;
    case domain::RecordKind::kNeed: return 2;
    case domain::RecordKind::kResult: return 3;
  }
  return 4;
}

void PrintSummary(CommandContext& ctx, const interchange::ImportSummary& s, double seconds, bool strict) {
  for (size_t i = 0; i < s.errors.size() && i < kErrorsShown; ++i) ctx.err << s.Format(s.errors[i]) << "\n";
  if (s.rejected > kErrorsShown) ctx.err << "……另有 " << (s.rejected - kErrorsShown) << " 行错误未显示，用 --report FILE 查看全部\n";
  const std::string kind(domain::RecordKindPlural(s.kind));
  if (strict && s.rejected > 0) {
    ctx.err << s.file.string() << ": --strict：共 " << s.rejected << " 行有误，整个文件未导入 (nothing written)\n";
    return;
  }
  ctx.out << s.file.string() << ": " << kind << " 读取 " << s.rows << " 行，导入 " << s.imported << " 行，拒绝 "
          << s.rejected << " 行";
  if (s.uscc_overrides > 0) ctx.out << "，其中 " << s.uscc_overrides << " 家企业的信用代码校验位不符、按 --allow-bad-uscc 接受并已标记";
  ctx.out << "（" << static_cast<long>(seconds > 0 ? static_cast<double>(s.imported) / seconds : 0) << " 行/秒）\n";
}

void RunImport(CommandContext& ctx, const ImportArgs& args) {
  auto store = OpenInitializedStore(args.url);
  if (!store.ok()) return ctx.Fail(store.status());
  auto validator = interchange::RecordValidator::LoadDefault();
  if (!validator.ok()) return ctx.Fail(validator.status());

  std::optional<domain::RecordKind> forced;
  if (!args.kind.empty()) {
    forced = domain::ParseRecordKind(args.kind);
    if (!forced) return ctx.Fail("--kind 应为 craftsmen、enterprises、needs 或 results");
  }
  std::vector<std::pair<int, std::string>> ordered;
  for (const std::string& f : args.files) {
    auto kind = forced ? Result<domain::RecordKind>(*forced) : interchange::KindFromPath(f);
    if (!kind.ok()) return ctx.Fail(kind.status());
    ordered.emplace_back(DependencyRank(*kind), f);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](auto& a, auto& b) { return a.first < b.first; });

  for (const auto& [rank, file] : ordered) {
    interchange::ImportOptions options;
    options.kind = forced;
    options.strict = args.strict;
    options.validation.allow_bad_uscc = args.allow_bad_uscc;
    options.org_id = args.org;
    if (!args.report.empty()) options.report = ordered.size() == 1 ? args.report : args.report + "." + std::to_string(rank);
    const auto start = std::chrono::steady_clock::now();
    auto summary = interchange::ImportFile(**store, *validator, file, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!summary.ok()) return ctx.Fail(summary.status());
    PrintSummary(ctx, *summary, seconds, args.strict);
    if (args.strict && summary->rejected > 0) {
      ctx.exit_code = kExitFailure;
      return;
    }
  }
}

}  // namespace

void AddImportCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<ImportArgs>();
  auto* cmd = app.add_subcommand(
      "import", "导入 JSON Lines 或 CSV 文件 (import; kind from the file name unless --kind; upsert by id)");
  AddDbOption(*cmd, args->url);
  cmd->add_option("--kind", args->kind, "craftsmen|enterprises|needs|results");
  cmd->add_option("--org", args->org, "导入数据所属组织编号 (owning organisation)")->capture_default_str();
  cmd->add_flag("--strict", args->strict, "任何一行有误则整个文件不导入 (one bad row rejects the whole file)");
  cmd->add_flag("--allow-bad-uscc", args->allow_bad_uscc,
                "接受校验位不符的早期试点信用代码并标记 (accept pilot USCCs that fail the check, recorded)");
  cmd->add_option("--report", args->report, "把被拒绝的行及原因写入此文件 (JSON Lines)");
  cmd->add_option("files", args->files, "要导入的文件")->required()->check(CLI::ExistingFile);
  cmd->callback([&ctx, args] { RunImport(ctx, *args); });
}

}  // namespace craftlink::cli

#include "cli/cli.h"
#include "gen/generator.h"

namespace craftlink::cli {

void AddGenCommand(CLI::App& app, CommandContext& ctx) {
  auto options = std::make_shared<gen::GenOptions>();
  auto out = std::make_shared<std::string>();
  auto url = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "gen", "生成合成数据（确定性，按 --seed）(write synthetic craftsmen, enterprises, needs, results as JSON Lines)");
  AddDbOption(*cmd, *url);  // accepted for uniformity; gen writes files only
  cmd->add_option("--craftsmen", options->craftsmen, "工匠条数")->capture_default_str();
  cmd->add_option("--enterprises", options->enterprises, "企业条数")->capture_default_str();
  cmd->add_option("--needs", options->needs, "需求条数")->capture_default_str();
  cmd->add_option("--results", options->results, "创新成果条数")->capture_default_str();
  cmd->add_option("--seed", options->seed, "随机种子")->capture_default_str();
  cmd->add_option("--threads", options->threads, "线程数（0 = 每核一个；输出与线程数无关）")->capture_default_str();
  cmd->add_option("--out", *out, "输出目录")->required();
  cmd->callback([&ctx, options, out] {
    Status s = gen::Generate(*options, *out);
    if (!s.ok()) return ctx.Fail(s);
    ctx.out << "已生成到 " << *out << "：工匠 " << options->craftsmen << "，企业 " << options->enterprises << "，需求 "
            << options->needs << "，成果 " << options->results << "（seed " << options->seed << "）\n";
  });
}

}  // namespace craftlink::cli

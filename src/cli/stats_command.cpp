#include <nlohmann/json.hpp>

#include "cli/cli.h"

namespace craftlink::cli {

void AddStatsCommand(CLI::App& app, CommandContext& ctx) {
  auto url = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto* cmd = app.add_subcommand("stats", "各类数据条数 (count of each kind)");
  AddDbOption(*cmd, *url);
  cmd->add_option("--format", *format, "text|json")->capture_default_str();
  cmd->callback([&ctx, url, format] {
    if (*format != "text" && *format != "json") return ctx.Fail("--format 应为 text 或 json");
    auto store = OpenInitializedStore(*url);
    if (!store.ok()) return ctx.Fail(store.status());
    auto c = (*store)->Count();
    if (!c.ok()) return ctx.Fail(c.status());
    if (*format == "json") {
      ctx.out << nlohmann::json{{"organisations", c->organisations}, {"craftsmen", c->craftsmen},
                                {"enterprises", c->enterprises},     {"needs", c->needs},
                                {"results", c->results}}
                     .dump()
              << "\n";
      return;
    }
    ctx.out << "组织 organisations  " << c->organisations << "\n"
            << "工匠 craftsmen      " << c->craftsmen << "\n"
            << "企业 enterprises    " << c->enterprises << "\n"
            << "需求 needs          " << c->needs << "\n"
            << "成果 results        " << c->results << "\n";
  });
}

}  // namespace craftlink::cli

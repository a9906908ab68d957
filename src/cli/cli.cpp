#include "cli/cli.h"

#include <cstdlib>

namespace craftlink::cli {

void CommandContext::Fail(const Status& status) {
  err << "错误：" << status.message();
  if (!status.field().empty() && status.message().find(status.field()) == std::string::npos) {
    err << "（字段 " << status.field() << "）";
  }
  err << "\n";
  exit_code = kExitFailure;
}

void CommandContext::Fail(const std::string& message) {
  err << "错误：" << message << "\n";
  exit_code = kExitFailure;
}

CLI::Option* AddDbOption(CLI::App& command, std::string& url) {
  const char* env = std::getenv("CRAFTLINK_DB");
  url = env != nullptr && *env != '\0' ? env : storage::kDefaultDatabaseUrl;
  return command.add_option("--db", url, "数据库地址 database URL: sqlite:PATH or postgresql://… (env CRAFTLINK_DB)")
      ->capture_default_str();
}

Result<std::unique_ptr<storage::Store>> OpenInitializedStore(const std::string& url) {
  auto store = storage::OpenStore(url);
  if (!store.ok()) return store.status();
  auto root = (*store)->GetOrganisation(storage::kRootOrganisationId);
  if (!root.ok()) return root.status();
  if (!root->has_value()) {
    return Status::Invalid("数据库 " + url + " 尚未初始化，请先运行 craftlink init --db " + url);
  }
  return store;
}

int Main(int argc, char** argv) {
  CLI::App app{"匠企通 CraftLink — 劳模工匠助企行平台 (craftsmen ↔ enterprise needs)", "craftlink"};
  app.require_subcommand(1);
  CommandContext ctx;
  AddInitCommand(app, ctx);
  AddOrgCommand(app, ctx);
  AddImportCommand(app, ctx);
  AddExportCommand(app, ctx);
  AddStatsCommand(app, ctx);
  AddGenCommand(app, ctx);
  AddBackupCommands(app, ctx);
  AddServeCommand(app, ctx);
  AddUserCommand(app, ctx);
  AddMatchCommand(app, ctx);
  AddEvalCommand(app, ctx);
  AddDispatchCommand(app, ctx);
  AddKpiCommand(app, ctx);
  AddSweepCommand(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return ctx.exit_code;
}

}  // namespace craftlink::cli

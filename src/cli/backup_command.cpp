#include "cli/cli.h"

namespace craftlink::cli {

void AddBackupCommands(CLI::App& app, CommandContext& ctx) {
  auto url = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto* backup = app.add_subcommand(
      "backup", "在线备份（SQLite 备份接口 / pg_dump），写入期间也一致 (consistent online backup)");
  AddDbOption(*backup, *url);
  backup->add_option("--out", *out, "备份文件")->required();
  backup->callback([&ctx, url, out] {
    auto store = OpenInitializedStore(*url);
    if (!store.ok()) return ctx.Fail(store.status());
    Status s = (*store)->Backup(*out);
    if (!s.ok()) return ctx.Fail(s);
    ctx.out << "已备份到 " << *out << "\n";
  });

  auto restore_url = std::make_shared<std::string>();
  auto from = std::make_shared<std::string>();
  auto* restore = app.add_subcommand("restore", "用备份替换数据库内容 (replace the database with a backup)");
  AddDbOption(*restore, *restore_url);
  restore->add_option("--from", *from, "备份文件")->required()->check(CLI::ExistingFile);
  restore->callback([&ctx, restore_url, from] {
    Status s = storage::RestoreStore(*restore_url, *from);
    if (!s.ok()) return ctx.Fail(s);
    auto store = OpenInitializedStore(*restore_url);  // also migrates an older backup
    if (!store.ok()) return ctx.Fail(store.status());
    ctx.out << "已从 " << *from << " 恢复 " << *restore_url << "\n";
  });
}

}  // namespace craftlink::cli

#include "cli/cli.h"

namespace craftlink::cli {

void AddInitCommand(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("init", "创建数据库并建立根组织 (create the database and the root organisation)");
  auto url = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>("中华全国总工会");
  AddDbOption(*cmd, *url);
  cmd->add_option("--root-name", *name, "根组织名称 name of the root organisation")->capture_default_str();
  cmd->callback([&ctx, url, name] {
    auto store = storage::OpenStore(*url);
    if (!store.ok()) return ctx.Fail(store.status());
    auto root = (*store)->GetOrganisation(storage::kRootOrganisationId);
    if (!root.ok()) return ctx.Fail(root.status());
    if (root->has_value()) {
      ctx.out << "数据库已初始化：" << *url << "（根组织 " << (*root)->name << "）\n";
      return;
    }
    domain::Organisation org{storage::kRootOrganisationId, *name, "", domain::OrganisationKind::kNational, "", {}};
    Status s = (*store)->PutOrganisation(org);
    if (!s.ok()) return ctx.Fail(s);
    ctx.out << "已初始化 " << *url << "，根组织「" << *name << "」(id: " << storage::kRootOrganisationId << ")\n";
  });
}

}  // namespace craftlink::cli

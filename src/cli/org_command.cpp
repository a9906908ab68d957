#include "cli/cli.h"

#include <nlohmann/json.hpp>

#include "domain/codec.h"

namespace craftlink::cli {
namespace {

struct OrgArgs {
  std::string url, id, name, parent = storage::kRootOrganisationId, kind = "city", region;
  std::vector<std::string> members;
};

Status AddOrganisation(storage::Store& store, const OrgArgs& a) {
  auto kind = domain::ParseOrganisationKind(a.kind);
  if (!kind || *kind == domain::OrganisationKind::kNational) {
    return Status::Invalid("--kind 应为 province、city、district 或 alliance", "kind");
  }
  if (*kind == domain::OrganisationKind::kAlliance && a.members.size() < 2) {
    return Status::Invalid("联盟至少要有两个成员组织：--members ID1,ID2", "members");
  }
  if (*kind != domain::OrganisationKind::kAlliance && !a.members.empty()) {
    return Status::Invalid("只有联盟 (--kind alliance) 才有成员组织", "members");
  }
  auto parent = store.GetOrganisation(a.parent);
  if (!parent.ok()) return parent.status();
  if (!parent->has_value()) return Status::Invalid("上级组织「" + a.parent + "」不存在", "parent");
  for (const std::string& m : a.members) {
    auto member = store.GetOrganisation(m);
    if (!member.ok()) return member.status();
    if (!member->has_value()) return Status::Invalid("成员组织「" + m + "」不存在", "members");
  }
  return store.PutOrganisation({a.id, a.name, a.parent, *kind, a.region, a.members});
}

}  // namespace

void AddOrgCommand(CLI::App& app, CommandContext& ctx) {
  auto* org = app.add_subcommand("org", "工会组织管理 (union organisations)");
  org->require_subcommand(1);

  auto args = std::make_shared<OrgArgs>();
  auto* add = org->add_subcommand("add", "添加组织 (add an organisation)");
  AddDbOption(*add, args->url);
  add->add_option("--id", args->id, "组织编号")->required();
  add->add_option("--name", args->name, "组织名称")->required();
  add->add_option("--parent", args->parent, "上级组织编号")->capture_default_str();
  add->add_option("--kind", args->kind, "province|city|district|alliance")->capture_default_str();
  add->add_option("--region", args->region, "GB/T 2260 地区代码");
  add->add_option("--members", args->members, "联盟成员组织编号 (alliance only)")->delimiter(',');
  add->callback([&ctx, args] {
    auto store = OpenInitializedStore(args->url);
    if (!store.ok()) return ctx.Fail(store.status());
    Status s = AddOrganisation(**store, *args);
    if (!s.ok()) return ctx.Fail(s);
    ctx.out << "已添加组织 " << args->id << "「" << args->name << "」\n";
  });

  auto url = std::make_shared<std::string>();
  auto* list = org->add_subcommand("list", "列出组织 (list organisations, JSON Lines)");
  AddDbOption(*list, *url);
  list->callback([&ctx, url] {
    auto store = OpenInitializedStore(*url);
    if (!store.ok()) return ctx.Fail(store.status());
    auto orgs = (*store)->ListOrganisations();
    if (!orgs.ok()) return ctx.Fail(orgs.status());
    for (const auto& o : *orgs) ctx.out << domain::ToJson(o).dump() << "\n";
  });
}

}  // namespace craftlink::cli

#include <iostream>

#include "accounts/password.h"
#include "cli/cli.h"
#include "services/session_service.h"

namespace craftlink::cli {
namespace {

struct UserArgs {
  std::string url, username, display_name, role, org, enterprise, craftsman;
  bool password_stdin = false;
};

void RunUserAdd(CommandContext& ctx, const UserArgs& a) {
  auto role = access::ParseRole(a.role);
  if (!role) return ctx.Fail("--role 应为 admin、staff、enterprise 或 craftsman");
  if (!a.password_stdin) return ctx.Fail("请用 --password-stdin 从标准输入提供密码（不在命令行上出现）");
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto store = OpenInitializedStore(a.url);
  if (!store.ok()) return ctx.Fail(store.status());
  auto policy = accounts::PasswordPolicy::LoadDefault();
  if (!policy.ok()) return ctx.Fail(policy.status());
  accounts::PasswordHasher hasher;
  services::SessionService sessions(**store, hasher, *policy);
  auto user = sessions.CreateUser({a.username, a.display_name, *role, a.org, a.enterprise, a.craftsman, password},
                                  {"cli"}, "cli");
  if (!user.ok()) return ctx.Fail(user.status());
  ctx.out << "已创建用户 " << user->username << "（" << access::RoleChinese(*role) << "，id " << user->id << "）\n";
}

// Demo accounts, one per role, with random passwords printed once. Running
// it again gives fresh passwords to the same accounts.
void RunUserDemo(CommandContext& ctx, const std::string& url) {
  auto store = OpenInitializedStore(url);
  if (!store.ok()) return ctx.Fail(store.status());
  auto policy = accounts::PasswordPolicy::LoadDefault();
  if (!policy.ok()) return ctx.Fail(policy.status());
  accounts::PasswordHasher hasher;
  services::SessionService sessions(**store, hasher, *policy);

  std::string enterprise_id, craftsman_id;
  (void)(*store)->ScanEnterprises({.limit = 1}, [&](domain::Enterprise&& e) { enterprise_id = e.id; return false; });
  (void)(*store)->ScanCraftsmen({.limit = 1}, [&](domain::Craftsman&& c) { craftsman_id = c.id; return false; });
  struct Demo {
    const char* username;
    const char* display;
    access::Role role;
    std::string org, enterprise, craftsman;
  };
  const Demo demos[] = {
      {"demo-admin", "平台管理员（演示）", access::Role::kAdmin, "", "", ""},
      {"demo-staff", "市总工会工作人员（演示）", access::Role::kStaff, storage::kRootOrganisationId, "", ""},
      {"demo-enterprise", "企业联系人（演示）", access::Role::kEnterprise, "", enterprise_id, ""},
      {"demo-craftsman", "劳模工匠（演示）", access::Role::kCraftsman, "", "", craftsman_id},
  };
  ctx.out << "演示账号（密码只显示这一次）demo accounts, passwords shown once:\n";
  for (const Demo& d : demos) {
    if ((d.role == access::Role::kEnterprise && d.enterprise.empty()) ||
        (d.role == access::Role::kCraftsman && d.craftsman.empty())) {
      continue;  // nothing to link to yet
    }
    const std::string password = accounts::RandomPassword();
    auto existing = (*store)->GetUserByName(d.username);
    if (!existing.ok()) return ctx.Fail(existing.status());
    if (existing->has_value()) {
      auto hash = hasher.Hash(password);
      if (!hash.ok()) return ctx.Fail(hash.status());
      storage::UserRow row = **existing;
      row.password_hash = *hash;
      row.failed_logins = 0;
      row.locked_until.clear();
      Status s = (*store)->PutUser(row);
      if (!s.ok()) return ctx.Fail(s);
    } else {
      auto created = sessions.CreateUser({d.username, d.display, d.role, d.org, d.enterprise, d.craftsman, password},
                                         {"cli"}, "cli");
      if (!created.ok()) return ctx.Fail(created.status());
    }
    ctx.out << "  " << access::RoleChinese(d.role) << "  用户名 " << d.username << "  密码 " << password << "\n";
  }
}

}  // namespace

void AddUserCommand(CLI::App& app, CommandContext& ctx) {
  auto* user = app.add_subcommand("user", "用户管理 (accounts)");
  user->require_subcommand(1);
  auto args = std::make_shared<UserArgs>();
  auto* add = user->add_subcommand("add", "创建用户；密码从标准输入读取 (create a user)");
  AddDbOption(*add, args->url);
  add->add_option("--username", args->username, "用户名")->required();
  add->add_option("--display-name", args->display_name, "显示名称");
  add->add_option("--role", args->role, "admin|staff|enterprise|craftsman")->required();
  add->add_option("--org", args->org, "工会工作人员所属组织编号");
  add->add_option("--enterprise", args->enterprise, "企业用户关联的企业编号");
  add->add_option("--craftsman", args->craftsman, "工匠用户关联的工匠编号");
  add->add_flag("--password-stdin", args->password_stdin, "从标准输入读取密码");
  add->callback([&ctx, args] { RunUserAdd(ctx, *args); });

  auto url = std::make_shared<std::string>();
  auto* demo = user->add_subcommand("demo", "创建或重置演示账号并打印密码 (demo accounts)");
  AddDbOption(*demo, *url);
  demo->callback([&ctx, url] { RunUserDemo(ctx, *url); });
}

}  // namespace craftlink::cli

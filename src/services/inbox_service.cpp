#include "services/inbox_service.h"

#include <sodium.h>

#include <httplib.h>

#include <spdlog/spdlog.h>

#include "services/engagement_service.h"
#include "services/engagement_step.h"

namespace craftlink::services {
namespace {

using nlohmann::json;

Status AdminOnly(const access::Principal& who) {
  if (who.role != access::Role::kAdmin) return Status::PermissionDenied("只有平台管理员可以管理消息推送");
  return Status::Ok();
}

std::string RandomSecret() {
  unsigned char bytes[24];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

json DeliveryJson(const storage::DeliveryRow& d) {
  return {{"id", d.id},
          {"webhook_id", d.webhook_id},
          {"notification_seq", d.notification_seq},
          {"event", d.event},
          {"attempts", d.attempts},
          {"status", d.status},
          {"next_attempt_at", d.next_attempt_at},
          {"last_http_status", d.last_http_status},
          {"last_error", d.last_error},
          {"updated_at", d.updated_at}};
}

// Splits "https://host:port/path?q" into what httplib::Client wants.
bool SplitUrl(const std::string& url, std::string& origin, std::string& path) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  const auto path_start = url.find('/', scheme_end + 3);
  origin = url.substr(0, path_start);
  path = path_start == std::string::npos ? "/" : url.substr(path_start);
  return origin.size() > scheme_end + 3;
}

}  // namespace

std::string WebhookSignature(std::string_view secret, std::string_view timestamp, std::string_view body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(timestamp.data()), timestamp.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

std::chrono::seconds WebhookBackoff(int attempt) {
  static constexpr int kSeconds[] = {30, 120, 600, 3600, 21600};
  const int i = std::clamp(attempt, 1, static_cast<int>(std::size(kSeconds))) - 1;
  return std::chrono::seconds(kSeconds[i]);
}

Result<json> InboxService::Inbox(const access::Principal& who, size_t limit) {
  auto rows = store_.Notifications(InboxRecipients(who), 0, limit);
  if (!rows.ok()) return rows.status();
  json items = json::array();
  int unread = 0;
  for (const auto& n : *rows) {
    if (n.read_at.empty()) ++unread;
    items.push_back({{"seq", n.seq},
                     {"event", n.event},
                     {"title", n.title},
                     {"payload", n.payload},
                     {"created_at", n.created_at},
                     {"read", !n.read_at.empty()}});
  }
  return json{{"items", items}, {"unread", unread}};
}

Status InboxService::MarkRead(const access::Principal& who, int64_t seq) {
  // Reading the caller's own inbox is the ownership check: a guessed seq of
  // someone else's message is simply not there.
  auto rows = store_.Notifications(InboxRecipients(who), seq - 1, 1000);
  if (!rows.ok()) return rows.status();
  for (const auto& n : *rows) {
    if (n.seq == seq) return store_.MarkNotificationRead(seq, FormatIso8601(clock_.Now()));
  }
  return Status::NotFound("没有找到这条消息");
}

Result<json> InboxService::AddWebhook(const access::Principal& who, const json& body, const RequestOrigin& origin) {
  CRAFTLINK_RETURN_IF_ERROR(AdminOnly(who));
  storage::WebhookRow hook;
  hook.url = OptionalText(body, "url");
  std::string scheme_origin, path;
  if (hook.url.size() > 2000 || !SplitUrl(hook.url, scheme_origin, path)) {
    return Status::Invalid("推送地址应以 http:// 或 https:// 开头", "url");
  }
  if (auto it = body.find("events"); it != body.end()) {
    if (!it->is_array()) return Status::Invalid("events 应为事件名列表", "events");
    for (const auto& e : *it) {
      if (!e.is_string() || e.get<std::string>().empty()) return Status::Invalid("事件名应为文字", "events");
      hook.events.push_back(e.get<std::string>());
    }
  }
  hook.secret = OptionalText(body, "secret");
  if (hook.secret.empty()) hook.secret = RandomSecret();
  if (hook.secret.size() < 16) return Status::Invalid("签名密钥至少 16 个字符", "secret");
  hook.id = "W" + RandomSecret().substr(0, 10);
  hook.created_at = FormatIso8601(clock_.Now());
  CRAFTLINK_RETURN_IF_ERROR(store_.PutWebhook(hook));
  (void)store_.AppendAudit({.user_id = who.user_id, .action = "add_webhook", .target = "webhooks/" + hook.id,
                            .ip = origin.ip, .detail = json{{"url", hook.url}}.dump()});
  return json{{"id", hook.id}, {"url", hook.url}, {"events", hook.events}, {"secret", hook.secret},
              {"active", hook.active}};
}

Result<json> InboxService::ListWebhooks(const access::Principal& who) {
  CRAFTLINK_RETURN_IF_ERROR(AdminOnly(who));
  auto hooks = store_.ListWebhooks();
  if (!hooks.ok()) return hooks.status();
  json items = json::array();
  for (const auto& h : *hooks) {
    // The secret was shown when the webhook was added; never again.
    items.push_back({{"id", h.id}, {"url", h.url}, {"events", h.events}, {"active", h.active},
                     {"created_at", h.created_at}});
  }
  return json{{"items", items}};
}

Result<json> InboxService::Deliveries(const access::Principal& who, int64_t after_id, size_t limit) {
  CRAFTLINK_RETURN_IF_ERROR(AdminOnly(who));
  auto rows = store_.ListDeliveries(after_id, limit);
  if (!rows.ok()) return rows.status();
  json items = json::array();
  for (const auto& d : *rows) items.push_back(DeliveryJson(d));
  return json{{"items", items}, {"next_after", rows->size() == limit ? json(rows->back().id) : json(nullptr)}};
}

WebhookDeliverer::WebhookDeliverer(storage::Store& store, const Clock& clock, DeliveryOptions options)
    : store_(store), clock_(clock), options_(options), thread_([this] { Run(); }) {}

WebhookDeliverer::~WebhookDeliverer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WebhookDeliverer::Run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    auto n = DeliverDue(store_, clock_, options_);
    if (!n.ok()) spdlog::warn("webhook delivery: {}", n.status().ToString());
    lock.lock();
    wake_.wait_for(lock, options_.poll, [&] { return stop_; });
  }
}

Result<int> WebhookDeliverer::DeliverDue(storage::Store& store, const Clock& clock, const DeliveryOptions& options) {
  const std::string now = FormatIso8601(clock.Now());
  // A claim older than a few timeouts belongs to a sender that died mid-post.
  const std::string stale_before = FormatIso8601(clock.Now() - 4 * options.timeout - std::chrono::seconds(60));
  auto due = store.ClaimDueDeliveries(now, stale_before, 100);
  if (!due.ok()) return due.status();
  if (due->empty()) return 0;
  auto hooks = store.ListWebhooks();
  if (!hooks.ok()) return hooks.status();
  for (auto& d : *due) {
    auto hook = std::find_if(hooks->begin(), hooks->end(), [&](const auto& h) { return h.id == d.webhook_id; });
    std::string origin, path;
    ++d.attempts;
    d.last_http_status = 0;
    d.last_error.clear();
    if (hook == hooks->end() || !hook->active || !SplitUrl(hook->url, origin, path)) {
      d.status = "failed";
      d.last_error = "webhook removed or inactive";
    } else {
      httplib::Client client(origin);
      client.set_connection_timeout(options.timeout);
      client.set_read_timeout(options.timeout);
      client.set_write_timeout(options.timeout);
      const std::string timestamp = std::to_string(
          std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count());
      const httplib::Headers headers{{"X-CraftLink-Event", d.event},
                                     {"X-CraftLink-Delivery", std::to_string(d.id)},
                                     {"X-CraftLink-Timestamp", timestamp},
                                     {"X-CraftLink-Signature", WebhookSignature(hook->secret, timestamp, d.payload)}};
      auto res = client.Post(path, headers, d.payload, "application/json; charset=utf-8");
      if (res) d.last_http_status = res->status;
      if (res && res->status >= 200 && res->status < 300) {
        d.status = "delivered";
      } else {
        d.last_error = res ? "HTTP " + std::to_string(res->status) : httplib::to_string(res.error());
        d.status = d.attempts >= kMaxWebhookAttempts ? "failed" : "pending";
        d.next_attempt_at = FormatIso8601(clock.Now() + WebhookBackoff(d.attempts));
      }
    }
    d.updated_at = FormatIso8601(clock.Now());
    CRAFTLINK_RETURN_IF_ERROR(store.UpdateDelivery(d));
  }
  return static_cast<int>(due->size());
}

}  // namespace craftlink::services

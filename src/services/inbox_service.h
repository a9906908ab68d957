#pragma once

// Notifications: the in-app inbox each user reads, and outgoing webhooks
// that let a deployment forward the same events to its own messaging (SMS,
// WeChat Work) without code changes. Messages are queued in the same
// transaction as the step that caused them (the outbox in the store); a
// WebhookDeliverer posts them, signed, and retries with back-off.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "core/clock.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services {

class InboxService {
 public:
  explicit InboxService(storage::Store& store, const Clock& clock = SystemClock()) : store_(store), clock_(clock) {}

  // Newest first: {"items": [...], "unread": N}.
  Result<nlohmann::json> Inbox(const access::Principal& who, size_t limit);
  // NotFound unless the notification is addressed to the caller.
  Status MarkRead(const access::Principal& who, int64_t seq);

  // Admin only. {"url", "events": [...], "secret"?}; the secret is shown once.
  Result<nlohmann::json> AddWebhook(const access::Principal& who, const nlohmann::json& body,
                                    const RequestOrigin& origin);
  Result<nlohmann::json> ListWebhooks(const access::Principal& who);
  Result<nlohmann::json> Deliveries(const access::Principal& who, int64_t after_id, size_t limit);

 private:
  storage::Store& store_;
  const Clock& clock_;
};

// "sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>" under `secret`: what a
// receiver recomputes to know the message came from this deployment and was
// not replayed long after `timestamp`.
std::string WebhookSignature(std::string_view secret, std::string_view timestamp, std::string_view body);

// Seconds to wait before attempt `attempt` + 1 (attempt counts from 1);
// grows 30 s, 2 min, 10 min, 1 h, 6 h. After kMaxWebhookAttempts the
// delivery is marked failed and kept in the log.
std::chrono::seconds WebhookBackoff(int attempt);
inline constexpr int kMaxWebhookAttempts = 8;

struct DeliveryOptions {
  std::chrono::milliseconds poll{1000};
  std::chrono::seconds timeout{5};
};

// Posts due deliveries on a background thread until destroyed.
class WebhookDeliverer {
 public:
  WebhookDeliverer(storage::Store& store, const Clock& clock, DeliveryOptions options = {});
  ~WebhookDeliverer();
  WebhookDeliverer(const WebhookDeliverer&) = delete;
  WebhookDeliverer& operator=(const WebhookDeliverer&) = delete;

  // One pass over due deliveries; answers how many were attempted. Public
  // so that tests and `craftlink sweep` can drive it without the thread.
  static Result<int> DeliverDue(storage::Store& store, const Clock& clock, const DeliveryOptions& options);

 private:
  void Run();

  storage::Store& store_;
  const Clock& clock_;
  DeliveryOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace craftlink::services

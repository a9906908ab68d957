// SqlStore's inbox and webhook outbox reads and updates. Messages and their
// deliveries are written by CommitTracking (sql_store_tracking.cpp), in the
// transaction of the step that caused them.
#include "storage/sql_json.h"
#include "storage/sql_store.h"

#include "core/clock.h"

namespace craftlink::storage {
namespace {

using sql_json::ListText;
using sql_json::ParseBody;
using sql_json::ParseList;

constexpr char kDeliveryColumns[] =
    "id, webhook_id, notification_seq, event, payload, attempts, status, next_attempt_at, last_http_status, "
    "last_error, updated_at";

DeliveryRow ReadDelivery(const SqlRow& r) {
  DeliveryRow d;
  d.id = r.Int(0);
  d.webhook_id = r.Text(1);
  d.notification_seq = r.Int(2);
  d.event = r.Text(3);
  d.payload = r.Text(4);
  d.attempts = static_cast<int>(r.Int(5));
  d.status = r.Text(6);
  d.next_attempt_at = r.Text(7);
  d.last_http_status = static_cast<int>(r.Int(8));
  d.last_error = r.Text(9);
  d.updated_at = r.Text(10);
  return d;
}

}  // namespace

Result<std::vector<NotificationRow>> SqlStore::Notifications(const std::vector<std::string>& recipients,
                                                             int64_t after_seq, size_t limit) {
  std::vector<NotificationRow> out;
  if (recipients.empty()) return out;
  std::vector<SqlValue> params;
  std::string sql = "SELECT seq, recipient, event, title, payload, created_at, read_at FROM notifications "
                    "WHERE recipient IN (" + BindList(params, recipients) + ")";
  sql += " AND seq > " + Bind(params, Int(after_seq)) + " ORDER BY seq DESC LIMIT " + std::to_string(limit);
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(sql, params, [&](const SqlRow& r) {
      out.push_back({r.Int(0), std::string(r.Text(1)), std::string(r.Text(2)), std::string(r.Text(3)),
                     ParseBody(r.Text(4)), std::string(r.Text(5)), std::string(r.Text(6))});
      return true;
    });
  });
  if (!s.ok()) return s;
  return out;
}

Status SqlStore::MarkNotificationRead(int64_t seq, std::string_view at) {
  return InWriteTransaction([&](SqlConnection& c) {
    return c.Exec("UPDATE notifications SET read_at = $2 WHERE seq = $1 AND read_at = ''", {Int(seq), Text(at)});
  });
}

Status SqlStore::PutWebhook(const WebhookRow& h) {
  static const UpsertSpec kSpec{"webhooks", {"id", "url", "secret", "events", "active", "created_at"}, {"id"}};
  return InWriteTransaction([&](SqlConnection& c) {
    return c.WriteRows(kSpec, {{Text(h.id), Text(h.url), Text(h.secret), Text(ListText(h.events)),
                                Int(h.active ? 1 : 0), Text(h.created_at.empty() ? NowIso8601() : h.created_at)}});
  });
}

Result<std::vector<WebhookRow>> SqlStore::ListWebhooks() {
  std::vector<WebhookRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query("SELECT id, url, secret, events, active, created_at FROM webhooks ORDER BY id", {},
                   [&](const SqlRow& r) {
                     out.push_back({std::string(r.Text(0)), std::string(r.Text(1)), std::string(r.Text(2)),
                                    ParseList(r.Text(3)), r.Int(4) != 0, std::string(r.Text(5))});
                     return true;
                   });
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<DeliveryRow>> SqlStore::ClaimDueDeliveries(std::string_view now, std::string_view stale_before,
                                                              size_t limit) {
  std::vector<DeliveryRow> out;
  Status s = InWriteTransaction([&](SqlConnection& c) -> Status {
    out.clear();
    CRAFTLINK_RETURN_IF_ERROR(c.Query(
        std::string("SELECT ") + kDeliveryColumns +
            " FROM webhook_deliveries WHERE (status = 'pending' AND next_attempt_at <= $1) OR "
            "(status = 'sending' AND updated_at <= $2) ORDER BY id LIMIT " + std::to_string(limit),
        {Text(now), Text(stale_before)}, [&](const SqlRow& r) {
          out.push_back(ReadDelivery(r));
          return true;
        }));
    for (DeliveryRow& d : out) {
      d.status = "sending";
      d.updated_at = std::string(now);
      CRAFTLINK_RETURN_IF_ERROR(c.Exec("UPDATE webhook_deliveries SET status = 'sending', updated_at = $2 WHERE id = $1",
                                       {Int(d.id), Text(now)}));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Status SqlStore::UpdateDelivery(const DeliveryRow& d) {
  return InWriteTransaction([&](SqlConnection& c) {
    return c.Exec("UPDATE webhook_deliveries SET attempts = $2, status = $3, next_attempt_at = $4, "
                  "last_http_status = $5, last_error = $6, updated_at = $7 WHERE id = $1",
                  {Int(d.id), Int(d.attempts), Text(d.status), Text(d.next_attempt_at), Int(d.last_http_status),
                   Text(d.last_error), Text(d.updated_at)});
  });
}

Result<std::vector<DeliveryRow>> SqlStore::ListDeliveries(int64_t after_id, size_t limit) {
  std::vector<DeliveryRow> out;
  Status s = WithConnection([&](SqlConnection& c) {
    return c.Query(std::string("SELECT ") + kDeliveryColumns + " FROM webhook_deliveries WHERE id > $1 ORDER BY id LIMIT " +
                       std::to_string(limit),
                   {Int(after_id)}, [&](const SqlRow& r) {
                     out.push_back(ReadDelivery(r));
                     return true;
                   });
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace craftlink::storage

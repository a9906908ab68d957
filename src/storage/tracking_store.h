#pragma once

// What the store keeps for tracking: engagements with their append-only
// transition log, visits, follow-ups, the KPI roll-up, notifications and the
// webhook outbox, plus versioned documents (events, agreements, mentorships,
// studios). Rules live in tracking/ and services/; this is persistence only.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "domain/model.h"

namespace craftlink::storage {

struct EngagementRow {
  std::string id;
  std::string need_id;
  std::string org_id;         // the need's organisation: whose staff manage it
  std::string enterprise_id;
  std::string lead_craftsman_id;
  std::vector<std::string> member_ids;  // the whole squad, lead included
  std::string state;
  int64_t version = 0;        // +1 on every write; writers name the one they read
  std::string created_at;
  std::string updated_at;
  nlohmann::json body = nlohmann::json::object();  // reasons, feedback, plans, …
};

// One line of an engagement's history; the database refuses to change it.
struct EngagementEventRow {
  int64_t seq = 0;
  std::string engagement_id;
  std::string at;
  std::string user_id;  // empty for the system
  std::string action;
  std::string from_state;
  std::string to_state;
  nlohmann::json detail = nlohmann::json::object();
};

struct VisitRow {
  std::string id;
  std::string engagement_id;
  std::string visit_date;       // YYYY-MM-DD
  int64_t minutes = 0;
  std::string place;
  int64_t workers_trained = 0;
  std::string summary;
  std::vector<std::string> craftsman_ids;  // who was there
  std::string agreement_id;     // counts against this agreement, if any
  std::string logged_by;
  std::string logged_at;
};

struct FollowUpRow {
  std::string engagement_id;
  int days = 0;                 // 30, 90 or 180 after resolution
  std::string due_date;
  std::string answered_at;      // empty until answered
  std::string answered_by;
  bool holding = false;         // is the fix still holding?
  nlohmann::json benefit = nlohmann::json::object();  // cost_saved_yuan, defect_rate, …
};

// A signed increment of one KPI cell. `dim` is total|month|region|industry|
// kind|first_visit_days; `key` the cell within it ("" for total).
struct KpiDelta {
  std::string org_id;
  int year = 0;
  std::string dim;
  std::string key;
  std::string metric;
  int64_t value = 0;
};

// "Enterprise E was served by organisation O in year Y". Only the first mark
// per (O, Y, E) applies its deltas: enterprises served counts distinct ones.
struct ServedMark {
  std::string org_id;
  int year = 0;
  std::string enterprise_id;
  std::vector<KpiDelta> on_first;
};

struct NotificationRow {
  int64_t seq = 0;
  std::string recipient;  // craftsman:ID | enterprise:ID | org:ID | user:ID
  std::string event;      // dispatched, accepted, visit_upcoming, follow_up_due, …
  std::string title;      // Chinese, shown in the inbox
  nlohmann::json payload = nlohmann::json::object();
  std::string created_at;
  std::string read_at;
};

// Events, agreements, mentorships and studios: JSON bodies with the few
// columns their lists filter on.
struct DocumentRow {
  std::string kind;   // event | agreement | mentorship | studio
  std::string id;
  std::string org_id;
  std::string ref_a;  // agreement/mentorship: enterprise or master; event: kind
  std::string ref_b;  // agreement: craftsman or studio; mentorship: apprentice; event: date
  std::string state;
  int64_t version = 0;
  std::string created_at;
  std::string updated_at;
  nlohmann::json body = nlohmann::json::object();
};

struct WebhookRow {
  std::string id;
  std::string url;
  std::string secret;
  std::vector<std::string> events;  // empty = all
  bool active = true;
  std::string created_at;
};

struct DeliveryRow {
  int64_t id = 0;
  std::string webhook_id;
  int64_t notification_seq = 0;
  std::string event;
  std::string payload;   // the exact bytes signed and sent
  int attempts = 0;
  std::string status;    // pending | delivered | failed
  std::string next_attempt_at;
  int last_http_status = 0;
  std::string last_error;
  std::string updated_at;
};

// Everything one tracking step writes, committed together or not at all.
// A document written only if its stored version is still `expected_version`
// (-1: only if it does not exist yet); otherwise the whole commit is a
// Conflict.
struct DocumentWrite {
  DocumentRow row;
  int64_t expected_version = -1;
};

struct TrackingWrite {
  std::optional<EngagementRow> engagement;
  // -1: `engagement` is new (409 when the id exists); otherwise the stored
  // version must equal this (409 when someone else wrote first).
  int64_t engagement_expected_version = -1;
  std::vector<EngagementEventRow> events;
  std::vector<VisitRow> visits;
  std::vector<FollowUpRow> followups;  // upserted by (engagement, days)
  std::vector<KpiDelta> kpi;
  std::vector<ServedMark> served;
  std::vector<NotificationRow> notifications;  // each also queued for every matching webhook
  std::vector<domain::Need> needs;             // status changes, through the change feed
  std::vector<domain::InnovationResult> results;  // a resolved problem promoted to a result
  // Several when one step changes more than one document (a renewal ends
  // the old agreement and starts the new), or commits a rule's guard with
  // the change the rule allowed (programme_common.h, ReadGuard).
  std::vector<DocumentWrite> documents;
};

struct EngagementFilter {
  std::vector<std::string> org_ids;  // any of these (empty = all)
  std::string need_id;
  std::string craftsman_id;          // a member
  std::string enterprise_id;
  std::string state;
  std::string after_id;
  size_t limit = 0;
};

struct DocumentFilter {
  std::string kind;
  std::vector<std::string> org_ids;  // empty = all
  std::string ref_a;
  std::string ref_b;
  std::string after_id;
  size_t limit = 0;
  // ref_b within [ref_b_from, ref_b_to], byte-wise; an empty end is open.
  // Events keep their date (YYYY-MM-DD) in ref_b, so this is a date range.
  std::string ref_b_from;
  std::string ref_b_to;
  // Order by (ref_b, id), both descending when asked, instead of by id. Such
  // a listing resumes after the row at (after_ref_b, after_id).
  bool order_by_ref_b = false;
  bool descending = false;
  std::string after_ref_b;
};

struct KpiCell {
  std::string dim;
  std::string key;
  std::string metric;
  int64_t value = 0;
};

class TrackingStore {
 public:
  virtual ~TrackingStore() = default;

  virtual Status CommitTracking(const TrackingWrite& write) = 0;

  virtual Result<std::optional<EngagementRow>> GetEngagement(std::string_view id) = 0;
  virtual Result<std::vector<EngagementRow>> ListEngagements(const EngagementFilter& filter) = 0;
  virtual Result<std::vector<EngagementEventRow>> EngagementEvents(std::string_view engagement_id) = 0;
  // History lines after `after_seq`, oldest first, at most `limit`, only
  // those whose action is in `actions` (empty: all). Writers serialise, so
  // lines commit in seq order: a reader that goes on from the last seq it
  // read misses none (the engagement history as a feed).
  virtual Result<std::vector<EngagementEventRow>> EngagementEventsAfter(int64_t after_seq,
                                                                        const std::vector<std::string>& actions,
                                                                        size_t limit) = 0;
  virtual Result<std::vector<VisitRow>> VisitsOf(std::string_view engagement_id) = 0;
  virtual Result<int64_t> CountVisitsForAgreement(std::string_view agreement_id) = 0;
  // craftsman id → engagements that hold their time now (dispatched,
  // accepted, scheduled, in service); craftsmen with none are absent.
  virtual Result<std::unordered_map<std::string, int>> ActiveEngagementCounts() = 0;
  virtual Result<std::vector<FollowUpRow>> FollowUpsOf(std::string_view engagement_id) = 0;
  // Unanswered follow-ups due on or before `date`.
  virtual Result<std::vector<FollowUpRow>> DueFollowUps(std::string_view date, size_t limit) = 0;

  // Every KPI cell of one organisation and year.
  virtual Result<std::vector<KpiCell>> KpiCells(std::string_view org_id, int year) = 0;
  // Replaces the whole roll-up (after `craftlink kpi rebuild`).
  virtual Status ReplaceKpi(const std::vector<KpiDelta>& cells, const std::vector<ServedMark>& served) = 0;
  virtual Status PutTarget(std::string_view org_id, int year, std::string_view metric, int64_t target) = 0;
  virtual Result<std::vector<std::pair<std::string, int64_t>>> Targets(std::string_view org_id, int year) = 0;

  virtual Result<std::vector<NotificationRow>> Notifications(const std::vector<std::string>& recipients,
                                                             int64_t after_seq, size_t limit) = 0;
  virtual Status MarkNotificationRead(int64_t seq, std::string_view at) = 0;

  virtual Result<std::optional<DocumentRow>> GetDocument(std::string_view kind, std::string_view id) = 0;
  virtual Result<std::vector<DocumentRow>> ListDocuments(const DocumentFilter& filter) = 0;

  virtual Status PutWebhook(const WebhookRow& hook) = 0;
  virtual Result<std::vector<WebhookRow>> ListWebhooks() = 0;
  // Claims deliveries due at `now` (pending ones whose next attempt has come,
  // and ones claimed before `stale_before` by a sender that never finished),
  // oldest first, marking them "sending" in one write transaction: two
  // server instances never post the same delivery at once.
  virtual Result<std::vector<DeliveryRow>> ClaimDueDeliveries(std::string_view now, std::string_view stale_before,
                                                              size_t limit) = 0;
  virtual Status UpdateDelivery(const DeliveryRow& delivery) = 0;
  virtual Result<std::vector<DeliveryRow>> ListDeliveries(int64_t after_id, size_t limit) = 0;
};

}  // namespace craftlink::storage

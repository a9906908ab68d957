#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/sql.h"
#include "storage/store.h"

namespace craftlink::storage {

// Hands out connections to one thread at a time; at most `max` are opened.
class ConnectionPool {
 public:
  ConnectionPool(SqlBackend& backend, size_t max) : backend_(backend), max_(max == 0 ? 1 : max) {}

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<SqlConnection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), c_(std::move(other.c_)) { other.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    SqlConnection& operator*() { return *c_; }
    SqlConnection* operator->() { return c_.get(); }
    // A connection whose session may be broken is closed instead of reused.
    void Discard() { c_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<SqlConnection> c_;
  };

  Result<Lease> Acquire();

 private:
  friend class Lease;
  void Release(std::unique_ptr<SqlConnection> c);

  SqlBackend& backend_;
  const size_t max_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;  // guarded by mutex_
  size_t open_ = 0;                                   // guarded by mutex_
};

// The Store both backends share: all record logic is written once, over the
// SqlConnection surface, so the same test suite proves both.
class SqlStore final : public Store {
 public:
  static Result<std::unique_ptr<Store>> Open(std::unique_ptr<SqlBackend> backend, const StoreOptions& options);

  std::string_view backend() const override { return backend_->name(); }

  Status PutOrganisation(const domain::Organisation& org) override;
  Result<std::optional<domain::Organisation>> GetOrganisation(std::string_view id) override;
  Result<std::vector<domain::Organisation>> ListOrganisations() override;

  Status Apply(const WriteBatch& batch) override;
  Result<std::unique_ptr<BulkWriter>> BeginBulk() override;
  Status SetArchived(domain::RecordKind kind, std::string_view id, bool archived) override;

  Result<std::optional<domain::Craftsman>> GetCraftsman(std::string_view id) override;
  Result<std::optional<domain::Enterprise>> GetEnterprise(std::string_view id) override;
  Result<std::optional<domain::Need>> GetNeed(std::string_view id) override;
  Result<std::optional<domain::InnovationResult>> GetResult(std::string_view id) override;

  Status ScanCraftsmen(const ScanOptions& options, const Visitor<domain::Craftsman>& visit) override;
  Status ScanEnterprises(const ScanOptions& options, const Visitor<domain::Enterprise>& visit) override;
  Status ScanNeeds(const ScanOptions& options, const Visitor<domain::Need>& visit) override;
  Status ScanResults(const ScanOptions& options, const Visitor<domain::InnovationResult>& visit) override;

  Result<std::unordered_set<std::string>> ExistingIds(domain::RecordKind kind,
                                                      const std::vector<std::string>& ids) override;
  Result<RecordCounts> Count() override;

  Result<std::vector<Change>> ChangesSince(int64_t after_seq, size_t limit) override;
  Result<int64_t> LastChangeSeq() override;
  Result<bool> WaitForChange(int64_t after_seq, std::chrono::milliseconds timeout) override;

  Status PutUser(const UserRow& user) override;
  Result<std::optional<UserRow>> GetUser(std::string_view id) override;
  Result<std::optional<UserRow>> GetUserByName(std::string_view username) override;
  Result<std::vector<UserRow>> ListUsers() override;
  Status SetLoginState(std::string_view user_id, int failed_logins, std::string_view locked_until) override;
  Status PutSession(const SessionRow& session) override;
  Result<std::optional<SessionRow>> GetSession(std::string_view token_digest) override;
  Status DeleteSession(std::string_view token_digest) override;
  Status DeleteSessionsOf(std::string_view user_id) override;
  Status AppendAudit(const AuditRow& row) override;
  Result<std::vector<AuditRow>> ListAudit(int64_t after_seq, size_t limit) override;

  Status Backup(const std::filesystem::path& destination) override { return backend_->Backup(destination); }

  // Tracking (sql_store_tracking.cpp).
  Status CommitTracking(const TrackingWrite& write) override;
  Result<std::optional<EngagementRow>> GetEngagement(std::string_view id) override;
  Result<std::vector<EngagementRow>> ListEngagements(const EngagementFilter& filter) override;
  Result<std::vector<EngagementEventRow>> EngagementEvents(std::string_view engagement_id) override;
  Result<std::vector<EngagementEventRow>> EngagementEventsAfter(int64_t after_seq, const std::vector<std::string>& actions,
                                                                size_t limit) override;
  Result<std::vector<VisitRow>> VisitsOf(std::string_view engagement_id) override;
  Result<int64_t> CountVisitsForAgreement(std::string_view agreement_id) override;
  Result<std::unordered_map<std::string, int>> ActiveEngagementCounts() override;
  Result<std::vector<FollowUpRow>> FollowUpsOf(std::string_view engagement_id) override;
  Result<std::vector<FollowUpRow>> DueFollowUps(std::string_view date, size_t limit) override;
  Result<std::vector<KpiCell>> KpiCells(std::string_view org_id, int year) override;
  Status ReplaceKpi(const std::vector<KpiDelta>& cells, const std::vector<ServedMark>& served) override;
  Status PutTarget(std::string_view org_id, int year, std::string_view metric, int64_t target) override;
  Result<std::vector<std::pair<std::string, int64_t>>> Targets(std::string_view org_id, int year) override;
  Result<std::vector<NotificationRow>> Notifications(const std::vector<std::string>& recipients, int64_t after_seq,
                                                     size_t limit) override;
  Status MarkNotificationRead(int64_t seq, std::string_view at) override;
  Result<std::optional<DocumentRow>> GetDocument(std::string_view kind, std::string_view id) override;
  Result<std::vector<DocumentRow>> ListDocuments(const DocumentFilter& filter) override;
  Status PutWebhook(const WebhookRow& hook) override;
  Result<std::vector<WebhookRow>> ListWebhooks() override;
  Result<std::vector<DeliveryRow>> ClaimDueDeliveries(std::string_view now, std::string_view stale_before,
                                                      size_t limit) override;
  Status UpdateDelivery(const DeliveryRow& delivery) override;
  Result<std::vector<DeliveryRow>> ListDeliveries(int64_t after_id, size_t limit) override;

 private:
  SqlStore(std::unique_ptr<SqlBackend> backend, const StoreOptions& options)
      : backend_(std::move(backend)), pool_(*backend_, options.max_connections) {}

  Result<std::vector<UserRow>> QueryUsers(std::string_view where, const std::vector<SqlValue>& params);
  // Runs one statement on a pooled connection outside any explicit transaction.
  Status ExecOne(std::string_view sql, const std::vector<SqlValue>& params);

  template <typename Record>
  Result<std::optional<Record>> GetRecord(std::string_view id);
  template <typename Record>
  Status ScanRecords(const ScanOptions& options, const Visitor<Record>& visit);
  friend class SqlBulkWriter;
  friend struct TrackingSql;
  // Runs `read` on a pooled connection.
  Status WithConnection(const std::function<Status(SqlConnection&)>& read);
  static Status WriteBatchRows(SqlConnection& c, const WriteBatch& batch);
  // Runs `body` inside a write transaction, rolling back when it fails.
  Status InWriteTransaction(const std::function<Status(SqlConnection&)>& body);

  std::unique_ptr<SqlBackend> backend_;
  ConnectionPool pool_;
};

}  // namespace craftlink::storage

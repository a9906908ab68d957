// storage: the one store interface CraftLink persists through, its change
// feed, and the SQL machinery shared by its two backends (sqlite/ embedded,
// postgres/ for deployments that outgrow one machine). Callers see only
// Store; nothing above this layer writes SQL.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "domain/model.h"
#include "storage/accounts_store.h"
#include "storage/tracking_store.h"

namespace craftlink::storage {

// Records written together: Store::Apply commits all of them or none.
struct WriteBatch {
  std::vector<domain::Craftsman> craftsmen;
  std::vector<domain::Enterprise> enterprises;
  std::vector<domain::Need> needs;
  std::vector<domain::InnovationResult> results;

  size_t size() const { return craftsmen.size() + enterprises.size() + needs.size() + results.size(); }
  bool empty() const { return size() == 0; }
  void clear() {
    craftsmen.clear();
    enterprises.clear();
    needs.clear();
    results.clear();
  }
};

enum class ChangeOp { kUpsert, kArchive, kRestore };
std::string_view ChangeOpCode(ChangeOp op);

// One entry of the change feed. Sequence numbers grow strictly in commit
// order, so a follower that has seen `seq` has seen every earlier change.
struct Change {
  int64_t seq = 0;
  domain::RecordKind kind = domain::RecordKind::kCraftsman;
  std::string id;
  ChangeOp op = ChangeOp::kUpsert;
};

struct ScanOptions {
  std::string org_id;            // only records owned by this organisation; empty = all
  bool include_archived = false;
  std::string text;              // case-insensitive substring over the record's main text
  std::string after_id;          // keyset paging: ids greater than this
  size_t limit = 0;              // 0 = no limit
  // Column = value, and column LIKE 'value%' (region and industry codes are
  // hierarchical by prefix). Columns must be queried columns of the table.
  std::vector<std::pair<std::string, std::string>> equals;
  std::vector<std::pair<std::string, std::string>> prefixes;
  // Sorted scans: by this queried text column, ties by id, both in the same
  // direction; text compares byte-wise (UTF-8 code point order) on every
  // backend, so 张 sorts after Wang and not by pinyin. Empty = id order.
  std::string sort_column;
  bool descending = false;
  // A sorted scan resumes after the row at (after_value, after_id) in its
  // order; SortValueOf (record_order.h) gives a visited record's value.
  std::optional<std::string> after_value;
  // Only records with these ids (at most kMaxScanIds, Invalid beyond);
  // nullopt = any id. Views that name many records read them in one go.
  std::optional<std::vector<std::string>> ids;
};

inline constexpr size_t kMaxScanIds = 500;

struct RecordCounts {
  int64_t organisations = 0;
  int64_t craftsmen = 0;
  int64_t enterprises = 0;
  int64_t needs = 0;
  int64_t results = 0;
};

// A write transaction that spans many batches: an import streams a large
// file through one BulkWriter and commits once, so that either every valid
// row is in or none is. Destroying an uncommitted writer rolls back.
class BulkWriter {
 public:
  virtual ~BulkWriter() = default;
  virtual Status Write(const WriteBatch& batch) = 0;
  virtual Status Commit() = 0;
};

template <typename T>
using Visitor = std::function<bool(T&&)>;  // return false to stop a scan

// Thread-safe: every method may be called from any thread; the store keeps a
// small pool of connections. Reads see committed data only. The tracking
// half of the interface is declared in tracking_store.h.
class Store : public TrackingStore {
 public:
  virtual ~Store() = default;
  virtual std::string_view backend() const = 0;  // "sqlite" or "postgresql"

  // Organisations. Put is an upsert; an alliance's members are replaced.
  virtual Status PutOrganisation(const domain::Organisation& org) = 0;
  virtual Result<std::optional<domain::Organisation>> GetOrganisation(std::string_view id) = 0;
  virtual Result<std::vector<domain::Organisation>> ListOrganisations() = 0;

  // Upserts every record of `batch` by id in one transaction and appends one
  // change per record to the feed. References (need → enterprise, result →
  // owners, record → organisation) must exist, or nothing is written.
  virtual Status Apply(const WriteBatch& batch) = 0;
  // Holds the store's write lock until committed or destroyed.
  virtual Result<std::unique_ptr<BulkWriter>> BeginBulk() = 0;
  // Archiving hides a record from default scans without deleting its history.
  virtual Status SetArchived(domain::RecordKind kind, std::string_view id, bool archived) = 0;

  virtual Result<std::optional<domain::Craftsman>> GetCraftsman(std::string_view id) = 0;
  virtual Result<std::optional<domain::Enterprise>> GetEnterprise(std::string_view id) = 0;
  virtual Result<std::optional<domain::Need>> GetNeed(std::string_view id) = 0;
  virtual Result<std::optional<domain::InnovationResult>> GetResult(std::string_view id) = 0;

  // Visit records in id order.
  virtual Status ScanCraftsmen(const ScanOptions& options, const Visitor<domain::Craftsman>& visit) = 0;
  virtual Status ScanEnterprises(const ScanOptions& options, const Visitor<domain::Enterprise>& visit) = 0;
  virtual Status ScanNeeds(const ScanOptions& options, const Visitor<domain::Need>& visit) = 0;
  virtual Status ScanResults(const ScanOptions& options, const Visitor<domain::InnovationResult>& visit) = 0;

  // The subset of `ids` that exist as records of `kind` (archived included).
  virtual Result<std::unordered_set<std::string>> ExistingIds(domain::RecordKind kind,
                                                              const std::vector<std::string>& ids) = 0;
  virtual Result<RecordCounts> Count() = 0;

  // Change feed: entries with seq > after_seq, oldest first.
  virtual Result<std::vector<Change>> ChangesSince(int64_t after_seq, size_t limit) = 0;
  virtual Result<int64_t> LastChangeSeq() = 0;
  // Blocks until the feed may hold an entry newer than `after_seq` (also when
  // another process wrote it) or `timeout` passes. Returns whether it did.
  virtual Result<bool> WaitForChange(int64_t after_seq, std::chrono::milliseconds timeout) = 0;

  // Accounts and sessions. Usernames are unique (409 otherwise).
  virtual Status PutUser(const UserRow& user) = 0;
  virtual Result<std::optional<UserRow>> GetUser(std::string_view id) = 0;
  virtual Result<std::optional<UserRow>> GetUserByName(std::string_view username) = 0;
  virtual Result<std::vector<UserRow>> ListUsers() = 0;
  // Sign-in bookkeeping without rewriting the rest of the row.
  virtual Status SetLoginState(std::string_view user_id, int failed_logins, std::string_view locked_until) = 0;
  virtual Status PutSession(const SessionRow& session) = 0;
  virtual Result<std::optional<SessionRow>> GetSession(std::string_view token_digest) = 0;
  virtual Status DeleteSession(std::string_view token_digest) = 0;
  virtual Status DeleteSessionsOf(std::string_view user_id) = 0;

  // The audit trail: append-only, ordered by seq.
  virtual Status AppendAudit(const AuditRow& row) = 0;
  virtual Result<std::vector<AuditRow>> ListAudit(int64_t after_seq, size_t limit) = 0;

  // A consistent copy of the whole database, taken while writers go on.
  virtual Status Backup(const std::filesystem::path& destination) = 0;
};

struct StoreOptions {
  size_t max_connections = 4;
};

// Opens (creating and migrating when needed) the database at `url`:
// `sqlite:PATH` or `postgresql://…` / `postgres://…`.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const StoreOptions& options = {});

// Replaces the database at `url` with the contents of a backup made by Backup.
Status RestoreStore(std::string_view url, const std::filesystem::path& backup);

inline constexpr char kDefaultDatabaseUrl[] = "sqlite:var/craftlink.db";
inline constexpr char kRootOrganisationId[] = "root";

}  // namespace craftlink::storage

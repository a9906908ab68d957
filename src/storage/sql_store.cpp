#include "storage/sql_store.h"

#include <algorithm>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/codec.h"
#include "storage/record_tables.h"
#include "storage/scan_sql.h"
#include "storage/schema.h"

namespace craftlink::storage {
namespace {

using domain::RecordKind;

constexpr size_t kIdsPerQuery = 500;
constexpr size_t kRowsPerChunk = 1000;  // PostgreSQL's largest INSERT (pg_backend.cpp)


const UpsertSpec& ChangesSpec() {
  static const UpsertSpec kSpec{"changes", {"kind", "record_id", "op", "changed_at"}, {}};
  return kSpec;
}

template <typename Record>
void AppendChanges(const std::vector<Record>& records, const std::string& at,
                   std::vector<std::vector<SqlValue>>& rows) {
  const std::string kind(domain::RecordKindPlural(RecordTable<Record>::kKind));
  for (const Record& r : records) {
    rows.push_back({Text(kind), Text(r.id), Text(std::string(ChangeOpCode(ChangeOp::kUpsert))), Text(at)});
  }
}

// Rows are built and handed over a chunk at a time: serialising a record
// costs about as much as PostgreSQL inserting it, and the two overlap.
template <typename Record>
Status WriteRecords(SqlConnection& c, const std::vector<Record>& records) {
  std::vector<std::vector<SqlValue>> rows;
  for (size_t start = 0; start < records.size(); start += kRowsPerChunk) {
    const size_t end = std::min(records.size(), start + kRowsPerChunk);
    rows.clear();
    for (size_t i = start; i < end; ++i) rows.push_back(RecordTable<Record>::Row(records[i]));
    CRAFTLINK_RETURN_IF_ERROR(c.StartWriteRows(RecordTable<Record>::Spec(), rows));
  }
  return Status::Ok();
}

Status WriteResultOwners(SqlConnection& c, const std::vector<domain::InnovationResult>& results) {
  std::vector<std::vector<SqlValue>> owners;
  for (const auto& r : results) {
    CRAFTLINK_RETURN_IF_ERROR(c.Exec("DELETE FROM result_owners WHERE result_id = $1", {Text(r.id)}));
    std::unordered_set<std::string> seen;
    for (const std::string& owner : r.owner_ids) {
      if (seen.insert(owner).second) owners.push_back({Text(r.id), Text(owner)});
    }
  }
  if (owners.empty()) return Status::Ok();
  static const UpsertSpec kSpec{"result_owners", {"result_id", "craftsman_id"}, {}};
  return c.WriteRows(kSpec, owners);
}

std::optional<ChangeOp> ParseChangeOp(std::string_view text) {
  for (ChangeOp op : {ChangeOp::kUpsert, ChangeOp::kArchive, ChangeOp::kRestore}) {
    if (ChangeOpCode(op) == text) return op;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ChangeOpCode(ChangeOp op) {
  switch (op) {
    case ChangeOp::kUpsert: return "upsert";
    case ChangeOp::kArchive: return "archive";
    case ChangeOp::kRestore: return "restore";
  }
  return "upsert";
}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->Release(std::move(c_));
}

Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c));
  }
  ++open_;
  lock.unlock();
  auto c = backend_.Connect();
  if (!c.ok()) {
    std::lock_guard relock(mutex_);
    --open_;
    available_.notify_one();
    return c.status();
  }
  return Lease(this, std::move(*c));
}

void ConnectionPool::Release(std::unique_ptr<SqlConnection> c) {
  std::lock_guard lock(mutex_);
  if (c) {
    idle_.push_back(std::move(c));
  } else {
    --open_;
  }
  available_.notify_one();
}

Result<std::unique_ptr<Store>> SqlStore::Open(std::unique_ptr<SqlBackend> backend, const StoreOptions& options) {
  std::unique_ptr<SqlStore> store(new SqlStore(std::move(backend), options));
  {
    auto c = store->pool_.Acquire();
    if (!c.ok()) return c.status();
    CRAFTLINK_RETURN_IF_ERROR(Migrate(**c));
  }
  return std::unique_ptr<Store>(std::move(store));
}

Status SqlStore::InWriteTransaction(const std::function<Status(SqlConnection&)>& body) {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  SqlConnection& conn = **c;
  CRAFTLINK_RETURN_IF_ERROR(conn.BeginWrite());
  Status s = body(conn);
  if (s.ok()) s = conn.Commit();
  if (!s.ok()) {
    if (!conn.Rollback().ok()) c->Discard();
  }
  return s;
}

Status SqlStore::PutOrganisation(const domain::Organisation& org) {
  return InWriteTransaction([&](SqlConnection& c) -> Status {
    const SqlValue parent = org.parent_id.empty() ? SqlValue{SqlNull{}} : Text(org.parent_id);
    static const UpsertSpec kSpec{"organisations", {"id", "name", "parent_id", "kind", "region", "body"}, {"id"}};
    CRAFTLINK_RETURN_IF_ERROR(c.WriteRows(
        kSpec, {{Text(org.id), Text(org.name), parent, Text(std::string(domain::OrganisationKindCode(org.kind))),
                 Text(org.region), Text(domain::ToJson(org).dump())}}));
    CRAFTLINK_RETURN_IF_ERROR(c.Exec("DELETE FROM organisation_members WHERE alliance_id = $1", {Text(org.id)}));
    std::vector<std::vector<SqlValue>> members;
    for (const std::string& m : org.member_ids) members.push_back({Text(org.id), Text(m)});
    if (members.empty()) return Status::Ok();
    static const UpsertSpec kMembers{"organisation_members", {"alliance_id", "member_id"}, {"alliance_id", "member_id"}};
    return c.WriteRows(kMembers, members);
  });
}

Result<std::optional<domain::Organisation>> SqlStore::GetOrganisation(std::string_view id) {
  auto all = ListOrganisations();
  if (!all.ok()) return all.status();
  for (auto& o : *all) {
    if (o.id == id) return std::optional<domain::Organisation>(std::move(o));
  }
  return std::optional<domain::Organisation>();
}

Result<std::vector<domain::Organisation>> SqlStore::ListOrganisations() {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  std::vector<domain::Organisation> out;
  Status decode_error;
  Status s = (*c)->Query("SELECT body FROM organisations ORDER BY id", {}, [&](const SqlRow& row) {
    auto j = nlohmann::json::parse(row.Text(0), nullptr, false);
    auto org = domain::OrganisationFromJson(j);
    if (!org.ok()) {
      decode_error = Status::Corruption("stored organisation does not decode: " + org.status().ToString());
      return false;
    }
    out.push_back(std::move(*org));
    return true;
  });
  if (!s.ok()) return s;
  if (!decode_error.ok()) return decode_error;
  return out;
}

Status SqlStore::WriteBatchRows(SqlConnection& c, const WriteBatch& batch) {
  // Parents before children so that foreign keys hold statement by statement.
  CRAFTLINK_RETURN_IF_ERROR(WriteRecords(c, batch.enterprises));
  CRAFTLINK_RETURN_IF_ERROR(WriteRecords(c, batch.craftsmen));
  CRAFTLINK_RETURN_IF_ERROR(WriteRecords(c, batch.needs));
  CRAFTLINK_RETURN_IF_ERROR(WriteRecords(c, batch.results));
  CRAFTLINK_RETURN_IF_ERROR(WriteResultOwners(c, batch.results));
  std::vector<std::vector<SqlValue>> changes;
  changes.reserve(batch.size());
  const std::string at = NowIso8601();
  AppendChanges(batch.enterprises, at, changes);
  AppendChanges(batch.craftsmen, at, changes);
  AppendChanges(batch.needs, at, changes);
  AppendChanges(batch.results, at, changes);
  CRAFTLINK_RETURN_IF_ERROR(c.WriteRows(ChangesSpec(), changes));
  return c.AnnounceChanges();
}

class SqlBulkWriter final : public BulkWriter {
 public:
  explicit SqlBulkWriter(ConnectionPool::Lease lease) : lease_(std::move(lease)) {}
  ~SqlBulkWriter() override {
    if (open_ && !lease_->Rollback().ok()) lease_.Discard();
  }

  Status Write(const WriteBatch& batch) override {
    if (!open_) return Status::Internal("bulk writer already finished");
    Status s = SqlStore::WriteBatchRows(*lease_, batch);
    if (!s.ok()) Abort();
    return s;
  }

  Status Commit() override {
    if (!open_) return Status::Internal("bulk writer already finished");
    open_ = false;
    Status s = lease_->Commit();
    if (!s.ok() && !lease_->Rollback().ok()) lease_.Discard();
    return s;
  }

 private:
  void Abort() {
    open_ = false;
    if (!lease_->Rollback().ok()) lease_.Discard();
  }

  ConnectionPool::Lease lease_;
  bool open_ = true;
};

Result<std::unique_ptr<BulkWriter>> SqlStore::BeginBulk() {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  CRAFTLINK_RETURN_IF_ERROR((*c)->BeginWrite());
  return std::unique_ptr<BulkWriter>(new SqlBulkWriter(std::move(*c)));
}

Status SqlStore::Apply(const WriteBatch& batch) {
  if (batch.empty()) return Status::Ok();
  return InWriteTransaction([&](SqlConnection& c) { return WriteBatchRows(c, batch); });
}

Status SqlStore::SetArchived(RecordKind kind, std::string_view id, bool archived) {
  return InWriteTransaction([&](SqlConnection& c) -> Status {
    bool found = false;
    CRAFTLINK_RETURN_IF_ERROR(c.Query("SELECT 1 FROM " + TableName(kind) + " WHERE id = $1", {Text(std::string(id))},
                                      [&](const SqlRow&) {
                                        found = true;
                                        return false;
                                      }));
    if (!found) return Status::NotFound(std::string(domain::RecordKindPlural(kind)) + " " + std::string(id));
    CRAFTLINK_RETURN_IF_ERROR(c.Exec("UPDATE " + TableName(kind) + " SET archived = $1 WHERE id = $2",
                                     {Int(archived ? 1 : 0), Text(std::string(id))}));
    const ChangeOp op = archived ? ChangeOp::kArchive : ChangeOp::kRestore;
    CRAFTLINK_RETURN_IF_ERROR(c.WriteRows(
        ChangesSpec(), {{Text(std::string(domain::RecordKindPlural(kind))), Text(std::string(id)),
                         Text(std::string(ChangeOpCode(op))), Text(NowIso8601())}}));
    return c.AnnounceChanges();
  });
}

template <typename Record>
Status SqlStore::ScanRecords(const ScanOptions& options, const Visitor<Record>& visit) {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  auto statement = BuildScanSql(RecordTable<Record>::Spec(), options, (*c)->dialect());
  if (!statement.ok()) return statement.status();
  Status decode_error;
  CRAFTLINK_RETURN_IF_ERROR((*c)->Query(statement->sql, statement->params, [&](const SqlRow& row) {
    auto record = RecordTable<Record>::Decode(row.Text(0));
    if (!record.ok()) {
      decode_error = record.status();
      return false;
    }
    record->meta.org_id = std::string(row.Text(1));
    record->meta.archived = row.Int(2) != 0;
    return visit(std::move(*record));
  }));
  return decode_error;
}

template <typename Record>
Result<std::optional<Record>> SqlStore::GetRecord(std::string_view id) {
  const std::string sql = "SELECT body, org_id, archived FROM " + RecordTable<Record>::Spec().table + " WHERE id = $1";
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  std::optional<Record> out;
  Status decode_error;
  CRAFTLINK_RETURN_IF_ERROR((*c)->Query(sql, {Text(std::string(id))}, [&](const SqlRow& row) {
    auto record = RecordTable<Record>::Decode(row.Text(0));
    if (!record.ok()) {
      decode_error = record.status();
      return false;
    }
    record->meta.org_id = std::string(row.Text(1));
    record->meta.archived = row.Int(2) != 0;
    out = std::move(*record);
    return false;
  }));
  if (!decode_error.ok()) return decode_error;
  return out;
}

Result<std::optional<domain::Craftsman>> SqlStore::GetCraftsman(std::string_view id) {
  return GetRecord<domain::Craftsman>(id);
}
Result<std::optional<domain::Enterprise>> SqlStore::GetEnterprise(std::string_view id) {
  return GetRecord<domain::Enterprise>(id);
}
Result<std::optional<domain::Need>> SqlStore::GetNeed(std::string_view id) { return GetRecord<domain::Need>(id); }
Result<std::optional<domain::InnovationResult>> SqlStore::GetResult(std::string_view id) {
  return GetRecord<domain::InnovationResult>(id);
}

Status SqlStore::ScanCraftsmen(const ScanOptions& o, const Visitor<domain::Craftsman>& v) { return ScanRecords(o, v); }
Status SqlStore::ScanEnterprises(const ScanOptions& o, const Visitor<domain::Enterprise>& v) {
  return ScanRecords(o, v);
}
Status SqlStore::ScanNeeds(const ScanOptions& o, const Visitor<domain::Need>& v) { return ScanRecords(o, v); }
Status SqlStore::ScanResults(const ScanOptions& o, const Visitor<domain::InnovationResult>& v) {
  return ScanRecords(o, v);
}

Result<std::unordered_set<std::string>> SqlStore::ExistingIds(RecordKind kind, const std::vector<std::string>& ids) {
  std::unordered_set<std::string> found;
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  for (size_t start = 0; start < ids.size(); start += kIdsPerQuery) {
    const size_t end = std::min(ids.size(), start + kIdsPerQuery);
    std::string sql = "SELECT id FROM " + TableName(kind) + " WHERE id IN (";
    std::vector<SqlValue> params;
    sql += BindList(params, std::vector<std::string>(ids.begin() + start, ids.begin() + end)) + ")";
    CRAFTLINK_RETURN_IF_ERROR((*c)->Query(sql, params, [&](const SqlRow& row) {
      found.emplace(row.Text(0));
      return true;
    }));
  }
  return found;
}

Result<RecordCounts> SqlStore::Count() {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  RecordCounts counts;
  const std::pair<const char*, int64_t*> tables[] = {{"organisations", &counts.organisations},
                                                    {"craftsmen", &counts.craftsmen},
                                                    {"enterprises", &counts.enterprises},
                                                    {"needs", &counts.needs},
                                                    {"results", &counts.results}};
  for (const auto& [table, out] : tables) {
    CRAFTLINK_RETURN_IF_ERROR((*c)->Query(std::string("SELECT COUNT(*) FROM ") + table, {}, [&](const SqlRow& row) {
      *out = row.Int(0);
      return false;
    }));
  }
  return counts;
}

Result<std::vector<Change>> SqlStore::ChangesSince(int64_t after_seq, size_t limit) {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  std::vector<Change> out;
  Status bad_row;
  CRAFTLINK_RETURN_IF_ERROR((*c)->Query(
      "SELECT seq, kind, record_id, op FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2",
      {Int(after_seq), Int(static_cast<int64_t>(limit))}, [&](const SqlRow& row) {
        auto kind = domain::ParseRecordKind(row.Text(1));
        auto op = ParseChangeOp(row.Text(3));
        if (!kind || !op) {
          bad_row = Status::Corruption("unknown change kind or op at seq " + std::to_string(row.Int(0)));
          return false;
        }
        out.push_back(Change{row.Int(0), *kind, std::string(row.Text(2)), *op});
        return true;
      }));
  if (!bad_row.ok()) return bad_row;
  return out;
}

Result<int64_t> SqlStore::LastChangeSeq() {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  int64_t seq = 0;
  CRAFTLINK_RETURN_IF_ERROR((*c)->Query("SELECT COALESCE(MAX(seq), 0) FROM changes", {}, [&](const SqlRow& row) {
    seq = row.Int(0);
    return false;
  }));
  return seq;
}

Result<bool> SqlStore::WaitForChange(int64_t after_seq, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto last = LastChangeSeq();
    if (!last.ok()) return last.status();
    if (*last > after_seq) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    backend_->WaitForForeignChange(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
  }
}

}  // namespace craftlink::storage

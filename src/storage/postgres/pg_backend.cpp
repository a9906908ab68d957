#include "storage/postgres/pg_backend.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

extern char** environ;

namespace craftlink::storage {
namespace {

using Clock = std::chrono::steady_clock;

// Every CraftLink writer, in every process, takes this transaction-scoped
// advisory lock (the key spells "CRAFTLNK").
constexpr int64_t kWriterLockKey = 0x43524146544C4E4B;
constexpr char kChannel[] = "craftlink_changes";
constexpr size_t kMaxParams = 65535;  // the protocol's limit per statement
// Rows per multi-row INSERT: large enough to amortise the round trip and the
// planning, small enough to keep one statement a few MB. Batches are cut into
// chunks of these two sizes, whose statements are prepared once per session,
// plus one unprepared remainder.
constexpr size_t kMaxRowsPerInsert = 1000;
constexpr size_t kMidRowsPerInsert = 100;
// Rows read and dropped after a scan's callback stopped before the query is
// cancelled: short results finish cheaper than a cancel request, which
// costs a new connection to the server.
constexpr size_t kDrainBeforeCancel = 1000;
// See WaitForForeignChange.
constexpr auto kMaxBlindWait = std::chrono::milliseconds(250);

using PgResult = std::unique_ptr<PGresult, decltype([](PGresult* r) { PQclear(r); })>;
using PgConn = std::unique_ptr<PGconn, decltype([](PGconn* c) { PQfinish(c); })>;

ErrorCode CodeForSqlState(std::string_view state, bool connection_bad) {
  if (state.size() < 2) return connection_bad ? ErrorCode::kUnavailable : ErrorCode::kInternal;
  const std::string_view cls = state.substr(0, 2);
  if (cls == "23") return ErrorCode::kConflict;  // integrity constraint violation
  // Connection, operator intervention (shutdown), resources, and
  // serialization failures or deadlocks: the same call may succeed later.
  if (cls == "08" || cls == "57" || cls == "53" || cls == "40") return ErrorCode::kUnavailable;
  if (cls == "22") return ErrorCode::kInvalidArgument;  // data exception: a value the column refuses
  if (state == "42501") return ErrorCode::kPermissionDenied;
  if (cls == "58") return ErrorCode::kIoError;
  if (state == "XX001" || state == "XX002") return ErrorCode::kCorruption;
  return ErrorCode::kInternal;  // 42 (bad SQL, missing table) and the rest: a bug or a foreign schema
}

std::string Trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string Snippet(std::string_view sql) {
  constexpr size_t kMax = 100;
  return sql.size() <= kMax ? std::string(sql) : std::string(sql.substr(0, kMax)) + "…";
}

Status PgError(PGconn* conn, const PGresult* res, std::string_view what) {
  auto field = [&](int code) { return res != nullptr ? PQresultErrorField(res, code) : nullptr; };
  const char* state = field(PG_DIAG_SQLSTATE);
  const char* primary = field(PG_DIAG_MESSAGE_PRIMARY);
  const char* detail = field(PG_DIAG_MESSAGE_DETAIL);
  std::string message = std::string(what) + ": " + (primary != nullptr ? primary : Trimmed(PQerrorMessage(conn)));
  if (detail != nullptr) message += " (" + std::string(detail) + ")";
  if (state != nullptr) message += " [SQLSTATE " + std::string(state) + "]";
  return Status(CodeForSqlState(state != nullptr ? state : "", PQstatus(conn) == CONNECTION_BAD), message);
}

// Connection options parsed from a libpq URI, e.g. to describe the target
// in messages (never with its password) or to hand it to pg_dump.
struct ConnInfo {
  std::vector<std::pair<std::string, std::string>> options;  // set keywords only
  std::string password;
  bool parsed = false;

  std::string Get(const std::string& key) const {
    for (const auto& [k, v] : options) {
      if (k == key) return v;
    }
    return {};
  }
};

ConnInfo ParseConnInfo(const std::string& url) {
  ConnInfo info;
  char* error = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &error);
  PQfreemem(error);  // its text may quote the URL, password included
  if (opts == nullptr) return info;
  info.parsed = true;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    if (std::string_view(o->keyword) == "password") {
      info.password = o->val;
    } else {
      info.options.emplace_back(o->keyword, o->val);
    }
  }
  PQconninfoFree(opts);
  return info;
}

// "user@host:port/dbname", for messages.
std::string DescribeTarget(const ConnInfo& info) {
  if (!info.parsed) return "(unparsable PostgreSQL URL)";
  const std::string user = info.Get("user"), host = info.Get("host"), port = info.Get("port");
  return (user.empty() ? "" : user + "@") + (host.empty() ? "localhost" : host) + ":" +
         (port.empty() ? "5432" : port) + "/" + info.Get("dbname");
}

// libpq's messages may echo parts of the URL; keep the password out of them.
// (Masking a one- or two-letter password would mangle every word holding it.)
std::string Redacted(std::string message, const std::string& password) {
  if (password.size() < 3) return message;
  for (size_t at = message.find(password); at != std::string::npos; at = message.find(password, at)) {
    message.replace(at, password.size(), "***");
  }
  return message;
}

// keyword='value' … without the password, which travels in PGPASSWORD so
// that it never shows in a process listing.
std::string KeywordConnString(const ConnInfo& info) {
  std::string out;
  for (const auto& [key, value] : info.options) {
    out += (out.empty() ? "" : " ") + key + "='";
    for (char ch : value) {
      if (ch == '\'' || ch == '\\') out.push_back('\\');
      out.push_back(ch);
    }
    out += "'";
  }
  return out;
}

void DropNotice(void*, const char*) {}

Result<PgConn> OpenConnection(const std::string& url, const ConnInfo& info) {
  // Keywords before `dbname` are defaults the URL may override.
  const char* keys[] = {"connect_timeout", "client_encoding", "fallback_application_name", "options", "dbname", nullptr};
  const char* values[] = {"10", "UTF8", "craftlink", "-c client_min_messages=warning", url.c_str(), nullptr};
  PgConn conn(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
  if (conn == nullptr) return Status::Unavailable("cannot allocate a PostgreSQL connection");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Status::Unavailable("cannot connect to PostgreSQL at " + DescribeTarget(info) + ": " +
                               Redacted(Trimmed(PQerrorMessage(conn.get())), info.password));
  }
  // WARNINGs (e.g. ROLLBACK outside a transaction) would go to stderr.
  PQsetNoticeProcessor(conn.get(), DropNotice, nullptr);
  return conn;
}

// Text-format parameters: libpq wants NUL-terminated strings; integers are
// formatted into stable storage, strings point into the caller's values.
class Params {
 public:
  Params() = default;
  explicit Params(const std::vector<SqlValue>& values) {
    for (const SqlValue& v : values) Add(v);
  }
  void Add(const SqlValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) {
      pointers_.push_back(s->c_str());
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      auto& buf = ints_.emplace_back();
      *std::to_chars(buf.data(), buf.data() + buf.size() - 1, *n).ptr = '\0';
      pointers_.push_back(buf.data());
    } else {
      pointers_.push_back(nullptr);  // SQL NULL
    }
  }
  int size() const { return static_cast<int>(pointers_.size()); }
  const char* const* values() const { return pointers_.data(); }

 private:
  std::vector<const char*> pointers_;
  std::deque<std::array<char, 24>> ints_;  // deque: addresses stay put
};

class PgRow final : public SqlRow {
 public:
  explicit PgRow(const PGresult* res) : res_(res) {}
  bool IsNull(int column) const override { return PQgetisnull(res_, 0, column) != 0; }
  int64_t Int(int column) const override {
    const std::string_view text = Text(column);
    int64_t n = 0;
    std::from_chars(text.data(), text.data() + text.size(), n);
    return n;
  }
  std::string_view Text(int column) const override {
    return {PQgetvalue(res_, 0, column), static_cast<size_t>(PQgetlength(res_, 0, column))};
  }

 private:
  const PGresult* res_;
};

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string UpsertSql(const UpsertSpec& spec, size_t rows) {
  std::string sql = "INSERT INTO " + spec.table + " (" + Join(spec.columns) + ") VALUES ";
  size_t n = 0;
  for (size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (size_t c = 0; c < spec.columns.size(); ++c) sql += (c == 0 ? "$" : ", $") + std::to_string(++n);
    sql += ")";
  }
  if (spec.key_columns.empty()) return sql;
  sql += " ON CONFLICT (" + Join(spec.key_columns) + ") DO ";
  std::vector<std::string> updates;
  for (const auto& c : spec.columns) {
    if (std::find(spec.key_columns.begin(), spec.key_columns.end(), c) == spec.key_columns.end()) {
      updates.push_back(c + " = EXCLUDED." + c);
    }
  }
  return sql + (updates.empty() ? "NOTHING" : "UPDATE SET " + Join(updates));
}

// Indexes of the rows to write, in order. One INSERT … ON CONFLICT DO UPDATE
// may not touch a row twice, so for a key given more than once only its
// last occurrence is kept — the row a statement-per-row upsert leaves.
std::vector<size_t> LastOccurrences(const UpsertSpec& spec, const std::vector<std::vector<SqlValue>>& rows) {
  std::vector<size_t> keep;
  keep.reserve(rows.size());
  if (spec.key_columns.empty()) {
    for (size_t i = 0; i < rows.size(); ++i) keep.push_back(i);
    return keep;
  }
  std::vector<size_t> key_index;
  for (const auto& k : spec.key_columns) {
    key_index.push_back(std::find(spec.columns.begin(), spec.columns.end(), k) - spec.columns.begin());
  }
  std::unordered_set<std::string> seen;
  for (size_t i = rows.size(); i-- > 0;) {
    std::string key;
    for (size_t k : key_index) {
      const SqlValue& v = k < rows[i].size() ? rows[i][k] : SqlValue{};
      key += std::to_string(v.index()) + ":";
      if (const auto* s = std::get_if<std::string>(&v)) key += std::to_string(s->size()) + ":" + *s;
      if (const auto* n = std::get_if<int64_t>(&v)) key += std::to_string(*n);
    }
    if (seen.insert(std::move(key)).second) keep.push_back(i);
  }
  std::reverse(keep.begin(), keep.end());
  return keep;
}

class PgConnection final : public SqlConnection {
 public:
  PgConnection(PgConn conn, std::string target) : conn_(std::move(conn)), target_(std::move(target)) {}

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }

  Status Exec(std::string_view sql, const std::vector<SqlValue>& params) override {
    CRAFTLINK_RETURN_IF_ERROR(EnsureConnected());
    const Params p(params);
    return Check(PQexecParams(conn_.get(), std::string(sql).c_str(), p.size(), nullptr, p.values(), nullptr,
                              nullptr, 0),
                 sql);
  }

  // Streams rows one at a time (single-row mode), so a scan of any size
  // holds one row in memory.
  Status Query(std::string_view sql, const std::vector<SqlValue>& params, const RowCallback& on_row) override {
    CRAFTLINK_RETURN_IF_ERROR(EnsureConnected());
    // A reader that stops early wants no more rows (statements that write
    // go through Exec). Cancelling would abort a surrounding transaction, so
    // a query inside one is drained instead.
    const bool may_cancel = PQtransactionStatus(conn_.get()) == PQTRANS_IDLE;
    const Params p(params);
    if (PQsendQueryParams(conn_.get(), std::string(sql).c_str(), p.size(), nullptr, p.values(), nullptr, nullptr,
                          0) == 0) {
      return PgError(conn_.get(), nullptr, "query failed (" + Snippet(sql) + ")");
    }
    PQsetSingleRowMode(conn_.get());
    Status status;
    bool stopped = false;
    size_t dropped = 0;
    while (PgResult res{PQgetResult(conn_.get())}) {
      const ExecStatusType st = PQresultStatus(res.get());
      if (stopped) {
        if (++dropped == kDrainBeforeCancel && may_cancel) Cancel();
        continue;  // including the error a cancel causes
      }
      if (st == PGRES_SINGLE_TUPLE) {
        stopped = !on_row(PgRow(res.get()));
      } else if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && status.ok()) {
        status = PgError(conn_.get(), res.get(), "query failed (" + Snippet(sql) + ")");
      }
    }
    return status;
  }

  Status ExecScript(std::string_view sql) override {
    CRAFTLINK_RETURN_IF_ERROR(EnsureConnected());
    return Check(PQexec(conn_.get(), std::string(sql).c_str()), sql);
  }

  Status WriteRows(const UpsertSpec& spec, const std::vector<std::vector<SqlValue>>& rows) override {
    CRAFTLINK_RETURN_IF_ERROR(StartWriteRows(spec, rows));
    return Drain();
  }

  // Each chunk is sent once the previous one has finished; the last one is
  // left running for Drain(), so the caller can build its next rows while
  // the server inserts these.
  Status StartWriteRows(const UpsertSpec& spec, const std::vector<std::vector<SqlValue>>& rows) override {
    if (rows.empty()) return Status::Ok();
    if (spec.columns.empty()) return Status::Internal("WriteRows without columns for " + spec.table);
    CRAFTLINK_RETURN_IF_ERROR(EnsureConnected());
    const std::vector<size_t> order = LastOccurrences(spec, rows);
    const size_t per_insert = std::max<size_t>(1, std::min(kMaxRowsPerInsert, kMaxParams / spec.columns.size()));
    for (size_t start = 0, n = 0; start < order.size(); start += n) {
      const size_t left = order.size() - start;
      n = left >= per_insert ? per_insert : left >= kMidRowsPerInsert ? kMidRowsPerInsert : left;
      Params p;
      for (size_t i = start; i < start + n; ++i) {
        const auto& row = rows[order[i]];
        if (row.size() != spec.columns.size()) return Status::Internal("row width differs from " + spec.table);
        for (const SqlValue& v : row) p.Add(v);
      }
      CRAFTLINK_RETURN_IF_ERROR(SendUpsert(spec, n, p, n == per_insert || n == kMidRowsPerInsert));
    }
    return Status::Ok();
  }

  // Writers serialise on one advisory lock, held until commit or rollback.
  // Sequence numbers (BIGSERIAL) are handed out outside transactions: two
  // concurrent writers could take seq 5 and 6 and commit 6 first; a follower
  // that read "seq > 4" then would move past 5 and never see it. With the
  // lock, seqs commit in the order they were assigned.
  Status BeginWrite() override {
    return Begin("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLockKey) + ")");
  }
  Status BeginRead() override { return Begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }

  Status Commit() override {
    in_transaction_ = false;
    CRAFTLINK_RETURN_IF_ERROR(Drain());  // the transaction failed: the caller rolls back
    PgResult res{PQexec(conn_.get(), "COMMIT")};
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return PgError(conn_.get(), res.get(), "commit failed");
    // COMMIT of a transaction that already failed reports success but rolls back.
    if (std::string_view(PQcmdStatus(res.get())) == "ROLLBACK") {
      return Status::Internal("commit failed: the transaction had already failed and was rolled back");
    }
    return Status::Ok();
  }

  Status Rollback() override {
    in_transaction_ = false;
    (void)Drain();  // its failure is what is being rolled back
    switch (PQtransactionStatus(conn_.get())) {
      case PQTRANS_IDLE: return Status::Ok();
      case PQTRANS_UNKNOWN: return Status::Unavailable("connection to " + target_ + " lost");
      default: return Check(PQexec(conn_.get(), "ROLLBACK"), "ROLLBACK");
    }
  }

  // Delivered to listeners when the transaction commits, never if it rolls back.
  Status AnnounceChanges() override { return ExecScript(std::string("NOTIFY ") + kChannel); }

 private:
  Status Begin(const std::string& sql) {
    Status s = ExecScript(sql);
    in_transaction_ = PQtransactionStatus(conn_.get()) != PQTRANS_IDLE;
    if (!s.ok() && in_transaction_) (void)Rollback();
    return s;
  }

  Status Check(PGresult* raw, std::string_view sql) {
    PgResult res(raw);
    const ExecStatusType st = PQresultStatus(res.get());
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::Ok();
    return PgError(conn_.get(), res.get(), "statement failed (" + Snippet(sql) + ")");
  }

  // Chunks of the fixed sizes reuse a prepared statement: a 1000-row INSERT
  // takes about as long to parse and plan as to execute. Remainders vary in
  // size and run unprepared, so a session keeps two statements per table.
  // Returns once the statement is sent; Drain() collects its outcome.
  Status SendUpsert(const UpsertSpec& spec, size_t rows, const Params& p, bool reuse) {
    CRAFTLINK_RETURN_IF_ERROR(Drain());
    const std::string sql = UpsertSql(spec, rows);
    int sent = 0;
    if (!reuse) {
      sent = PQsendQueryParams(conn_.get(), sql.c_str(), p.size(), nullptr, p.values(), nullptr, nullptr, 0);
    } else {
      auto it = prepared_.find(sql);
      if (it == prepared_.end()) {
        const std::string name = "craftlink_upsert_" + std::to_string(prepared_.size());
        CRAFTLINK_RETURN_IF_ERROR(Check(PQprepare(conn_.get(), name.c_str(), sql.c_str(), 0, nullptr), sql));
        it = prepared_.emplace(sql, name).first;
      }
      sent = PQsendQueryPrepared(conn_.get(), it->second.c_str(), p.size(), p.values(), nullptr, nullptr, 0);
    }
    if (sent == 0) return PgError(conn_.get(), nullptr, "writing " + spec.table);
    pending_ = "writing " + spec.table;
    return Status::Ok();
  }

  // Waits for the statement StartWriteRows left running, if any, and
  // answers its outcome. Every other call on the connection drains first.
  Status Drain() {
    if (pending_.empty()) return Status::Ok();
    const std::string what = std::move(pending_);
    pending_.clear();
    Status status;
    while (PgResult res{PQgetResult(conn_.get())}) {
      const ExecStatusType st = PQresultStatus(res.get());
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && status.ok()) {
        status = PgError(conn_.get(), res.get(), "statement failed (" + what + ")");
      }
    }
    return status;
  }

  // A session that broke between transactions (server restart, network)
  // is re-established; one that broke inside a transaction fails it.
  Status EnsureConnected() {
    CRAFTLINK_RETURN_IF_ERROR(Drain());
    if (PQstatus(conn_.get()) == CONNECTION_OK) return Status::Ok();
    if (in_transaction_) return Status::Unavailable("connection to " + target_ + " lost inside a transaction");
    PQreset(conn_.get());
    prepared_.clear();
    if (PQstatus(conn_.get()) != CONNECTION_OK) return Status::Unavailable("connection to " + target_ + " lost");
    return Status::Ok();
  }

  void Cancel() {
    PGcancel* cancel = PQgetCancel(conn_.get());
    if (cancel == nullptr) return;
    std::array<char, 256> error{};
    (void)PQcancel(cancel, error.data(), static_cast<int>(error.size()));
    PQfreeCancel(cancel);
  }

  PgConn conn_;
  std::string target_;
  bool in_transaction_ = false;  // between a Begin and its Commit or Rollback
  std::unordered_map<std::string, std::string> prepared_;  // SQL → statement name
  std::string pending_;  // what a statement still running is doing; empty: none
};

std::string FindTool(const std::string& name) {
  const std::string pinned = "/usr/lib/postgresql/15/bin/" + name;
  return access(pinned.c_str(), X_OK) == 0 ? pinned : name;  // else posix_spawnp searches PATH
}

// Runs a PostgreSQL client tool without a shell (the connection string may
// hold any character) and returns its stderr when it fails.
Status RunTool(const std::string& tool, const std::vector<std::string>& args, const std::string& password) {
  // The URL's password, if any, replaces one inherited in PGPASSWORD.
  std::vector<std::string> env_storage;
  for (char** e = environ; *e != nullptr; ++e) {
    if (password.empty() || std::string_view(*e).rfind("PGPASSWORD=", 0) != 0) env_storage.emplace_back(*e);
  }
  if (!password.empty()) env_storage.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp, argv;
  for (auto& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_storage{tool};
  arg_storage.insert(arg_storage.end(), args.begin(), args.end());
  for (auto& a : arg_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  int err_pipe[2];
  if (pipe2(err_pipe, O_CLOEXEC) != 0) return Status::IoError("pipe failed for " + tool);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(err_pipe[1]);
  if (rc != 0) {
    close(err_pipe[0]);
    return Status::Unavailable("cannot run " + tool + ": " + std::strerror(rc));
  }
  std::string stderr_text;
  std::array<char, 4096> buf;
  for (ssize_t n; (n = read(err_pipe[0], buf.data(), buf.size())) != 0;) {
    if (n > 0) stderr_text.append(buf.data(), static_cast<size_t>(n));
    else if (errno != EINTR) break;
  }
  close(err_pipe[0]);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) return Status::Ok();
  const std::string how = WIFEXITED(wstatus) ? "exit status " + std::to_string(WEXITSTATUS(wstatus)) : "a signal";
  if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 127) return Status::Unavailable(tool + " not found");
  return Status::Internal(tool + " failed (" + how + "): " + Redacted(Trimmed(stderr_text.c_str()), password));
}

class PgBackend final : public SqlBackend {
 public:
  explicit PgBackend(std::string url)
      : url_(std::move(url)), info_(ParseConnInfo(url_)), target_(DescribeTarget(info_)) {}

  std::string_view name() const override { return "postgresql"; }

  Result<std::unique_ptr<SqlConnection>> Connect() override {
    auto conn = OpenConnection(url_, info_);
    if (!conn.ok()) return conn.status();
    return std::unique_ptr<SqlConnection>(std::make_unique<PgConnection>(std::move(*conn), target_));
  }

  // One listener connection serves every waiting thread: one thread at a
  // time polls it, the others wait for that thread's verdict. Each wait is
  // capped at kMaxBlindWait, because a notification can be missed — one
  // another thread consumed before this caller arrived, or one sent while
  // the listener was reconnecting — and the caller re-reads the feed
  // between waits; so a follower lags by at most that much, and usually
  // wakes as the writer commits.
  void WaitForForeignChange(std::chrono::milliseconds timeout) override {
    const auto deadline = Clock::now() + std::min(timeout, std::chrono::milliseconds(kMaxBlindWait));
    std::unique_lock lock(mutex_);
    const uint64_t seen = generation_;
    while (polling_) {
      if (wake_.wait_until(lock, deadline) == std::cv_status::timeout || generation_ != seen) return;
    }
    if (generation_ != seen) return;
    polling_ = true;
    lock.unlock();
    const bool changed = PollListener(deadline);  // only the polling thread touches listener_
    lock.lock();
    polling_ = false;
    if (changed) ++generation_;
    wake_.notify_all();
  }

  Status Backup(const std::filesystem::path& destination) override {
    const std::filesystem::path partial = destination.string() + ".partial";
    std::error_code ec;
    std::filesystem::remove(partial, ec);
    // pg_dump reads everything in one REPEATABLE READ snapshot: the copy is
    // consistent while writers go on.
    Status s = RunTool(FindTool("pg_dump"),
                       {"--format=custom", "--file=" + partial.string(), "--dbname=" + KeywordConnString(info_)},
                       info_.password);
    if (!s.ok()) {
      std::filesystem::remove(partial, ec);
      return Status(s.code(), "backup of " + target_ + " failed: " + s.message());
    }
    // Rename last so that `destination` is never a half-written backup.
    std::filesystem::rename(partial, destination, ec);
    if (ec) return Status::IoError("cannot move backup into place: " + ec.message());
    return Status::Ok();
  }

 private:
  // True when the feed may have changed: a notification arrived, or the
  // listener is new or broken so that some may have been missed.
  bool PollListener(Clock::time_point deadline) {
    if (listener_ == nullptr) {
      if (OpenListener()) return true;
      std::this_thread::sleep_until(deadline);  // server down: don't spin
      return false;
    }
    if (DrainNotifications()) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd fd{PQsocket(listener_.get()), POLLIN, 0};
    const int ready = poll(&fd, 1, static_cast<int>(std::max<int64_t>(0, left.count())));
    if (ready == 0) return false;
    if (ready < 0 && errno == EINTR) return false;
    if (ready < 0 || (fd.revents & (POLLERR | POLLNVAL)) != 0) {
      listener_.reset();
      return true;
    }
    return DrainNotifications();
  }

  bool OpenListener() {
    auto conn = OpenConnection(url_, info_);
    if (!conn.ok()) return false;
    PgResult res{PQexec(conn->get(), (std::string("LISTEN ") + kChannel).c_str())};
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return false;
    listener_ = std::move(*conn);
    return true;
  }

  // Consumes whatever arrived; a broken listener is dropped and reopened by
  // the next wait.
  bool DrainNotifications() {
    if (PQconsumeInput(listener_.get()) == 0 || PQstatus(listener_.get()) != CONNECTION_OK) {
      listener_.reset();
      return true;
    }
    bool any = false;
    while (PGnotify* n = PQnotifies(listener_.get())) {
      any = true;
      PQfreemem(n);
    }
    return any;
  }

  const std::string url_;
  const ConnInfo info_;
  const std::string target_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool polling_ = false;     // guarded by mutex_
  uint64_t generation_ = 0;  // guarded by mutex_; bumped when the feed may have changed
  PgConn listener_;          // used by the polling thread only
};

}  // namespace

std::unique_ptr<SqlBackend> MakePostgresBackend(std::string url) { return std::make_unique<PgBackend>(std::move(url)); }

Status RestorePostgres(const std::string& url, const std::filesystem::path& backup) {
  if (!std::filesystem::is_regular_file(backup)) return Status::NotFound("backup file not found: " + backup.string());
  // A clear refusal for files that are not custom-format dumps at all.
  std::array<char, 5> magic{};
  std::ifstream(backup, std::ios::binary).read(magic.data(), magic.size());
  if (std::string_view(magic.data(), magic.size()) != "PGDMP") {
    return Status::Invalid("not a PostgreSQL backup (pg_dump custom format): " + backup.string(), "backup");
  }
  const ConnInfo info = ParseConnInfo(url);
  if (!info.parsed) return Status::Invalid("cannot parse the PostgreSQL URL", "db");
  Status s = RunTool(FindTool("pg_restore"),
                     {"--clean", "--if-exists", "--no-owner", "--single-transaction",
                      "--dbname=" + KeywordConnString(info), backup.string()},
                     info.password);
  if (!s.ok()) return Status(s.code(), "restore into " + DescribeTarget(info) + " failed: " + s.message());
  return Status::Ok();
}

}  // namespace craftlink::storage

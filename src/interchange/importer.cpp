#include "interchange/importer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <functional>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "domain/codec.h"
#include "domain/codec_line.h"
#include "interchange/references.h"
#include "interchange/row_source.h"

namespace craftlink::interchange {
namespace {

using domain::RecordKind;

// Below this many rows a batch is decoded on the calling thread alone.
constexpr size_t kRowsWorthAThread = 256;

// One decoded row waiting for its reference check.
struct PendingRow {
  size_t line;
  std::string raw;
};

class ImportRun {
 public:
  ImportRun(storage::Store& store, const RecordValidator& validator, const ImportOptions& options,
            ImportSummary& summary)
      : store_(store), validator_(validator), options_(options), summary_(summary) {}

  // `may_commit` is asked once every row is written; its error abandons the
  // import (the writer rolls back when destroyed).
  Status Run(RowSource& source, const std::function<Status()>& may_commit) {
    if (!options_.report.empty()) {
      report_.open(options_.report, std::ios::binary | std::ios::trunc);
      if (!report_) return Status::IoError(options_.report.string() + ": 无法写入错误报告 (cannot write report)");
    }
    auto writer = store_.BeginBulk();
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
    std::vector<SourceRow> rows;
    for (bool end = false; !end;) {
      rows.clear();
      while (rows.size() < options_.batch_rows) {
        auto row = source.NextUnparsed();
        if (!row.ok()) return Status(row.status().code(), Where(0) + row.status().message());
        if (!row->has_value()) {
          end = true;
          break;
        }
        rows.push_back(std::move(**row));
      }
      AddRows(rows);
      CRAFTLINK_RETURN_IF_ERROR(Flush());
    }
    CRAFTLINK_RETURN_IF_ERROR(WaitForWrite());
    // Reference checks run per batch, after the row checks of later rows.
    std::stable_sort(summary_.errors.begin(), summary_.errors.end(),
                     [](const RowError& a, const RowError& b) { return a.line < b.line; });
    if (options_.strict && summary_.rejected > 0) {
      summary_.imported = 0;
      return Status::Ok();  // the writer rolls back when destroyed
    }
    CRAFTLINK_RETURN_IF_ERROR(may_commit());
    CRAFTLINK_RETURN_IF_ERROR(writer_->Commit());
    summary_.committed = true;
    return Status::Ok();
  }

 private:
  std::string Where(size_t line) const {
    return summary_.file.string() + (line > 0 ? ":" + std::to_string(line) : "") + ": ";
  }

  void Reject(size_t line, const std::string& raw, std::string field, std::string reason) {
    ++summary_.rejected;
    RowError e{line, std::move(field), std::move(reason)};
    if (report_.is_open()) {
      nlohmann::json j = {{"file", summary_.file.string()}, {"line", e.line}, {"field", e.field},
                          {"reason", e.reason}, {"row", raw}};
      report_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    if (summary_.errors.size() < ImportSummary::kKeptErrors) summary_.errors.push_back(std::move(e));
  }

  void Reject(const PendingRow& row, const Status& s) { Reject(row.line, row.raw, s.field(), s.message()); }

  // Remembers the line of each id; a repeat within the file is an error.
  bool FirstOccurrence(const std::string& id, const PendingRow& row) {
    const uint64_t h = std::hash<std::string>{}(id);
    auto [it, inserted] = seen_ids_.emplace(h, static_cast<uint32_t>(row.line));
    if (!inserted) {
      Reject(row.line, row.raw, "id", "编号「" + id + "」与第 " + std::to_string(it->second) + " 行重复 (duplicate id)");
    }
    return inserted;
  }

  static bool HasReferences(RecordKind kind) { return kind == RecordKind::kNeed || kind == RecordKind::kResult; }

  // Decodes and checks `rows` (pure work, split over this thread and a
  // helper while the writer thread writes the previous batch), then accepts
  // or rejects them in file order. A JSON line goes to `decode_line`, which
  // skips building a JSON tree, and to the tree path (`decode`) only when
  // that gives up; CSV rows come as trees.
  template <typename Record, typename DecodeLine, typename Decode, typename Check>
  void AddRows(std::vector<SourceRow>& rows, DecodeLine decode_line, Decode decode, Check check,
               std::vector<Record>& out) {
    std::vector<std::optional<Result<Record>>> decoded(rows.size());
    auto work = [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        SourceRow& row = rows[i];
        std::optional<Result<Record>> record;
        if (!row.text.empty()) record = decode_line(row.text);
        if (record) {
          RowSource::SetDecoded(row);
        } else {
          RowSource::Parse(row);
          if (!row.object.ok()) {
            decoded[i].emplace(row.object.status());
            continue;
          }
          record.emplace(decode(*row.object));
          row.object = nlohmann::json();  // frees the tree on the thread that built it
        }
        if (record->ok()) {
          Status s = check(**record);
          if (!s.ok()) *record = std::move(s);
        }
        decoded[i] = std::move(record);
      }
    };
    const size_t half = rows.size() >= kRowsWorthAThread ? rows.size() / 2 : rows.size();
    std::future<void> helper;
    if (half < rows.size()) helper = std::async(std::launch::async, work, half, rows.size());
    work(0, half);
    if (helper.valid()) helper.get();

    for (size_t i = 0; i < rows.size(); ++i) {
      ++summary_.rows;
      PendingRow pending{rows[i].line, std::move(rows[i].raw)};
      Result<Record>& record = *decoded[i];
      if (!record.ok()) {
        Reject(pending, record.status());
        continue;
      }
      if (!FirstOccurrence(record->id, pending)) continue;
      record->meta.org_id = options_.org_id;
      out.push_back(std::move(*record));
      // Only rows whose references are checked per batch can still be rejected.
      if (HasReferences(summary_.kind)) lines_.push_back(std::move(pending));
    }
  }

  void AddRows(std::vector<SourceRow>& rows) {
    switch (summary_.kind) {
      case RecordKind::kCraftsman:
        return AddRows(rows, domain::CraftsmanFromLine, domain::CraftsmanFromJson,
                       [&](auto& r) { return validator_.Check(r); }, batch_.craftsmen);
      case RecordKind::kEnterprise:
        return AddRows(rows, domain::EnterpriseFromLine, domain::EnterpriseFromJson,
                       [&](auto& r) { return validator_.Check(r, options_.validation); }, batch_.enterprises);
      case RecordKind::kNeed:
        return AddRows(rows, domain::NeedFromLine, domain::NeedFromJson, [&](auto& r) { return validator_.Check(r); },
                       batch_.needs);
      case RecordKind::kResult:
        return AddRows(rows, domain::InnovationResultFromLine, domain::InnovationResultFromJson,
                       [&](auto& r) { return validator_.Check(r); }, batch_.results);
    }
  }

  // Drops rows whose references do not exist; returns the ones that stay.
  template <typename Record>
  Status KeepResolvable(std::vector<Record>& records) {
    auto missing = MissingReferences(store_, records);
    if (!missing.ok()) return missing.status();
    std::vector<Record> kept;
    std::vector<PendingRow> kept_lines;
    for (size_t i = 0; i < records.size(); ++i) {
      if ((*missing)[i].empty()) {
        kept.push_back(std::move(records[i]));
        kept_lines.push_back(std::move(lines_[i]));
      } else {
        Reject(lines_[i], MissingReferenceError(summary_.kind, (*missing)[i]));
      }
    }
    records = std::move(kept);
    lines_ = std::move(kept_lines);
    return Status::Ok();
  }

  Status Flush() {
    if (!batch_.empty()) {
      if (!batch_.needs.empty()) CRAFTLINK_RETURN_IF_ERROR(KeepResolvable(batch_.needs));
      if (!batch_.results.empty()) CRAFTLINK_RETURN_IF_ERROR(KeepResolvable(batch_.results));
      for (const auto& e : batch_.enterprises) summary_.uscc_overrides += e.uscc_check_overridden ? 1 : 0;
      summary_.imported += batch_.size();
      if (!(options_.strict && summary_.rejected > 0)) CRAFTLINK_RETURN_IF_ERROR(StartWrite());
    }
    batch_.clear();
    lines_.clear();
    return Status::Ok();
  }

  // Writing (serialising rows, SQL) overlaps with reading and validating the
  // next batch: on two cores an import runs close to the slower of the two.
  Status StartWrite() {
    CRAFTLINK_RETURN_IF_ERROR(WaitForWrite());
    // The writing thread also frees the batch: destroying 5,000 records costs
    // as much as a tenth of decoding them, and the reading thread is the
    // busier of the two.
    pending_write_ = std::async(std::launch::async, [this, batch = std::move(batch_)]() mutable {
      Status s = writer_->Write(batch);
      batch = storage::WriteBatch();
      return s;
    });
    batch_ = storage::WriteBatch();
    return Status::Ok();
  }

  Status WaitForWrite() {
    if (!pending_write_.valid()) return Status::Ok();
    return pending_write_.get();
  }

  storage::Store& store_;
  const RecordValidator& validator_;
  const ImportOptions& options_;
  ImportSummary& summary_;
  std::unique_ptr<storage::BulkWriter> writer_;
  std::future<Status> pending_write_;  // at most one batch in flight
  storage::WriteBatch batch_;
  std::vector<PendingRow> lines_;  // parallel to batch_.needs or batch_.results
  std::unordered_map<uint64_t, uint32_t> seen_ids_;
  std::ofstream report_;
};

}  // namespace

std::string ImportSummary::Format(const RowError& e) const {
  return file.string() + ":" + std::to_string(e.line) + ": " + (e.field.empty() ? "" : e.field + ": ") + e.reason;
}

Result<ImportSummary> ImportFile(storage::Store& store, const RecordValidator& validator,
                                 const std::filesystem::path& path, const ImportOptions& options) {
  ImportSummary summary;
  summary.file = path;
  auto kind = options.kind ? Result<RecordKind>(*options.kind) : KindFromPath(path);
  if (!kind.ok()) return kind.status();
  summary.kind = *kind;
  auto format = FormatFromPath(path);
  if (!format.ok()) return format.status();
  auto org = store.GetOrganisation(options.org_id);
  if (!org.ok()) return org.status();
  if (!org->has_value()) {
    return Status::Invalid("组织「" + options.org_id + "」不存在；先用 craftlink org add 添加，或先运行 craftlink init",
                           "org");
  }
  // The encoding check reads the whole file beside the import rather than
  // before it (about a second per GB, off the critical path). Nothing commits
  // until it has passed, and its refusal wins over whatever errors the same
  // bytes caused in the import, so a GBK or binary file is refused as before.
  const std::shared_future<Status> encoding =
      std::async(std::launch::async, [path] { return CheckUtf8Text(path); }).share();
  Status imported = [&] {
    auto source = RowSource::Open(path, *format, *kind, options.max_line_bytes);
    if (!source.ok()) return Status(source.status().code(), path.string() + ": " + source.status().message());
    ImportRun run(store, validator, options, summary);
    return run.Run(**source, [&] { return encoding.get(); });
  }();
  if (!encoding.get().ok()) {
    // The report would list rows of a file that was never read as text.
    std::error_code ignored;
    if (!options.report.empty()) std::filesystem::remove(options.report, ignored);
    return encoding.get();
  }
  CRAFTLINK_RETURN_IF_ERROR(imported);
  return summary;
}

}  // namespace craftlink::interchange

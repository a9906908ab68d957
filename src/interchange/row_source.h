#pragma once

// Reads an interchange file as a stream of JSON objects with their line
// numbers, whichever of the two on-disk forms (JSON Lines, CSV) it is in.

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "domain/model.h"
#include "interchange/csv.h"

namespace craftlink::interchange {

enum class FileFormat { kJsonLines, kCsv };

// By extension: .jsonl/.ndjson/.json → JSON Lines, .csv → CSV.
Result<FileFormat> FormatFromPath(const std::filesystem::path& path);
// By the file name's stem: needs.jsonl, 2025-needs.csv, 企业需求.csv …
Result<domain::RecordKind> KindFromPath(const std::filesystem::path& path);

// Refuses a file that is not UTF-8 text (GBK from an old Excel, binary
// garbage), naming the first bad line. The importer runs it beside the
// import and commits nothing until it has passed.
Status CheckUtf8Text(const std::filesystem::path& path);

struct SourceRow {
  size_t line = 0;
  std::string raw;          // the line as read (truncated), for reports
  Result<nlohmann::json> object = nlohmann::json::object();
  std::string text;         // a JSON line NextUnparsed() left for Parse(); empty after it
};

class RowSource {
 public:
  static Result<std::unique_ptr<RowSource>> Open(const std::filesystem::path& path, FileFormat format,
                                                 domain::RecordKind kind, size_t max_line_bytes);
  // The next row, or nullopt at end of file. A row that cannot be read
  // carries an error in `object`; the file-level errors come as a Status.
  Result<std::optional<SourceRow>> Next();
  // The same, but a JSON line is left in `text` for Parse(), which is
  // thread-safe: the importer parses a batch on two threads.
  Result<std::optional<SourceRow>> NextUnparsed();
  // Turns `text` into `object` and `raw`; a no-op for a row read by Next().
  static void Parse(SourceRow& row);
  // For a row whose `text` the caller decoded itself: keeps it as `raw`
  // (for reports), as Parse() does.
  static void SetDecoded(SourceRow& row);

 private:
  RowSource(FileFormat format, domain::RecordKind kind, size_t max_line_bytes)
      : format_(format), kind_(kind), max_line_bytes_(max_line_bytes) {}
  Result<std::optional<SourceRow>> NextJsonLine();
  Result<std::optional<SourceRow>> NextCsvRecord();
  Status ReadCsvHeader();

  FileFormat format_;
  domain::RecordKind kind_;
  size_t max_line_bytes_;
  std::ifstream in_;
  std::unique_ptr<CsvReader> csv_;
  std::vector<std::string> header_fields_;
  size_t line_ = 0;
};

}  // namespace craftlink::interchange

#pragma once

// Streams an interchange file (JSON Lines or CSV) into the store: decode,
// validate, check references and duplicates, and write valid rows in one
// transaction. Memory stays flat in the file's size apart from one 8-byte
// hash per id (duplicate detection).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/model.h"
#include "interchange/validation.h"
#include "storage/store.h"

namespace craftlink::interchange {

struct ImportOptions {
  std::optional<domain::RecordKind> kind;  // default: from the file name
  bool strict = false;                     // one bad row rejects the whole file
  ValidationOptions validation;
  std::string org_id = storage::kRootOrganisationId;  // owner of the imported rows
  size_t batch_rows = 5000;
  size_t max_line_bytes = 1 << 20;
  std::filesystem::path report;  // every rejected row as JSON Lines; empty = none
};

struct RowError {
  size_t line = 0;
  std::string field;
  std::string reason;
};

struct ImportSummary {
  std::filesystem::path file;
  domain::RecordKind kind = domain::RecordKind::kCraftsman;
  size_t rows = 0;
  size_t imported = 0;
  size_t rejected = 0;
  size_t uscc_overrides = 0;  // accepted with --allow-bad-uscc
  bool committed = false;
  std::vector<RowError> errors;  // the first kKeptErrors, in file order

  static constexpr size_t kKeptErrors = 1000;
  // FILE:LINE: field: reason
  std::string Format(const RowError& e) const;
};

// File-level problems (unreadable, not UTF-8, no header, unknown kind or
// organisation) come back as an error and nothing is written. Row-level
// problems are listed in the summary; with `strict` any of them means
// nothing is written either.
Result<ImportSummary> ImportFile(storage::Store& store, const RecordValidator& validator,
                                 const std::filesystem::path& path, const ImportOptions& options);

}  // namespace craftlink::interchange

#pragma once

// The web import: rows a browser read from a staff member's .xlsx or .csv
// and mapped onto interchange field names, checked exactly as the CLI
// importer checks a file (cell conversion, codec, RecordValidator, duplicate
// ids, references), then either reported (dry run) or written all together
// in one store transaction and audited. Unlike the CLI, one bad row means
// nothing is written: the staff member fixes the file and uploads it again.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "access/policy.h"
#include "interchange/validation.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services {

// Rows per request; more is refused before any row is looked at (the HTTP
// edge answers 413). One transaction per request keeps a browser's
// "confirm" all-or-nothing, and 5,000 rows commit in well under a second.
inline constexpr size_t kMaxImportRows = 5000;

struct ImportRequest {
  domain::RecordKind kind = domain::RecordKind::kCraftsman;
  nlohmann::json rows = nlohmann::json::array();  // objects {field: cell text or typed value}
  // Each row's line in the source file (header = line 1), for the report;
  // empty = 1, 2, 3 …
  std::vector<size_t> row_numbers;
  bool dry_run = true;
  std::string org_id;  // owner of new rows; empty = the caller's organisation
};

struct ImportRowError {
  size_t row = 0;
  std::string field;    // interchange field name; empty when the row as a whole is at fault
  std::string message;  // Chinese, says what to change
};

struct ImportReport {
  domain::RecordKind kind = domain::RecordKind::kCraftsman;
  bool dry_run = true;
  bool written = false;
  std::string org_id;
  size_t rows = 0;
  size_t created = 0;                  // valid rows with a new id
  size_t updated = 0;                  // valid rows replacing a record the caller may edit
  std::vector<ImportRowError> errors;  // the first problem of each failing row, in row order

  size_t invalid() const { return errors.size(); }
  nlohmann::json ToJson() const;
};

class ImportService {
 public:
  // Both must outlive the service. Thread-safe: it keeps no state of its own.
  ImportService(storage::Store& store, const interchange::RecordValidator& validator)
      : store_(store), validator_(validator) {}

  // PermissionDenied unless the caller is staff or an admin and the owning
  // organisation is within their scope; Invalid for a malformed request or
  // an unknown organisation. Row problems are not a failed Status: they are
  // listed in the report, and then nothing is written.
  Result<ImportReport> Import(const access::Principal& who, const ImportRequest& request, const RequestOrigin& origin);

  // The header table of every kind (src/interchange/columns.cpp), so that the
  // browser maps headers and writes templates from the server's own list:
  // {"max_rows", "kinds": {"craftsmen": [{"field","header","aliases","type"}]}}.
  static nlohmann::json Columns();

 private:
  template <typename Record>
  Status Check(const access::Principal& who, const access::Policy& policy, const ImportRequest& request,
               ImportReport& report, std::vector<Record>& records);

  storage::Store& store_;
  const interchange::RecordValidator& validator_;
};

}  // namespace craftlink::services

#pragma once

// Writes a kind's records back in the interchange format, so that
// import → export → import leaves the database as it was.

#include <ostream>
#include <string>

#include "core/status.h"
#include "domain/model.h"
#include "interchange/row_source.h"
#include "storage/store.h"

namespace craftlink::interchange {

struct ExportOptions {
  domain::RecordKind kind = domain::RecordKind::kCraftsman;
  FileFormat format = FileFormat::kJsonLines;
  bool chinese_headers = true;   // CSV only: 姓名 rather than name
  bool include_archived = false;
  std::string org_id;            // only this organisation's records; empty = all
};

// Returns the number of records written. CSV starts with a UTF-8 BOM so
// that Excel and WPS detect the encoding, uses CRLF, and neutralises cells
// that a spreadsheet would run as formulas.
Result<size_t> ExportRecords(storage::Store& store, const ExportOptions& options, std::ostream& out);

}  // namespace craftlink::interchange

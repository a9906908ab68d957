#pragma once

// The SELECT behind a record scan (Store::Scan*): filters, keyset position,
// order and limit, for either dialect. Storage-internal.

#include <string>
#include <vector>

#include "core/status.h"
#include "storage/sql.h"
#include "storage/store.h"

namespace craftlink::storage {

struct SqlStatement {
  std::string sql;
  std::vector<SqlValue> params;
};

// `SELECT body, org_id, archived FROM <spec.table> …` for `options`.
// Invalid when a filter or sort names a column the table does not query, or
// when a sorted scan is given half a position.
Result<SqlStatement> BuildScanSql(const UpsertSpec& spec, const ScanOptions& options, SqlDialect dialect);

}  // namespace craftlink::storage

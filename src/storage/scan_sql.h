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

// `column` compared byte-wise (UTF-8 code point order) on either dialect.
std::string Bytewise(const std::string& column, SqlDialect dialect);

// `SELECT body, org_id, archived FROM <spec.table> …` for `options`.
// Invalid when a filter or sort names a column the table does not query, or
// when a sorted scan is given half a position.
Result<SqlStatement> BuildScanSql(const UpsertSpec& spec, const ScanOptions& options, SqlDialect dialect);

}  // namespace craftlink::storage

#include "storage/scan_sql.h"

#include <algorithm>
#include <cctype>

namespace craftlink::storage {
namespace {

// LIKE pattern matching `text` literally anywhere.
std::string ContainsPattern(std::string_view text) {
  std::string p = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') p.push_back('\\');
    p.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  }
  p.push_back('%');
  return p;
}

// LIKE pattern matching values that start with `prefix`, case kept.
std::string PrefixPattern(std::string_view prefix) {
  std::string p;
  for (char ch : prefix) {
    if (ch == '%' || ch == '_' || ch == '\\') p.push_back('\\');
    p.push_back(ch);
  }
  p.push_back('%');
  return p;
}

// Column names are spliced into SQL: only the table's own queried columns
// are allowed (never `body`). `field` is the input at fault.
Status CheckColumn(const UpsertSpec& spec, const std::string& column, const char* use, const std::string& field) {
  const auto& columns = spec.columns;
  if (std::find(columns.begin(), columns.end(), column) == columns.end() || column == "body") {
    return Status::Invalid(std::string("cannot ") + use + " " + spec.table + " by " + column, field);
  }
  return Status::Ok();
}

Status AppendFilters(const UpsertSpec& spec, const ScanOptions& options, SqlStatement& out) {
  if (options.ids) {
    if (options.ids->size() > kMaxScanIds) {
      return Status::Invalid("a scan by ids takes at most " + std::to_string(kMaxScanIds), "ids");
    }
    // No ids asks for no records, not for all of them.
    out.sql += options.ids->empty() ? " AND 1 = 0" : " AND id IN (" + BindList(out.params, *options.ids) + ")";
  }
  if (!options.org_id.empty()) {
    out.sql += " AND org_id = " + Bind(out.params, Text(options.org_id));
  }
  if (!options.include_archived) out.sql += " AND archived = 0";
  if (!options.text.empty()) {
    out.sql += " AND search_text LIKE " + Bind(out.params, ContainsPattern(options.text)) + " ESCAPE '\\'";
  }
  for (const auto* filters : {&options.equals, &options.prefixes}) {
    const bool prefix = filters == &options.prefixes;
    for (const auto& [column, value] : *filters) {
      CRAFTLINK_RETURN_IF_ERROR(CheckColumn(spec, column, "filter", column));
      out.sql += " AND " + column +
                 (prefix ? " LIKE " + Bind(out.params, PrefixPattern(value)) + " ESCAPE '\\'"
                         : " = " + Bind(out.params, Text(value)));
    }
  }
  return Status::Ok();
}

// Keyset position and order by id alone: what every scan did before sorting.
void AppendIdOrder(const ScanOptions& options, SqlStatement& out) {
  if (!options.after_id.empty()) {
    out.sql += " AND id > " + Bind(out.params, Text(options.after_id));
  }
  out.sql += " ORDER BY id";
}

// Sorted: (column, id) compared as a row value, which both databases answer
// by seeking an index on (column, id) instead of filtering row by row.
Status AppendSortedOrder(const UpsertSpec& spec, const ScanOptions& options, SqlDialect dialect, SqlStatement& out) {
  CRAFTLINK_RETURN_IF_ERROR(CheckColumn(spec, options.sort_column, "sort", "sort"));
  if (options.sort_column == "search_text") return Status::Invalid("cannot sort by search_text", "sort");
  const std::string key = "(" + Bytewise(options.sort_column, dialect) + ", " + Bytewise("id", dialect) + ")";
  if (options.after_value.has_value() != !options.after_id.empty()) {
    return Status::Invalid("a sorted scan resumes from a value and an id together", "after");
  }
  if (options.after_value) {
    const std::string value = Bind(out.params, Text(*options.after_value));
    out.sql += " AND " + key + (options.descending ? " < (" : " > (") + value + ", " +
               Bind(out.params, Text(options.after_id)) + ")";
  }
  const char* direction = options.descending ? " DESC" : "";
  out.sql +=
      " ORDER BY " + Bytewise(options.sort_column, dialect) + direction + ", " + Bytewise("id", dialect) + direction;
  return Status::Ok();
}

}  // namespace

// SQLite's default collation (BINARY) already compares bytes; PostgreSQL
// uses the database's collation unless told, which for a zh_CN or en_US
// database orders 张 and Wang differently from SQLite. The v4 and v6 indexes
// carry the same COLLATE "C" so that they serve these orders.
std::string Bytewise(const std::string& column, SqlDialect dialect) {
  return dialect == SqlDialect::kPostgres ? column + " COLLATE \"C\"" : column;
}

Result<SqlStatement> BuildScanSql(const UpsertSpec& spec, const ScanOptions& options, SqlDialect dialect) {
  SqlStatement out;
  out.sql = "SELECT body, org_id, archived FROM " + spec.table + " WHERE 1 = 1";
  CRAFTLINK_RETURN_IF_ERROR(AppendFilters(spec, options, out));
  if (options.sort_column.empty()) {
    if (options.after_value) return Status::Invalid("a position by value needs a sort column", "after");
    AppendIdOrder(options, out);
  } else {
    CRAFTLINK_RETURN_IF_ERROR(AppendSortedOrder(spec, options, dialect, out));
  }
  if (options.limit > 0) {
    out.sql += " LIMIT " + Bind(out.params, Int(static_cast<int64_t>(options.limit)));
  }
  return out;
}

}  // namespace craftlink::storage

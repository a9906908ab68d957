#pragma once

// The columns of each kind's CSV form: English field names of the
// interchange format, the Chinese headers staff write in Excel, and how a
// cell's text becomes a JSON value.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "domain/model.h"

namespace craftlink::interchange {

enum class ColumnType { kText, kList, kBool, kInt };

struct Column {
  std::string_view field;                    // interchange name, e.g. "skills"
  std::string_view chinese;                  // header written on export, e.g. "技能"
  std::vector<std::string_view> aliases;     // other headers accepted on import
  ColumnType type = ColumnType::kText;
};

const std::vector<Column>& ColumnsOf(domain::RecordKind kind);

// Maps a header cell (English or Chinese, any case, BOM and spaces trimmed)
// to its field name; unknown headers keep their text and land in `extra`.
std::string FieldForHeader(domain::RecordKind kind, std::string_view header);

// Converts one CSV cell to the JSON value the codec expects. Empty cells
// become null (absent). Lists split on ; ； | and line breaks.
Result<nlohmann::json> CellToJson(const Column* column, std::string_view cell);

// One row as (field, value) pairs in column order, as a CSV row or the web
// import's JSON gives it, turned into the object the codec decodes. A string
// is a cell's text and goes through CellToJson for its column; other JSON
// values are taken as already typed. The export's catch-all column
// (`extra` / 其他字段) holds a JSON object whose keys are merged in. Empty
// cells are left out. The first bad cell is the error, its field named.
// The CLI and the web import share this, so both read a row the same way.
Result<nlohmann::json> RecordJsonFromCells(domain::RecordKind kind,
                                           const std::vector<std::pair<std::string, nlohmann::json>>& cells);

// "text", "list", "bool" or "int": the column types as the web import sees them.
std::string_view ColumnTypeCode(ColumnType type);

// The cell text for a JSON value on export (lists joined with "; ").
std::string JsonToCell(const nlohmann::json& value);

}  // namespace craftlink::interchange

#pragma once

// The columns of each kind's CSV form: English field names of the
// interchange format, the Chinese headers staff write in Excel, and how a
// cell's text becomes a JSON value.

#include <string>
#include <string_view>
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

// The cell text for a JSON value on export (lists joined with "; ").
std::string JsonToCell(const nlohmann::json& value);

}  // namespace craftlink::interchange

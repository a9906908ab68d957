// reports: tabular reports (KPI progress, audit and engagement exports) written
// as XLSX workbooks and CSV files that open cleanly in Excel and WPS.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"

namespace craftlink::reports {

// One cell. Numbers are written as numbers so staff can sum, sort and chart
// them; std::monostate is an empty cell. Convert unsigned counts explicitly:
// Cell{static_cast<int64_t>(n)}.
//
// XLSX keeps what Excel can hold exactly: an integer beyond ±999,999,999,999,999
// (Excel keeps 15 significant digits) is written as text so no digit is lost,
// and a NaN or infinite double becomes an empty cell. Strings are always text,
// never formulas, whatever they start with.
using Cell = std::variant<std::monostate, std::string, int64_t, double>;

struct Column {
  std::string header;  // e.g. "服务人次"; shown bold in the header row
  // In Excel character widths; 0 fits the header and cells, counting a CJK
  // character as two, between 6 and 60.
  double width = 0;
  // Excel format code for the column's numeric cells, e.g. "0.0%" or "#,##0".
  // Empty means General. CSV ignores it and writes the plain value.
  std::string number_format;
};

struct Sheet {
  std::string name;   // made valid for Excel on write; see SheetNames
  std::string title;  // optional bold row above the header (XLSX only)
  std::vector<Column> columns;
  // A row may be shorter than `columns` (the rest is empty) but not longer.
  std::vector<std::vector<Cell>> rows;
};

struct Workbook {
  std::vector<Sheet> sheets;  // at least one
};

// The sheet names as written: []:*?/\ and control characters removed, leading
// and trailing apostrophes and spaces trimmed, at most 31 characters, an empty
// name becoming "SheetN", and duplicates (compared ignoring ASCII case, plus
// Excel's reserved "History") made unique as "名称 (2)".
std::vector<std::string> SheetNames(const Workbook& workbook);

// Writes an XLSX with one worksheet per sheet: optional title row, bold
// frozen header with filter buttons, column widths, number formats.
// Atomic: the file is written beside `path` under a temporary name, flushed to
// disk and renamed over `path`, so on any error `path` is unchanged and no
// temporary file remains.
// Errors: kInvalidArgument when the workbook breaks an Excel limit (no sheets,
// a row longer than its columns, more than 16,384 columns or 1,048,576 rows, a
// string over 32,767 characters); kIoError when the file cannot be written.
// Invalid UTF-8 is written as U+FFFD rather than failing the whole report.
// Thread-safe: calls share no state.
Status WriteXlsx(const Workbook& workbook, const std::filesystem::path& path);

// The same XLSX as bytes, e.g. for an HTTP download. Uses a temporary file in
// the system temporary directory, removed before returning.
Result<std::string> XlsxBytes(const Workbook& workbook);

// One sheet as CSV: UTF-8 with a byte order mark (so Excel does not guess
// GBK), header row then data rows, CRLF line ends, RFC 4180 quoting, rows padded
// to the header's width. A string cell starting with = + - @ tab or CR gets a
// leading ' so that opening the file cannot run a formula; numeric cells are
// left alone (-5 stays a number). The title is left out so that the file stays
// one header row plus data, which tools can read back.
std::string SheetCsv(const Sheet& sheet);

// SheetCsv written atomically to `path`, as WriteXlsx writes. Errors: kIoError.
Status WriteCsv(const Sheet& sheet, const std::filesystem::path& path);

}  // namespace craftlink::reports

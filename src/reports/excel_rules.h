// reports (internal): what Excel and WPS accept and how they display it —
// sheet-name rules, size limits, text they would misread, column widths.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "reports/report.h"

namespace craftlink::reports::internal {

inline constexpr size_t kMaxColumns = 16'384;
inline constexpr size_t kMaxRows = 1'048'576;
inline constexpr size_t kMaxStringChars = 32'767;
inline constexpr size_t kMaxSheetNameUnits = 31;  // UTF-16 code units, as Excel counts

// `s` with each invalid UTF-8 byte replaced by U+FFFD.
std::string ValidUtf8(std::string_view s);

// Text for an XLSX string cell: valid UTF-8 without NUL, U+FFFE or U+FFFF
// (not allowed in XML), and a literal "_xHHHH_" escaped as "_x005F_xHHHH_",
// because Excel decodes _xHHHH_ in shared strings as a character.
std::string XlsxText(std::string_view s);

// Every sheet name made valid and unique; see SheetNames in report.h.
std::vector<std::string> SanitiseSheetNames(const std::vector<std::string>& wanted);

// kInvalidArgument naming the sheet and row when `workbook` breaks a limit
// that Excel or libxlsxwriter would refuse.
Status CheckLimits(const Workbook& workbook);

// True when Excel holds `value` exactly (at most 15 significant digits).
bool FitsExcelNumber(int64_t value);

// The shortest text that reads back as `value`; empty when not finite.
std::string NumberText(double value);

// Width of the widest line of `s` in monospace columns: East Asian wide and
// full-width characters count two, combining marks none.
size_t DisplayWidth(std::string_view s);

// Excel column widths for `sheet`: Column::width when set, else fitted.
std::vector<double> ColumnWidths(const Sheet& sheet);

}  // namespace craftlink::reports::internal

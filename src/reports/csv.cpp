// CSV reports. The quoting and formula rule are interchange/csv's CsvField,
// re-implemented because (1) linking craftlink::interchange would pull storage
// and the database drivers into every report user, and (2) CsvField
// neutralises every field, which would turn a numeric -5 into the text '-5;
// here only string cells are neutralised. Keep the two rules in step.
#include <algorithm>
#include <string>

#include "reports/excel_rules.h"
#include "reports/report.h"
#include "reports/temp_file.h"

namespace craftlink::reports {
namespace {

bool LooksLikeFormula(const std::string& s) {
  if (s.empty()) return false;
  const char c = s[0];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void AppendQuoted(const std::string& value, std::string& out) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendText(const std::string& raw, std::string& out) {
  std::string value = internal::ValidUtf8(raw);
  if (LooksLikeFormula(value)) value.insert(value.begin(), '\'');
  AppendQuoted(value, out);
}

void AppendCell(const Cell& cell, std::string& out) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    AppendText(*text, out);
  } else if (const auto* integer = std::get_if<int64_t>(&cell)) {
    out.append(std::to_string(*integer));
  } else if (const auto* real = std::get_if<double>(&cell)) {
    out.append(internal::NumberText(*real));  // empty for NaN and infinities
  }
}

}  // namespace

std::string SheetCsv(const Sheet& sheet) {
  std::string out = "\xEF\xBB\xBF";
  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    if (c > 0) out.push_back(',');
    AppendText(sheet.columns[c].header, out);
  }
  out.append("\r\n");  // what Excel and WPS write and expect
  for (const auto& row : sheet.rows) {
    const size_t width = std::max(row.size(), sheet.columns.size());
    for (size_t c = 0; c < width; ++c) {
      if (c > 0) out.push_back(',');
      if (c < row.size()) AppendCell(row[c], out);
    }
    out.append("\r\n");
  }
  return out;
}

Status WriteCsv(const Sheet& sheet, const std::filesystem::path& path) {
  const std::string bytes = SheetCsv(sheet);
  Result<internal::TempFile> temp = internal::TempFile::Beside(path);
  if (!temp.ok()) return temp.status();
  CRAFTLINK_RETURN_IF_ERROR(internal::WriteBytes(temp->path(), bytes));
  return temp->Commit(path);
}

}  // namespace craftlink::reports

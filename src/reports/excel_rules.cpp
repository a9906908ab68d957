#include "reports/excel_rules.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>
#include <string>

#include "core/utf8.h"

namespace craftlink::reports::internal {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
constexpr int64_t kMaxExactInteger = 999'999'999'999'999;

bool IsWide(char32_t cp) {
  // East Asian Wide and Fullwidth blocks (UAX #11), enough for Chinese text,
  // Hangul, kana, full-width punctuation and common emoji.
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool IsZeroWidth(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0xFE00 && cp <= 0xFE0F);
}

bool IsForbiddenInSheetName(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || cp == '[' || cp == ']' || cp == ':' || cp == '*' || cp == '?' || cp == '/' ||
         cp == '\\';
}

bool IsHexDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// "_x" + four hex digits + "_" starting at s[i].
bool IsXmlEscapeAt(std::string_view s, size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return false;
  return IsHexDigit(s[i + 2]) && IsHexDigit(s[i + 3]) && IsHexDigit(s[i + 4]) && IsHexDigit(s[i + 5]);
}

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The longest prefix of valid UTF-8 `s` that is at most `max_units` UTF-16 units.
std::string TruncateUtf16(std::string_view s, size_t max_units) {
  std::string out;
  size_t units = 0;
  for (char32_t cp : utf8::Decode(s)) {
    units += cp > 0xFFFF ? 2 : 1;
    if (units > max_units) break;
    utf8::Append(cp, out);
  }
  return out;
}

// Excel refuses a name that starts or ends with an apostrophe; spaces there are
// trimmed too, since staff cannot see them on the tab.
std::string TrimName(std::string_view s) {
  std::string t = utf8::Trim(s);
  std::string_view v = t;
  while (!v.empty() && (v.front() == '\'' || v.front() == ' ')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '\'' || v.back() == ' ')) v.remove_suffix(1);
  return std::string(v);
}

std::string SheetNameBase(std::string_view wanted, size_t index) {
  std::string kept;
  for (char32_t cp : utf8::Decode(ValidUtf8(wanted))) {
    if (!IsForbiddenInSheetName(cp)) utf8::Append(cp, kept);
  }
  std::string base = TrimName(TruncateUtf16(TrimName(kept), kMaxSheetNameUnits));
  return base.empty() ? "Sheet" + std::to_string(index + 1) : base;
}

std::string SheetLabel(const Sheet& sheet, size_t index) {
  return "工作表 " + std::to_string(index + 1) + (sheet.name.empty() ? "" : "「" + ValidUtf8(sheet.name) + "」");
}

size_t NumberWidth(const Cell& cell, const std::string& number_format) {
  size_t width = 0;
  if (const auto* i = std::get_if<int64_t>(&cell)) {
    width = std::to_string(*i).size();
    if (!FitsExcelNumber(*i)) return width;  // written as text, unformatted
    if (number_format.find(',') != std::string::npos) width += width / 3;
  } else if (const auto* d = std::get_if<double>(&cell)) {
    width = std::min<size_t>(NumberText(*d).size(), 12);
  }
  if (number_format.find('%') != std::string::npos) ++width;
  return width;
}

}  // namespace

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (;;) {
    const size_t bad = utf8::FirstInvalidOffset(s);
    if (bad == std::string_view::npos) break;
    out.append(s.substr(0, bad));
    out.append(kReplacement);
    s.remove_prefix(bad + 1);
  }
  out.append(s);
  return out;
}

std::string XlsxText(std::string_view s) {
  const std::string valid = ValidUtf8(s);
  std::string out;
  out.reserve(valid.size());
  for (size_t i = 0; i < valid.size(); ++i) {
    if (IsXmlEscapeAt(valid, i)) {
      out.append("_x005F");  // the '_' itself follows, then "xHHHH_" as is
    } else if (valid[i] == '\0') {
      out.append(kReplacement);
      continue;
    } else if (valid.compare(i, 3, "\xEF\xBF\xBE") == 0 || valid.compare(i, 3, "\xEF\xBF\xBF") == 0) {
      out.append(kReplacement);
      i += 2;
      continue;
    }
    out.push_back(valid[i]);
  }
  return out;
}

std::vector<std::string> SanitiseSheetNames(const std::vector<std::string>& wanted) {
  std::set<std::string> taken = {"history"};  // Excel keeps this name for change tracking
  std::vector<std::string> names;
  names.reserve(wanted.size());
  for (size_t i = 0; i < wanted.size(); ++i) {
    const std::string base = SheetNameBase(wanted[i], i);
    std::string name = base;
    for (size_t n = 2; taken.contains(AsciiLower(name)); ++n) {
      const std::string suffix = " (" + std::to_string(n) + ")";
      name = TrimName(TruncateUtf16(base, kMaxSheetNameUnits - suffix.size())) + suffix;
    }
    taken.insert(AsciiLower(name));
    names.push_back(std::move(name));
  }
  return names;
}

Status CheckLimits(const Workbook& workbook) {
  if (workbook.sheets.empty()) return Status::Invalid("工作簿没有工作表 (a workbook needs at least one sheet)");
  for (size_t s = 0; s < workbook.sheets.size(); ++s) {
    const Sheet& sheet = workbook.sheets[s];
    if (sheet.columns.size() > kMaxColumns) {
      return Status::Invalid(SheetLabel(sheet, s) + " 超过 16384 列 (more columns than Excel allows)");
    }
    // The title and header rows count against Excel's row limit too.
    const size_t fixed_rows = (sheet.title.empty() ? 1 : 2);
    if (sheet.rows.size() > kMaxRows - fixed_rows) {
      return Status::Invalid(SheetLabel(sheet, s) + " 超过 Excel 的 1048576 行 (more rows than Excel allows)");
    }
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      if (row.size() > sheet.columns.size()) {
        return Status::Invalid(SheetLabel(sheet, s) + " 第 " + std::to_string(r + 1) + " 行有 " +
                               std::to_string(row.size()) + " 个单元格，但只有 " +
                               std::to_string(sheet.columns.size()) + " 列 (row longer than the columns)");
      }
      for (size_t c = 0; c < row.size(); ++c) {
        const auto* text = std::get_if<std::string>(&row[c]);
        // Code points never outnumber bytes, so short strings need no count.
        if (text != nullptr && text->size() > kMaxStringChars && utf8::CodePointCount(*text) > kMaxStringChars) {
          return Status::Invalid(SheetLabel(sheet, s) + " 第 " + std::to_string(r + 1) + " 行第 " +
                                 std::to_string(c + 1) + " 列超过 32767 个字符 (string longer than Excel allows)");
        }
      }
    }
  }
  return Status::Ok();
}

bool FitsExcelNumber(int64_t value) { return value >= -kMaxExactInteger && value <= kMaxExactInteger; }

std::string NumberText(double value) {
  if (!std::isfinite(value)) return {};
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

size_t DisplayWidth(std::string_view s) {
  const std::string valid = utf8::IsValid(s) ? std::string(s) : ValidUtf8(s);
  size_t widest = 0;
  size_t line = 0;
  for (char32_t cp : utf8::Decode(valid)) {
    if (cp == '\n') {
      widest = std::max(widest, line);
      line = 0;
    } else if (!IsZeroWidth(cp)) {
      line += IsWide(cp) ? 2 : 1;
    }
  }
  return std::max(widest, line);
}

std::vector<double> ColumnWidths(const Sheet& sheet) {
  constexpr size_t kMin = 6;
  constexpr size_t kMax = 60;
  std::vector<size_t> fitted(sheet.columns.size());
  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    fitted[c] = DisplayWidth(sheet.columns[c].header) + 3;  // bold text and the filter button
  }
  for (const auto& row : sheet.rows) {
    for (size_t c = 0; c < row.size() && c < fitted.size(); ++c) {
      const auto* text = std::get_if<std::string>(&row[c]);
      const size_t width =
          text != nullptr ? DisplayWidth(*text) + 1 : NumberWidth(row[c], sheet.columns[c].number_format) + 1;
      fitted[c] = std::max(fitted[c], width);
    }
  }
  std::vector<double> widths(sheet.columns.size());
  for (size_t c = 0; c < widths.size(); ++c) {
    const double chosen = sheet.columns[c].width;
    widths[c] = chosen > 0 ? chosen : static_cast<double>(std::clamp(fitted[c], kMin, kMax));
  }
  return widths;
}

}  // namespace craftlink::reports::internal

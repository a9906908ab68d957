#include "reference/internal.h"

#include <fstream>
#include <sstream>

#include "core/utf8.h"

namespace craftlink::reference::internal {

std::optional<std::string> FoldAndTrim(std::string_view s) {
  if (!utf8::IsValid(s)) return std::nullopt;
  std::string folded;
  folded.reserve(s.size());
  for (char32_t cp : utf8::Decode(s)) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      folded.push_back(static_cast<char>(cp - 0xFEE0));
    } else if (cp == 0x3000) {
      folded.push_back(' ');
    } else {
      utf8::Append(cp, folded);
    }
  }
  return utf8::Trim(folded);
}

std::string UpperAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

size_t SequenceLength(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = 1;
  if (b >= 0xF0) n = 4;
  else if (b >= 0xE0) n = 3;
  else if (b >= 0xC0) n = 2;
  return i + n <= s.size() ? n : 1;
}

bool IsAsciiDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("无法读取参考数据文件 " + path + " (cannot open reference data file)");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError("读取参考数据文件出错 " + path + " (error reading reference data file)");
  return buffer.str();
}

std::vector<TsvRow> SplitTsv(std::string_view text) {
  text = utf8::StripBom(text);
  std::vector<TsvRow> rows;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    TsvRow row{line_no, {}};
    for (;;) {
      const size_t tab = line.find('\t');
      row.fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace craftlink::reference::internal

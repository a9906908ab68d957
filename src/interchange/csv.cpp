#include "interchange/csv.h"

namespace craftlink::interchange {

Result<std::optional<std::vector<std::string>>> CsvReader::Next() {
  std::vector<std::string> fields;
  std::string field;
  bool in_quotes = false;
  bool any = false;
  bool field_was_quoted = false;
  record_line_ = next_line_;
  int ch;
  while ((ch = in_.get()) != std::char_traits<char>::eof()) {
    any = true;
    const char c = static_cast<char>(ch);
    if (in_quotes) {
      if (c == '"') {
        if (in_.peek() == '"') {
          in_.get();
          field.push_back('"');
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++next_line_;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_was_quoted) {
      in_quotes = true;
      field_was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
    } else if (c == '\r' && in_.peek() == '\n') {
      continue;  // the \n ends the record
    } else if (c == '\n') {
      ++next_line_;
      fields.push_back(std::move(field));
      return std::optional<std::vector<std::string>>(std::move(fields));
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) {
    return Status::Invalid("第 " + std::to_string(record_line_) + " 行起的引号没有闭合 (unterminated quoted field)");
  }
  if (!any) return std::optional<std::vector<std::string>>();
  fields.push_back(std::move(field));
  return std::optional<std::vector<std::string>>(std::move(fields));
}

std::string CsvField(std::string_view value) {
  std::string v(value);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) {
    v.insert(v.begin(), '\'');
  }
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string quoted = "\"";
  for (char c : v) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

void WriteCsvRow(std::ostream& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << CsvField(fields[i]);
  }
  out << "\r\n";  // what Excel and WPS write and expect
}

}  // namespace craftlink::interchange

#pragma once

// RFC 4180 CSV as spreadsheets write it: quoted fields with doubled quotes,
// embedded line breaks inside quotes, CRLF or LF line ends.

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace craftlink::interchange {

class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}

  // The next record, or nullopt at end of input. `line()` is the line number
  // the record started on. An unterminated quote is an error.
  Result<std::optional<std::vector<std::string>>> Next();
  size_t line() const { return record_line_; }

 private:
  std::istream& in_;
  size_t next_line_ = 1;
  size_t record_line_ = 0;
};

// Quotes a field when needed. A cell that a spreadsheet would evaluate as a
// formula (= + - @, tab, CR at the start) is prefixed with ' so that an
// exported file cannot run anything when opened in Excel or WPS.
std::string CsvField(std::string_view value);
void WriteCsvRow(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace craftlink::interchange

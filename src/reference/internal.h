// Internal to craftlink_reference: input clean-up shared by the validators.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace craftlink::reference::internal {

// Folds full-width forms (U+FF01..U+FF5E) and the ideographic space to ASCII,
// then trims white space at both ends. Spreadsheet exports from Chinese input
// methods are full of these. nullopt when `s` is not valid UTF-8.
std::optional<std::string> FoldAndTrim(std::string_view s);

// ASCII-only upper-casing; multi-byte UTF-8 sequences pass through unchanged.
std::string UpperAscii(std::string s);

// Byte length of the UTF-8 sequence starting at s[i] (1 for ASCII or junk).
size_t SequenceLength(std::string_view s, size_t i);

bool IsAsciiDigits(std::string_view s);

// Whole file as text; IoError naming `path` when it cannot be read.
Result<std::string> ReadFile(const std::string& path);

// One data row of a reference TSV: its 1-based line number and its fields.
struct TsvRow {
  size_t line = 0;
  std::vector<std::string_view> fields;
};

// Splits TSV text into rows, skipping blank lines and '#' comments and
// tolerating a BOM and CRLF line ends (files edited on Windows).
std::vector<TsvRow> SplitTsv(std::string_view text);

}  // namespace craftlink::reference::internal

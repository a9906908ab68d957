// GB/T 4754-2017 国民经济行业分类: the 20 sections (门类 A–T) and 97
// divisions (大类 01–97), loaded from data/reference/industries.tsv.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace craftlink::reference {

class IndustryTable {
 public:
  // Reads `code<TAB>name<TAB>section` rows: section rows `C<TAB>制造业[<TAB>C]`,
  // division rows `C31<TAB>黑色金属冶炼和压延加工业<TAB>C`. '#' lines are comments.
  static Result<IndustryTable> Load(const std::string& path);
  static Result<IndustryTable> Parse(std::string_view tsv, std::string_view source);

  // Accepts a section (`C`), a division (`C31`), a group or class (`C367`,
  // `C3670`: only their division is checked, the table has no finer rows), or
  // the same digits without the letter (`31`, `3670`), whose section is
  // inferred. Full-width and lower-case input is folded. Returns the
  // normalised code with its section letter, e.g. "C3670".
  Result<std::string> Validate(std::string_view input) const;

  // For any input Validate accepts: the section letter ("C"), the division
  // ("C36"; Invalid for a bare section) and the name of the section or
  // division (a group or class gets its division's name).
  Result<std::string> SectionOf(std::string_view code) const;
  Result<std::string> DivisionOf(std::string_view code) const;
  Result<std::string> Name(std::string_view code) const;

  size_t section_count() const { return sections_.size(); }
  size_t division_count() const { return divisions_.size(); }

 private:
  struct Division {
    std::string section;
    std::string name;
  };
  std::map<std::string, std::string, std::less<>> sections_;  // "C" → 制造业
  std::map<std::string, Division, std::less<>> divisions_;    // "36" → {C, 汽车制造业}
};

}  // namespace craftlink::reference

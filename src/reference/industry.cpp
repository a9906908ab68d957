#include "reference/industry.h"

#include "reference/internal.h"

namespace craftlink::reference {
namespace {

bool IsSectionLetter(std::string_view s) { return s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z'; }

Status RowError(std::string_view source, size_t line, const std::string& what) {
  return Status::Corruption(std::string(source) + ":" + std::to_string(line) + ": " + what);
}

Status BadForm(const std::string& code) {
  return Status::Invalid("行业代码 '" + code +
                         "' 格式错误：应为门类字母或（门类字母加）2–4 位数字，如 C、C31、C3670、3670 "
                         "(industry code '" + code +
                         "' must be a section letter, or 2-4 digits with or without it: C, C31, C3670, 3670)");
}

}  // namespace

Result<IndustryTable> IndustryTable::Load(const std::string& path) {
  Result<std::string> text = internal::ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

Result<IndustryTable> IndustryTable::Parse(std::string_view tsv, std::string_view source) {
  IndustryTable table;
  std::vector<internal::TsvRow> division_rows;
  for (internal::TsvRow& row : internal::SplitTsv(tsv)) {
    if (row.fields.size() < 2 || row.fields.size() > 3 || row.fields[1].empty()) {
      return RowError(source, row.line, "expected code<TAB>name<TAB>section");
    }
    const std::string_view code = row.fields[0];
    if (IsSectionLetter(code)) {
      if (row.fields.size() == 3 && row.fields[2] != code) {
        return RowError(source, row.line, "a section row's section must be itself: " + std::string(code));
      }
      if (!table.sections_.emplace(std::string(code), std::string(row.fields[1])).second) {
        return RowError(source, row.line, "duplicate section " + std::string(code));
      }
    } else if (code.size() == 3 && IsSectionLetter(code.substr(0, 1)) && internal::IsAsciiDigits(code.substr(1))) {
      division_rows.push_back(std::move(row));
    } else {
      return RowError(source, row.line, "code is neither a section letter nor letter+2 digits: " + std::string(code));
    }
  }
  // Divisions are checked after all sections are known, so row order is free.
  for (const internal::TsvRow& row : division_rows) {
    const std::string_view code = row.fields[0];
    const std::string letter(code.substr(0, 1));
    if (row.fields.size() == 3 && row.fields[2] != letter) {
      return RowError(source, row.line, "section column disagrees with the code " + std::string(code));
    }
    if (!table.sections_.contains(letter)) return RowError(source, row.line, "unknown section " + letter);
    if (!table.divisions_.emplace(std::string(code.substr(1)), Division{letter, std::string(row.fields[1])}).second) {
      return RowError(source, row.line, "duplicate division " + std::string(code.substr(1)));
    }
  }
  if (table.divisions_.empty()) return Status::Corruption(std::string(source) + ": no divisions");
  return table;
}

Result<std::string> IndustryTable::Validate(std::string_view input) const {
  std::optional<std::string> folded = internal::FoldAndTrim(input);
  if (!folded || folded->empty()) return Status::Invalid("行业代码为空 (industry code is empty)");
  const std::string code = internal::UpperAscii(std::move(*folded));

  const bool has_letter = IsSectionLetter(std::string_view(code).substr(0, 1));
  const std::string letter = has_letter ? code.substr(0, 1) : std::string();
  const std::string digits = has_letter ? code.substr(1) : code;

  if (digits.empty()) {
    if (!sections_.contains(letter)) {
      return Status::Invalid("行业门类 " + letter + " 不存在，应为 A–T (unknown industry section " + letter +
                             "; sections are A-T)");
    }
    return letter;
  }
  if (digits.size() < 2 || digits.size() > 4 || !internal::IsAsciiDigits(digits)) return BadForm(code);

  const auto it = divisions_.find(std::string_view(digits).substr(0, 2));
  if (it == divisions_.end()) {
    const std::string division = digits.substr(0, 2);
    return Status::Invalid("行业大类 " + division + " 不存在 (unknown industry division " + division + ")");
  }
  const std::string& section = it->second.section;
  if (has_letter && letter != section) {
    return Status::Invalid("行业大类 " + it->first + " 属于门类 " + section + "，不属于 " + letter + " (division " +
                           it->first + " belongs to section " + section + ", not " + letter + ")");
  }
  return section + digits;
}

Result<std::string> IndustryTable::SectionOf(std::string_view code) const {
  Result<std::string> valid = Validate(code);
  if (!valid.ok()) return valid;
  return valid->substr(0, 1);
}

Result<std::string> IndustryTable::DivisionOf(std::string_view code) const {
  Result<std::string> valid = Validate(code);
  if (!valid.ok()) return valid;
  if (valid->size() < 3) {
    return Status::Invalid("行业代码 " + *valid + " 只有门类，没有大类 (industry code " + *valid +
                           " is a section, not a division)");
  }
  return valid->substr(0, 3);
}

Result<std::string> IndustryTable::Name(std::string_view code) const {
  Result<std::string> valid = Validate(code);
  if (!valid.ok()) return valid;
  if (valid->size() == 1) return sections_.find(*valid)->second;
  return divisions_.find(std::string_view(*valid).substr(1, 2))->second.name;
}

}  // namespace craftlink::reference

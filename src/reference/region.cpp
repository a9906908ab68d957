#include "reference/region.h"

#include <vector>

#include "reference/internal.h"

namespace craftlink::reference {
namespace {

bool IsMunicipality(std::string_view code) {
  const std::string_view p = code.substr(0, 2);
  return p == "11" || p == "12" || p == "31" || p == "50";
}

RegionLevel LevelOf(std::string_view code) {
  if (code.substr(2) == "0000") return RegionLevel::kProvince;
  if (code.substr(4) == "00") return RegionLevel::kCity;
  return RegionLevel::kCounty;
}

std::string ProvinceCodeOf(std::string_view code) { return std::string(code.substr(0, 2)) + "0000"; }

Status RowError(std::string_view source, size_t line, const std::string& what) {
  return Status::Corruption(std::string(source) + ":" + std::to_string(line) + ": " + what);
}

// A parent must be one level up and share the code prefix that level implies;
// otherwise Province()/City()/Relate() would disagree with the table.
bool ParentFits(const Region& child, const Region& parent) {
  if (child.code.compare(0, 2, parent.code, 0, 2) != 0) return false;
  switch (child.level) {
    case RegionLevel::kProvince: return false;
    case RegionLevel::kCity: return parent.level == RegionLevel::kProvince;
    case RegionLevel::kCounty:
      return parent.level == RegionLevel::kProvince ||
             (parent.level == RegionLevel::kCity && child.code.compare(0, 4, parent.code, 0, 4) == 0);
  }
  return false;
}

}  // namespace

const char* RegionRelationName(RegionRelation relation) {
  switch (relation) {
    case RegionRelation::kSameDistrict: return "same_district";
    case RegionRelation::kSameCity: return "same_city";
    case RegionRelation::kSameProvince: return "same_province";
    case RegionRelation::kDifferent: return "different";
    case RegionRelation::kUnknown: return "unknown";
  }
  return "unknown";
}

Result<RegionTable> RegionTable::Load(const std::string& path) {
  Result<std::string> text = internal::ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

Result<RegionTable> RegionTable::Parse(std::string_view tsv, std::string_view source) {
  RegionTable table;
  for (const internal::TsvRow& row : internal::SplitTsv(tsv)) {
    if (row.fields.size() < 2 || row.fields.size() > 3) {
      return RowError(source, row.line, "expected code<TAB>name<TAB>parent_code");
    }
    Region region;
    region.code = std::string(row.fields[0]);
    region.name = std::string(row.fields[1]);
    region.parent = row.fields.size() == 3 ? std::string(row.fields[2]) : std::string();
    if (region.code.size() != 6 || !internal::IsAsciiDigits(region.code)) {
      return RowError(source, row.line, "code is not six digits: " + region.code);
    }
    if (region.name.empty()) return RowError(source, row.line, "empty name for " + region.code);
    region.level = LevelOf(region.code);
    if ((region.level == RegionLevel::kProvince) != region.parent.empty()) {
      return RowError(source, row.line, "only province-level codes (xx0000) have no parent: " + region.code);
    }
    const std::string code = region.code;
    if (!table.regions_.emplace(code, std::move(region)).second) {
      return RowError(source, row.line, "duplicate code " + code);
    }
  }
  if (table.regions_.empty()) return Status::Corruption(std::string(source) + ": no regions");
  for (const auto& [code, region] : table.regions_) {
    if (region.parent.empty()) continue;
    const Region* parent = table.Get(region.parent);
    if (parent == nullptr || !ParentFits(region, *parent)) {
      return Status::Corruption(std::string(source) + ": " + code + " has an unknown or misplaced parent " +
                                region.parent);
    }
  }
  return table;
}

Result<std::string> RegionTable::Validate(std::string_view input) const {
  std::optional<std::string> code = internal::FoldAndTrim(input);
  if (!code || code->empty()) return Status::Invalid("行政区划代码为空 (region code is empty)");
  if (code->size() != 6 || !internal::IsAsciiDigits(*code)) {
    return Status::Invalid("行政区划代码应为 6 位数字，实为 '" + *code + "' (region code must be 6 digits, got '" +
                           *code + "')");
  }
  if (!Contains(*code)) {
    return Status::Invalid("行政区划代码 " + *code + " 不存在 (unknown GB/T 2260 region code " + *code + ")");
  }
  return *std::move(code);
}

const Region* RegionTable::Get(std::string_view code) const {
  const auto it = regions_.find(code);
  return it == regions_.end() ? nullptr : &it->second;
}

std::optional<std::string_view> RegionTable::Find(std::string_view code) const {
  const Region* region = Get(code);
  if (region == nullptr) return std::nullopt;
  return std::string_view(region->name);
}

std::optional<std::string> RegionTable::Province(std::string_view code) const {
  if (!Contains(code)) return std::nullopt;
  return ProvinceCodeOf(code);
}

std::optional<std::string> RegionTable::City(std::string_view code) const {
  const Region* region = Get(code);
  if (region == nullptr) return std::nullopt;
  if (IsMunicipality(code)) return ProvinceCodeOf(code);
  switch (region->level) {
    case RegionLevel::kProvince: return std::nullopt;
    case RegionLevel::kCity: return region->code;
    case RegionLevel::kCounty:
      if (Get(region->parent)->level == RegionLevel::kCity) return region->parent;
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> RegionTable::FullName(std::string_view code) const {
  std::vector<const Region*> chain;
  for (const Region* r = Get(code); r != nullptr; r = r->parent.empty() ? nullptr : Get(r->parent)) {
    chain.push_back(r);
  }
  if (chain.empty()) return std::nullopt;
  std::string name;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) name += (*it)->name;
  return name;
}

RegionRelation RegionTable::Relate(std::string_view a, std::string_view b) {
  if (a.size() != 6 || b.size() != 6 || !internal::IsAsciiDigits(a) || !internal::IsAsciiDigits(b)) {
    return RegionRelation::kUnknown;
  }
  if (a == b) return RegionRelation::kSameDistrict;
  if (a.substr(0, 2) != b.substr(0, 2)) return RegionRelation::kDifferent;
  if (IsMunicipality(a)) return RegionRelation::kSameCity;
  const std::string_view city = a.substr(2, 2);
  if (city != "00" && city != "90" && city == b.substr(2, 2)) return RegionRelation::kSameCity;
  return RegionRelation::kSameProvince;
}

}  // namespace craftlink::reference

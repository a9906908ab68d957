// GB/T 2260 administrative divisions: province, prefecture (city) and county
// levels, loaded from data/reference/regions.tsv.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace craftlink::reference {

enum class RegionLevel { kProvince, kCity, kCounty };

struct Region {
  std::string code;    // six digits
  std::string name;    // own name only, e.g. 宝山区
  std::string parent;  // empty for provinces
  RegionLevel level = RegionLevel::kCounty;
};

// How close two region codes are, judged from the codes alone.
enum class RegionRelation { kSameDistrict, kSameCity, kSameProvince, kDifferent, kUnknown };
const char* RegionRelationName(RegionRelation relation);

class RegionTable {
 public:
  // Reads a `code<TAB>name<TAB>parent_code` file ('#' lines are comments).
  // IoError when unreadable, Corruption when a row or a parent link is wrong.
  static Result<RegionTable> Load(const std::string& path);
  // Same, from text in memory; `source` names it in error messages.
  static Result<RegionTable> Parse(std::string_view tsv, std::string_view source);

  // Folds full-width digits and trims; Ok(code) when it is a listed code.
  Result<std::string> Validate(std::string_view input) const;

  const Region* Get(std::string_view code) const;
  std::optional<std::string_view> Find(std::string_view code) const;  // the name
  bool Contains(std::string_view code) const { return Get(code) != nullptr; }

  // Province-level code (e.g. 510000) of a listed code.
  std::optional<std::string> Province(std::string_view code) const;
  // Prefecture-level code of a listed code. A municipality (北京, 天津, 上海,
  // 重庆) is its own prefecture, so City("310113") is "310000". County-level
  // units governed directly by a province (济源, 仙桃, 石河子…) have none: nullopt.
  std::optional<std::string> City(std::string_view code) const;
  // Names from the province down, e.g. 四川省成都市新都区, 上海市宝山区.
  std::optional<std::string> FullName(std::string_view code) const;

  size_t size() const { return regions_.size(); }

  // Pure prefix rules of GB/T 2260: same code → kSameDistrict; same first four
  // digits → kSameCity, except the x90 block (province-governed county-level
  // units, each its own city); any two codes in one municipality → kSameCity;
  // same first two → kSameProvince. kUnknown unless both are six digits.
  static RegionRelation Relate(std::string_view a, std::string_view b);

 private:
  std::map<std::string, Region, std::less<>> regions_;
};

}  // namespace craftlink::reference

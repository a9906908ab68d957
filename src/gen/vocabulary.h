// Internal to gen/: the word tables the generator composes records from.
// Tables are static arrays so that generating a record allocates only the
// record's own strings.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "domain/model.h"

namespace craftlink::gen::vocab {

using Words = std::span<const std::string_view>;

struct Weighted {
  std::string_view text;
  uint32_t weight;
};

enum class Province { kSichuan, kChongqing, kShanghai };

struct Region {
  std::string_view code;  // GB/T 2260, checked against data/reference/regions.tsv by the tests
  std::string_view district;
  std::string_view city;  // as it leads a company name: 成都, 重庆
  Province province;
  uint32_t weight;
};

struct ProvinceInfo {
  std::string_view name;    // 四川省, 重庆市
  Words honors;             // provincial honours
  Words brand_chars;        // characters that flavour a 字号: 蜀, 渝, 沪
};

// Placeholders in templates: {p} product, {e} equipment, {d} defect,
// {s} skill, {i} invention, {a} work area, {w} the family's process word, {n} a small count (2-12), {k} a count (10-99), {r} a percentage,
// {y} a number of years.
struct NeedTemplate {
  domain::ServiceKind kind;
  std::string_view title;
  std::string_view detail;  // one or two sentences ending in 。
};

struct Family {
  std::string_view name;                 // 焊接
  Words areas;                           // bio: 从事{a}工作
  Words skills;
  Words industries;                      // GB/T 4754-2017 divisions
  Words company_words;                   // 重型机械 in 德阳恒锐重型机械有限公司
  Words products;
  Words equipment;
  Words defects;
  Words inventions;
  Words works;                           // bio sentences: what they did
  std::span<const NeedTemplate> needs;
  std::span<const domain::ServiceKind> kinds;  // what such a craftsman usually offers
  std::span<const uint8_t> related;      // indices of neighbouring families
  std::string_view process;              // 生产, 施工, 运行: what goes on around {p}
  Words openings;                        // need openings when 我公司主要生产{p} does not fit
};

struct TitleInfo {
  std::string_view name;
  uint32_t weight;
  int years_min, years_max;     // years of experience
  int studio_percent;           // chance to lead a studio
  std::string_view studio_suffix;
  int national_min, national_max;  // national honours
  int province_min, province_max;  // provincial honours
  bool lectures;                // 劳模 and 工匠 are asked to give 宣讲
};

std::span<const Family> Families();
std::span<const Region> Regions();
const ProvinceInfo& ProvinceOf(Province p);
std::span<const TitleInfo> Titles();
std::span<const Weighted> Surnames();
Words MaleGivenChars();
Words FemaleGivenChars();
Words NationalHonors();
Words BrandChars();  // generic 字号 characters
std::span<const Weighted> MobilePrefixes();

// Text pieces for needs, by register (0 plain, 1 colloquial).
Words NeedOpenings(int register_);      // mention the product
Words NeedLeads(int register_);         // do not
Words NeedAttempts(int register_, bool technical);
Words NeedAsks(int register_, bool onsite);
std::span<const NeedTemplate> GenericNeeds();

// Bio, achievements, results.
Words BioOpenings();
Words BioSkills();
Words BioExtras();
Words Achievements();
Words ResultTitles();
Words ResultSummaries();
Words ResultEffects();
Words Benefits();
Words PlannedBenefits();

}  // namespace craftlink::gen::vocab

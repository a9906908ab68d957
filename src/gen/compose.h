// Internal to gen/: the portable PRNG and the small composers (names, phones,
// codes, dates, templates) the record makers are built from.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gen/vocabulary.h"

namespace craftlink::gen {

// splitmix64: tiny, fast and specified bit for bit, unlike the <random>
// distributions, whose output differs between standard libraries.
class Rng {
 public:
  explicit Rng(uint64_t state) : state_(state) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Modulo bias is below 2^-50 for the table sizes used here.
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<size_t>(hi - lo + 1))); }
  bool Percent(int p) { return Below(100) < static_cast<size_t>(p); }
  template <typename T>
  const T& Pick(std::span<const T> items) { return items[Below(items.size())]; }

 private:
  uint64_t state_;
};

// Independent streams per (seed, stream, index): a record never depends on
// its neighbours, so any record can be made alone and in any order. The
// "core" streams hold the few traits other records refer to (a need's
// enterprise, a result's owners), so deriving them is cheap.
enum class Stream : uint64_t { kCraftsmanCore = 1, kCraftsman, kEnterpriseCore, kEnterprise, kNeed, kResult };
Rng StreamRng(uint64_t seed, Stream stream, uint64_t index);

// Picks an index with probability proportional to each item's weight.
class WeightedIndex {
 public:
  template <typename T>
  explicit WeightedIndex(std::span<const T> items) {
    for (const T& item : items) {
      total_ += item.weight;
      cumulative_.push_back(total_);
    }
  }
  size_t Pick(Rng& rng) const;

 private:
  std::vector<uint64_t> cumulative_;
  uint64_t total_ = 0;
};

// Values for the {x} placeholders of vocabulary.h.
struct Slots {
  std::string_view p, e, d, s, i, a, w;
  int n = 0, k = 0, r = 0, y = 0;
};
Slots DrawSlots(Rng& rng, const vocab::Family& family);
void Expand(std::string_view tmpl, const Slots& slots, std::string& out);
std::string Expand(std::string_view tmpl, const Slots& slots);

// Picks `count` distinct items (fewer if the table is smaller) in draw order.
std::vector<std::string_view> Sample(Rng& rng, vocab::Words items, size_t count);

std::string PersonName(Rng& rng);
std::string MobilePhone(Rng& rng);
const vocab::Region& PickRegion(Rng& rng);
// 城市 + 字号 + 行业词 + 有限公司, flavoured by the region's province.
std::string CompanyName(Rng& rng, const vocab::Region& region, const vocab::Family& family, bool large);
// A GB 32100-2015 code for a company registered in `region`, with a valid
// organisation-code check (GB 11714) and check character.
std::string Uscc(Rng& rng, std::string_view region);
char UsccCheckChar(std::string_view first17);
// An ISO date in 2023-01-01 .. 2026-12-31.
std::string PostedDate(Rng& rng);
// "GC" + zero-padded number; shared by the public id functions.
std::string NumberedId(std::string_view prefix, size_t index);

}  // namespace craftlink::gen

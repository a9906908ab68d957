#include "gen/compose.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>

namespace craftlink::gen {
namespace {

constexpr std::string_view kUsccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kOrgCodeWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 33)) * 0xFF51AFD7ED558CCDULL;
  z = (z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53ULL;
  return z ^ (z >> 33);
}

void AppendInt(std::string& out, int value) {
  char buf[16];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

// GB 11714: digits are worth themselves, letters A..Z 10..35.
int OrgCodeValue(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

char OrgCodeCheck(std::string_view body8) {
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) sum += OrgCodeValue(body8[i]) * kOrgCodeWeights[i];
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

// Organisation codes issued since 2015 start with MA; older ones are digits.
std::string OrgCode(Rng& rng) {
  std::string body;
  if (rng.Percent(70)) {
    body = "MA";
    body += static_cast<char>('1' + rng.Below(9));
    // Only characters GB 32100 allows, so the whole code stays valid.
    while (body.size() < 8) body += kUsccChars[rng.Below(kUsccChars.size())];
  } else {
    while (body.size() < 8) body += static_cast<char>('0' + rng.Below(10));
  }
  body += OrgCodeCheck(body);
  return body;
}

const WeightedIndex& SurnameIndex() {
  static const WeightedIndex index(vocab::Surnames());
  return index;
}
const WeightedIndex& RegionIndex() {
  static const WeightedIndex index(vocab::Regions());
  return index;
}
const WeightedIndex& MobileIndex() {
  static const WeightedIndex index(vocab::MobilePrefixes());
  return index;
}

}  // namespace

Rng StreamRng(uint64_t seed, Stream stream, uint64_t index) {
  const uint64_t s = Mix(seed ^ Mix(static_cast<uint64_t>(stream) * 0x9E3779B97F4A7C15ULL));
  return Rng(Mix(s ^ Mix(index + 0x632BE59BD9B4E019ULL)));
}

size_t WeightedIndex::Pick(Rng& rng) const {
  const uint64_t x = rng.Next() % total_;
  return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
}

Slots DrawSlots(Rng& rng, const vocab::Family& f) {
  Slots s;
  s.p = rng.Pick(f.products);
  s.e = rng.Pick(f.equipment);
  s.d = rng.Pick(f.defects);
  s.s = rng.Pick(f.skills);
  s.i = rng.Pick(f.inventions);
  s.a = rng.Pick(f.areas);
  s.w = f.process;
  s.n = rng.Between(2, 12);
  s.k = rng.Between(10, 99);
  s.r = rng.Between(5, 30);
  s.y = rng.Between(5, 25);
  return s;
}

void Expand(std::string_view tmpl, const Slots& slots, std::string& out) {
  size_t pos = 0;
  while (pos < tmpl.size()) {
    const size_t open = tmpl.find('{', pos);
    if (open == std::string_view::npos || open + 2 >= tmpl.size() || tmpl[open + 2] != '}') {
      out.append(tmpl.substr(pos));
      return;
    }
    out.append(tmpl.substr(pos, open - pos));
    switch (tmpl[open + 1]) {
      case 'p': out.append(slots.p); break;
      case 'e': out.append(slots.e); break;
      case 'd': out.append(slots.d); break;
      case 's': out.append(slots.s); break;
      case 'i': out.append(slots.i); break;
      case 'a': out.append(slots.a); break;
      case 'w': out.append(slots.w); break;
      case 'n': AppendInt(out, slots.n); break;
      case 'k': AppendInt(out, slots.k); break;
      case 'r': AppendInt(out, slots.r); break;
      case 'y': AppendInt(out, slots.y); break;
      default: out.append(tmpl.substr(open, 3));
    }
    pos = open + 3;
  }
}

std::string Expand(std::string_view tmpl, const Slots& slots) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  Expand(tmpl, slots, out);
  return out;
}

std::vector<std::string_view> Sample(Rng& rng, vocab::Words items, size_t count) {
  std::array<uint8_t, 64> order{};  // every vocabulary table is far smaller
  const size_t n = std::min(items.size(), order.size());
  for (size_t i = 0; i < n; ++i) order[i] = static_cast<uint8_t>(i);
  count = std::min(count, n);
  std::vector<std::string_view> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {  // partial Fisher-Yates
    std::swap(order[i], order[i + rng.Below(n - i)]);
    out.push_back(items[order[i]]);
  }
  return out;
}

std::string PersonName(Rng& rng) {
  std::string name(vocab::Surnames()[SurnameIndex().Pick(rng)].text);
  const vocab::Words chars = rng.Percent(72) ? vocab::MaleGivenChars() : vocab::FemaleGivenChars();
  const std::string_view first = rng.Pick(chars);
  name.append(first);
  if (rng.Percent(70)) {
    std::string_view second = rng.Pick(chars);
    if (second == first && !rng.Percent(10)) second = rng.Pick(chars);  // 丽丽 happens, but rarely
    name.append(second);
  }
  return name;
}

std::string MobilePhone(Rng& rng) {
  std::string phone(vocab::MobilePrefixes()[MobileIndex().Pick(rng)].text);
  while (phone.size() < 11) phone += static_cast<char>('0' + rng.Below(10));
  return phone;
}

const vocab::Region& PickRegion(Rng& rng) { return vocab::Regions()[RegionIndex().Pick(rng)]; }

std::string CompanyName(Rng& rng, const vocab::Region& region, const vocab::Family& family, bool large) {
  std::string name(region.city);
  const std::string_view a = rng.Percent(40) ? rng.Pick(vocab::ProvinceOf(region.province).brand_chars)
                                             : rng.Pick(vocab::BrandChars());
  std::string_view b = rng.Pick(vocab::BrandChars());
  if (b == a) b = rng.Pick(vocab::BrandChars());
  name.append(a).append(b).append(rng.Pick(family.company_words));
  if (large) {
    name.append(rng.Percent(50) ? "集团有限公司" : "股份有限公司");
  } else {
    name.append("有限公司");
  }
  return name;
}

char UsccCheckChar(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) {
    sum += static_cast<int>(kUsccChars.find(first17[i])) * kUsccWeights[i];
  }
  return kUsccChars[(31 - sum % 31) % 31];
}

std::string Uscc(Rng& rng, std::string_view region) {
  std::string code = "91";
  code.append(region);
  code.append(OrgCode(rng));
  code += UsccCheckChar(code);
  return code;
}

std::string PostedDate(Rng& rng) {
  using namespace std::chrono;
  constexpr int kDays = 365 + 366 + 365 + 365;  // 2023..2026
  const year_month_day ymd{sys_days{year{2023} / January / 1} + days{rng.Below(kDays)}};
  std::string out;
  out.reserve(10);
  AppendInt(out, static_cast<int>(ymd.year()));
  out += '-';
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned d = static_cast<unsigned>(ymd.day());
  out += static_cast<char>('0' + m / 10);
  out += static_cast<char>('0' + m % 10);
  out += '-';
  out += static_cast<char>('0' + d / 10);
  out += static_cast<char>('0' + d % 10);
  return out;
}

std::string NumberedId(std::string_view prefix, size_t index) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, index + 1);
  std::string id(prefix);
  const size_t len = static_cast<size_t>(end - digits);
  if (len < 7) id.append(7 - len, '0');
  id.append(digits, end);
  return id;
}

}  // namespace craftlink::gen

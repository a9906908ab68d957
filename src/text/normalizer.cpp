#include "text/normalizer.h"

#include <opencc/Exception.hpp>
#include <opencc/SimpleConverter.hpp>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <climits>
#include <unordered_map>
#include <vector>

#include "text/codepoints.h"

namespace craftlink::text {
namespace {

// Extra bits next to CharBits in the normaliser's own BMP table.
constexpr uint8_t kT2sBit = 1 << 7;      // OpenCC maps this character to another one
constexpr uint8_t kInvalidBit = 1 << 6;  // only in scan results: an ill-formed byte was seen

// Han blocks converted once at start-up (BMP, compatibility, extensions B–H).
constexpr char32_t kHanRanges[][2] = {
    {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x323AF}};

}  // namespace

struct Normalizer::Impl {
  const icu::Normalizer2* nfkc = nullptr;
  T2sMode mode = T2sMode::kPhrase;
  std::unique_ptr<opencc::SimpleConverter> converter;
  std::vector<uint8_t> bmp_bits;  // CharTable bits | kT2sBit, for code points < 0x10000
  std::unordered_map<char32_t, char32_t> t2s;

  uint8_t Bits(char32_t cp) const {
    if (cp < 0x10000) return bmp_bits[cp];
    const uint8_t bits = CharTable::ComputeBits(cp);
    return (bits & kCharHan) && t2s.count(cp) ? bits | kT2sBit : bits;
  }
  uint8_t Scan(std::string_view text) const;
  bool MapPass(std::string_view in, std::string& out, bool apply_t2s) const;
  void Nfkc(std::string_view in, std::string& out) const;
  Status BuildT2sTable();
};

// Returns the union of the bits of all characters, so that a text needing no
// change costs one decode pass and no copy beyond the final assign.
uint8_t Normalizer::Impl::Scan(std::string_view text) const {
  uint8_t acc = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const auto b = static_cast<unsigned char>(*p);
    if (b < 0x80) {
      if (static_cast<unsigned>(b - 'A') < 26u) acc |= kCharHasLower;
      ++p;
      continue;
    }
    char32_t cp;
    p += DecodeOne(p, end, &cp);
    acc |= cp == kInvalidCodePoint ? kInvalidBit : Bits(cp);
  }
  return acc;
}

// Lower-cases, replaces ill-formed bytes with U+FFFD and, when asked, maps
// traditional characters through the table. Unchanged spans are copied whole.
// Returns whether a convertible (traditional) character was seen.
bool Normalizer::Impl::MapPass(std::string_view in, std::string& out, bool apply_t2s) const {
  out.clear();
  out.reserve(in.size());
  bool saw_t2s = false;
  const char* p = in.data();
  const char* const end = p + in.size();
  const char* span = p;
  while (p < end) {
    const auto b = static_cast<unsigned char>(*p);
    if (b < 0x80) {
      if (static_cast<unsigned>(b - 'A') < 26u) {
        out.append(span, p);
        out.push_back(static_cast<char>(b + 32));
        span = p + 1;
      }
      ++p;
      continue;
    }
    char32_t cp;
    const size_t len = DecodeOne(p, end, &cp);
    char32_t rep = kReplacementCharacter;
    if (cp != kInvalidCodePoint) {
      const uint8_t bits = Bits(cp);
      rep = (bits & kCharHasLower) ? CharTable::ToLower(cp) : cp;
      if (bits & kT2sBit) {
        saw_t2s = true;
        if (apply_t2s) rep = t2s.at(cp);
      }
    }
    if (rep != cp) {
      out.append(span, p);
      AppendUtf8(rep, out);
      span = p + len;
    }
    p += len;
  }
  out.append(span, end);
  return saw_t2s;
}

void Normalizer::Impl::Nfkc(std::string_view in, std::string& out) const {
  out.clear();
  if (in.size() > static_cast<size_t>(INT32_MAX)) {  // ICU lengths are int32_t
    out.assign(in);
    return;
  }
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(in.size()));
  UErrorCode status = U_ZERO_ERROR;
  nfkc->normalizeUTF8(0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), sink, nullptr, status);
  if (U_FAILURE(status)) out.assign(in);  // keep the text rather than lose it
}

// Converts every Han code point once, newline-separated so that OpenCC's
// phrase segmentation sees each character alone, and keeps those that change.
Status Normalizer::Impl::BuildT2sTable() {
  std::string input;
  std::vector<char32_t> cps;
  for (const auto& range : kHanRanges) {
    for (char32_t cp = range[0]; cp <= range[1]; ++cp) {
      if (!(CharTable::ComputeBits(cp) & kCharHan)) continue;
      cps.push_back(cp);
      AppendUtf8(cp, input);
      input.push_back('\n');
    }
  }
  std::string output;
  try {
    output = converter->Convert(input);
  } catch (const opencc::Exception& e) {
    return Status::Internal(std::string("opencc conversion failed: ") + e.what());
  }
  size_t pos = 0;
  for (const char32_t cp : cps) {
    const size_t nl = output.find('\n', pos);
    if (nl == std::string::npos) return Status::Internal("opencc changed the line structure of the character table");
    const std::string_view line(output.data() + pos, nl - pos);
    pos = nl + 1;
    char32_t mapped;
    if (line.empty() || DecodeOne(line.data(), line.data() + line.size(), &mapped) != line.size()) {
      continue;  // one-to-many mappings do not occur in t2s; ignore them if a config has any
    }
    if (mapped == cp || mapped == kInvalidCodePoint) continue;
    t2s.emplace(cp, mapped);
    if (cp < 0x10000) bmp_bits[cp] |= kT2sBit;
  }
  return Status::Ok();
}

Result<std::unique_ptr<Normalizer>> Normalizer::Create(const NormalizerOptions& options) {
  auto impl = std::make_unique<Impl>();
  UErrorCode status = U_ZERO_ERROR;
  impl->nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return Status::Internal(std::string("ICU NFKC unavailable: ") + u_errorName(status));
  impl->mode = options.t2s;
  const CharTable& table = CharTable::Get();
  impl->bmp_bits.resize(0x10000);
  for (char32_t cp = 0; cp < 0x10000; ++cp) impl->bmp_bits[cp] = table.Bits(cp);
  if (options.t2s != T2sMode::kOff) {
    try {
      impl->converter = std::make_unique<opencc::SimpleConverter>(options.opencc_config);
    } catch (const opencc::Exception& e) {
      return Status::IoError("cannot load OpenCC config " + options.opencc_config + ": " + e.what());
    } catch (const std::exception& e) {
      return Status::IoError("cannot load OpenCC config " + options.opencc_config + ": " + e.what());
    }
    CRAFTLINK_RETURN_IF_ERROR(impl->BuildT2sTable());
  }
  return std::unique_ptr<Normalizer>(new Normalizer(std::move(impl)));
}

Normalizer::Normalizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Normalizer::~Normalizer() = default;

std::string Normalizer::Normalize(std::string_view text) const {
  std::string out;
  NormalizeInto(text, out);
  return out;
}

void Normalizer::NormalizeInto(std::string_view text, std::string& out) const {
  const Impl& impl = *impl_;
  const uint8_t bits = impl.Scan(text);
  if (!(bits & (kInvalidBit | kCharNfkcUnsafe | kCharHasLower | kT2sBit))) {
    out.assign(text);  // the common case: already normal
    return;
  }
  std::string staged;
  std::string_view source = text;
  if (bits & kCharNfkcUnsafe) {
    std::string valid;
    if (bits & kInvalidBit) {
      impl.MapPass(text, valid, false);  // ICU wants well-formed input
      source = valid;
    }
    impl.Nfkc(source, staged);
    source = staged;
  }
  const bool phrase = impl.mode == T2sMode::kPhrase;
  const bool saw_t2s = impl.MapPass(source, out, impl.mode == T2sMode::kCharacter);
  if (saw_t2s && phrase) {
    try {
      out = impl.converter->Convert(out);
    } catch (const opencc::Exception&) {
      impl.MapPass(std::string(out), out, true);  // fall back to the character table
    }
  }
}

char32_t Normalizer::SimplifyChar(char32_t cp) const {
  const auto it = impl_->t2s.find(cp);
  return it == impl_->t2s.end() ? cp : it->second;
}

}  // namespace craftlink::text

// Normalizer: folds text to the one form the dictionary and the index use
// (NFKC, lower case, simplified Chinese).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace craftlink::text {

enum class T2sMode {
  kOff,        // keep traditional characters
  kCharacter,  // per-code-point table only: fastest, but ignores phrases (乾隆 → 干隆)
  // Texts without a convertible character take the table path (nothing to do);
  // texts with one are converted whole by OpenCC, which segments phrases
  // (乾燥 → 干燥 but 乾隆 stays). OpenCC runs at ~4 MB/s, so only traditional
  // input pays for it.
  kPhrase,
};

struct NormalizerOptions {
  std::string opencc_config = "t2s.json";  // a file name in OpenCC's data directory, or a path
  T2sMode t2s = T2sMode::kPhrase;
};

// Build once and share: construction loads OpenCC and converts every Han code
// point once (~70 ms). All const methods are safe to call concurrently.
class Normalizer {
 public:
  static Result<std::unique_ptr<Normalizer>> Create(const NormalizerOptions& options = {});
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // NFKC (full-width → half-width, ideographic space → space), lower case,
  // traditional → simplified. Ill-formed UTF-8 bytes become U+FFFD.
  std::string Normalize(std::string_view text) const;
  // Same, into `out` (overwritten), so callers can reuse its capacity.
  void NormalizeInto(std::string_view text, std::string& out) const;

  // Single-code-point traditional → simplified mapping (identity when none).
  char32_t SimplifyChar(char32_t cp) const;

 private:
  struct Impl;
  explicit Normalizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace craftlink::text

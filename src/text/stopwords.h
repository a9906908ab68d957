// StopWords: function words and filler dropped from the word stream; its
// single-character entries are the "function characters" for bigrams.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/status.h"

namespace craftlink::text {

// The list in data/text/stopwords.txt, compiled into the library.
std::string_view BuiltInStopWordsText();

// Entries of a word list: one per line, `#` comment lines and blanks skipped,
// surrounding white space trimmed.
std::vector<std::string> ParseWordList(std::string_view contents);
Result<std::vector<std::string>> ReadWordListFile(const std::string& path);

class StopWords {
 public:
  StopWords() = default;
  // Entries must already be in normal form (see Normalizer).
  explicit StopWords(const std::vector<std::string>& words);

  bool Contains(std::string_view word) const {
    return word.size() <= max_length_ && words_.find(word) != words_.end();
  }
  // A single-character stop word (的, 了, 是 ...); BMP only.
  bool IsFunctionChar(char32_t cp) const { return cp < 0x10000 && function_chars_[cp]; }
  // A bigram that carries nothing: both characters are function characters
  // (的是, 我们), or the pair is itself a stop word (希望, 一个, 比较).
  bool IsStopBigram(char32_t a, char32_t b) const {
    if (a >= 0x10000 || b >= 0x10000) return false;
    if (function_chars_[a] && function_chars_[b]) return true;
    return pair_starts_[a] && stop_pairs_.count(PairKey(a, b)) != 0;
  }
  size_t size() const { return words_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
  static uint64_t PairKey(char32_t a, char32_t b) { return (uint64_t{a} << 32) | b; }
  std::bitset<0x10000> function_chars_;
  std::bitset<0x10000> pair_starts_;  // cheap filter before the hash lookup
  std::unordered_set<uint64_t> stop_pairs_;
  size_t max_length_ = 0;
};

}  // namespace craftlink::text

// Dictionary: jieba's word-frequency lexicon as an immutable code-point trie,
// plus the builder that loads dict.txt and user lexicons into it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace craftlink::text {

// Path of jieba's dict.txt chosen at configure time (CMake CRAFTLINK_JIEBA_DICT).
std::string DefaultJiebaDictPath();

// Trie layout: nodes in breadth-first order, so the children of a node are a
// contiguous, label-sorted block; the labels live in their own array so that
// scanning siblings touches one cache line. The root's BMP children are also
// indexed directly. ~500k nodes for jieba's dictionary, ~10 MB in all.
// Only words made entirely of Han characters are kept: other runs are never
// looked up.
class Dictionary {
 public:
  static constexpr uint32_t kRoot = 0;
  static constexpr uint32_t kNone = 0;  // the root is nobody's child

  // The child of `node` along `cp`, or kNone.
  uint32_t Child(uint32_t node, char32_t cp) const {
    if (node == kRoot && cp < 0x10000) return root_bmp_[cp];
    const Node& n = nodes_[node];
    const char32_t* first = labels_.data() + n.first_child;
    const char32_t* last = first + n.child_count;
    if (n.child_count <= 8) {
      for (const char32_t* p = first; p != last; ++p) {
        if (*p == cp) return n.first_child + static_cast<uint32_t>(p - first);
      }
      return kNone;
    }
    const char32_t* p = std::lower_bound(first, last, cp);
    return (p != last && *p == cp) ? n.first_child + static_cast<uint32_t>(p - first) : kNone;
  }
  bool IsWord(uint32_t node) const { return nodes_[node].log_prob <= 0.0; }
  // log(freq / total) of a word node, computed as jieba does.
  double LogProb(uint32_t node) const { return nodes_[node].log_prob; }
  // What jieba charges for a character that starts no word: log(1 / total).
  double UnknownLogProb() const { return unknown_log_prob_; }

  // The node spelled by `cps`, or kNone.
  uint32_t Find(const char32_t* cps, size_t n) const;
  bool Contains(std::string_view word) const;
  // Frequency of a word, as loaded or suggested; nullopt when absent.
  std::optional<double> Frequency(std::string_view word) const;

  size_t word_count() const { return word_count_; }
  size_t node_count() const { return nodes_.size(); }
  double total() const { return total_; }
  size_t MemoryBytes() const;

 private:
  friend class DictionaryBuilder;
  static constexpr double kNotWord = 1.0;
  struct Node {
    uint32_t first_child = 0;
    uint32_t child_count = 0;
    double log_prob = kNotWord;
  };
  std::vector<Node> nodes_;
  std::vector<char32_t> labels_;  // label of the edge into each node
  std::vector<uint32_t> root_bmp_;
  double total_ = 0;
  double unknown_log_prob_ = 0;
  size_t word_count_ = 0;
};

// Collects words, then builds the trie once. Not thread-safe; the Dictionary
// it builds is immutable and safe to share.
class DictionaryBuilder {
 public:
  // Maps a word to its normal form before it is added (e.g. Normalizer).
  using WordNormalizer = std::function<std::string(std::string_view)>;

  // Lines `word [freq] [pos]`, blank lines and `#` comments ignored. A word
  // without a frequency gets jieba's suggested frequency (see AddWord).
  Status AddFile(const std::string& path, const WordNormalizer& normalize = nullptr);
  Status AddText(std::string_view contents, std::string_view source, const WordNormalizer& normalize = nullptr);
  // A later entry replaces an earlier one. Without a frequency the word gets
  // jieba's suggest_freq: just enough for it to beat its own best split, and
  // never less than the frequency it already has. Words that are not all Han
  // are skipped (only Han runs are looked up), but their frequency still
  // counts toward the total so that probabilities equal jieba's.
  void AddWord(std::string_view word, std::optional<double> freq = std::nullopt);

  size_t entry_count() const { return entries_.size(); }
  size_t skipped_count() const { return skipped_; }
  // Consumes the collected words; use a new builder for another dictionary.
  Result<std::shared_ptr<const Dictionary>> Build();

 private:
  struct Entry {
    std::string word;
    double freq = 0;
    bool has_freq = false;
    uint32_t order = 0;
  };
  struct FlatWords {
    std::vector<char32_t> cps;
    std::vector<uint32_t> starts;  // word i is cps[starts[i], starts[i + 1])
  };
  void SortAndDedupe();
  void SuggestMissingFrequencies();
  void BuildTrie(const FlatWords& flat, Dictionary& dict) const;
  std::vector<Entry> entries_;
  size_t skipped_ = 0;
  double skipped_freq_ = 0;  // still counts toward the total, as in jieba
};

}  // namespace craftlink::text

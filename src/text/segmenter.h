// Segmenter: splits normalised text into runs and cuts Han runs into words
// with jieba's algorithm (DAG of dictionary words, max-probability path).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/dictionary.h"
#include "text/function_ref.h"

namespace craftlink::text {

enum class Mode {
  kPrecise,  // jieba cut(HMM=False): the max-probability path
  kSearch,   // jieba cut_for_search: also dictionary 2- and 3-character words inside longer words
};

// A word and its position. Search-mode sub-words share their parent's position.
struct Token {
  std::string text;
  uint32_t position = 0;
  friend bool operator==(const Token&, const Token&) = default;
};

enum class RunKind : uint8_t {
  kHan,    // consecutive Han ideographs: segmented and bigrammed
  kAlnum,  // letters/digits of other scripts, e.g. plc, q235, 5s, 0.5mm: one token
};

// A maximal run of one kind; separators (spaces, punctuation, symbols, emoji,
// U+FFFD) are between runs and never part of one.
struct Run {
  RunKind kind;
  std::string_view text;
  std::span<const char32_t> cps;      // the run's code points
  std::span<const uint32_t> offsets;  // byte offset of each code point in `text`, plus text.size()
};

// One segmented word. Search-mode sub-words follow their parent (jieba yields
// them before it; the order within a parent does not matter to retrieval).
struct Piece {
  std::string_view text;
  bool subword = false;
};

// Reusable buffers, so segmenting in a loop does not allocate.
struct SegmentScratch {
  std::vector<char32_t> cps;
  std::vector<uint32_t> offsets;
  std::vector<double> route_prob;
  std::vector<uint32_t> route_end;
};

// Immutable after construction; const methods are safe to call concurrently
// (each caller brings its own scratch).
class Segmenter {
 public:
  explicit Segmenter(std::shared_ptr<const Dictionary> dict);

  // Every word of already-normalised `text` (stop words included), Han words
  // and alnum runs alike; positions count parent words.
  std::vector<Token> Segment(std::string_view text, Mode mode) const;

  // Calls `fn` for each run of `text`, in order. Offsets are 32-bit: texts
  // must be under 4 GiB.
  void ForEachRun(std::string_view text, SegmentScratch& scratch, FunctionRef<void(const Run&)> fn) const;
  // Cuts a Han run (from ForEachRun) into words.
  void CutHan(const Run& run, Mode mode, SegmentScratch& scratch, FunctionRef<void(const Piece&)> fn) const;

  const Dictionary& dictionary() const { return *dict_; }

 private:
  void BestPath(std::span<const char32_t> cps, SegmentScratch& scratch) const;
  void EmitSubwords(const Run& run, uint32_t begin, uint32_t end, FunctionRef<void(const Piece&)> fn) const;
  std::shared_ptr<const Dictionary> dict_;
};

}  // namespace craftlink::text

// text: CraftLink's Chinese text analysis — normalisation, jieba-style word
// segmentation, stop words and character bigrams — used alike at index and at
// query time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "text/dictionary.h"
#include "text/function_ref.h"
#include "text/normalizer.h"
#include "text/segmenter.h"
#include "text/stopwords.h"

namespace craftlink::text {

struct AnalyzerOptions {
  std::string jieba_dict = DefaultJiebaDictPath();
  // Extra lexicons, `word [freq] [pos]` per line; words are normalised first.
  std::vector<std::string> user_dicts;
  // Extra words without frequency (e.g. skill names from data/lexicon), added
  // after the files. Only all-Han words matter; others (TIG焊) are skipped.
  std::vector<std::string> user_words;
  // Empty: the built-in list (data/text/stopwords.txt as compiled in).
  std::string stopwords_file;
  NormalizerOptions normalizer;
};

enum class Stream : uint8_t { kWord, kBigram };

// A token handed to the allocation-free callback; `text` points into a
// per-thread buffer and is valid only during the call.
struct TokenView {
  Stream stream;
  std::string_view text;
  uint32_t position;
};

// Positions: a word's position counts the non-stop parent words before it
// (stop words leave no gap, so 焊缝的气孔 and 焊缝气孔 are both adjacent);
// a bigram's position is the index of its first character among all Han
// characters of the text, so overlapping bigrams are one apart and runs cut by
// punctuation leave a gap.
struct Analysis {
  std::vector<Token> words;    // search-mode words and alnum tokens, stop words removed
  std::vector<Token> bigrams;  // overlapping Han bigrams of every run, minus stop bigrams
};

// Build once (≈0.3 s: dictionary, OpenCC) and share; all const methods are
// safe to call from many threads. The same options must be used to index and
// to query, since both sides must produce the same tokens.
class Analyzer {
 public:
  static Result<std::shared_ptr<const Analyzer>> Create(const AnalyzerOptions& options = {});

  std::string Normalize(std::string_view text) const;
  // Normalises, then segments; stop words are kept.
  std::vector<Token> Segment(std::string_view text, Mode mode = Mode::kPrecise) const;

  Analysis Analyze(std::string_view text) const;
  // The same tokens, words and bigrams interleaved in text order, without
  // allocating once the per-thread buffers have grown.
  void Analyze(std::string_view text, FunctionRef<void(const TokenView&)> sink) const;

  const Normalizer& normalizer() const { return *normalizer_; }
  const Segmenter& segmenter() const { return segmenter_; }
  const Dictionary& dictionary() const { return segmenter_.dictionary(); }
  const StopWords& stop_words() const { return stop_words_; }

 private:
  Analyzer(std::unique_ptr<Normalizer> normalizer, std::shared_ptr<const Dictionary> dict, StopWords stop_words);
  void AnalyzeNormalized(std::string_view normalized, SegmentScratch& scratch,
                         FunctionRef<void(const TokenView&)> sink) const;
  void EmitBigrams(const Run& run, uint32_t& han_index, FunctionRef<void(const TokenView&)> sink) const;

  std::unique_ptr<Normalizer> normalizer_;
  Segmenter segmenter_;
  StopWords stop_words_;
};

}  // namespace craftlink::text

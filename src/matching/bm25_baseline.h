// The evaluation's baseline: plain BM25 (k1 = 1.2, b = 0.75) over the Han
// character bigrams of one concatenated text per document. It has no fields,
// no words, no taxonomy and no structured features, so the engine's gain over
// it measures what those add.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text/analyzer.h"

namespace craftlink::matching {

class Bm25Baseline {
 public:
  explicit Bm25Baseline(const text::Analyzer& analyzer, double k1 = 1.2, double b = 0.75);

  void Add(std::string id, std::string_view text);
  // The best `k` documents for the query's bigrams (each distinct bigram once).
  std::vector<std::pair<std::string, double>> Search(std::string_view query, size_t k) const;

 private:
  const text::Analyzer& analyzer_;
  double k1_, b_;
  std::vector<std::string> ids_;
  std::vector<uint32_t> lengths_;
  double total_length_ = 0;
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> postings_;  // bigram → (doc, tf)
};

}  // namespace craftlink::matching

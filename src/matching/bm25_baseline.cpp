#include "matching/bm25_baseline.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace craftlink::matching {

Bm25Baseline::Bm25Baseline(const text::Analyzer& analyzer, double k1, double b)
    : analyzer_(analyzer), k1_(k1), b_(b) {}

void Bm25Baseline::Add(std::string id, std::string_view text) {
  const auto doc = static_cast<uint32_t>(ids_.size());
  std::unordered_map<std::string, uint32_t> tf;
  uint32_t length = 0;
  analyzer_.Analyze(text, [&](const text::TokenView& t) {
    if (t.stream != text::Stream::kBigram) return;
    ++tf[std::string(t.text)];
    ++length;
  });
  for (auto& [term, n] : tf) postings_[term].push_back({doc, n});
  ids_.push_back(std::move(id));
  lengths_.push_back(length);
  total_length_ += length;
}

std::vector<std::pair<std::string, double>> Bm25Baseline::Search(std::string_view query, size_t k) const {
  std::set<std::string> terms;
  analyzer_.Analyze(query, [&](const text::TokenView& t) {
    if (t.stream == text::Stream::kBigram) terms.emplace(t.text);
  });
  const double n = static_cast<double>(ids_.size());
  const double avg = n > 0 ? total_length_ / n : 1.0;
  std::vector<double> scores(ids_.size(), 0.0);
  for (const std::string& term : terms) {
    auto it = postings_.find(term);
    if (it == postings_.end()) continue;
    const double df = static_cast<double>(it->second.size());
    const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    for (const auto& [doc, tf] : it->second) {
      const double norm = k1_ * (1.0 - b_ + b_ * lengths_[doc] / avg);
      scores[doc] += idf * tf * (k1_ + 1.0) / (tf + norm);
    }
  }
  std::vector<std::pair<std::string, double>> out;
  for (size_t d = 0; d < scores.size(); ++d) {
    if (scores[d] > 0) out.push_back({ids_[d], scores[d]});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

}  // namespace craftlink::matching

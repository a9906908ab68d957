#include "matching/text_index.h"

#include <algorithm>
#include <cmath>

namespace craftlink::matching::internal {
namespace {

constexpr uint32_t kMaxTf = 7;
constexpr uint32_t kTfBits = 3;
constexpr uint32_t kTfMask = (1u << (kTfBits * kMaxIndexedFields)) - 1;  // low 21 bits
constexpr uint32_t kImpactShift = 21;
constexpr float kImpactMax = 2047.0f;
constexpr float kImpactScale = 1.0f / kImpactMax;

// Averages may drift this much before per-document factors are recomputed:
// BM25 is insensitive to small changes of avgdl, and recomputing is O(docs).
constexpr double kAvgDrift = 0.05;

// Per-thread scratch for Add: term → packed tfs per stream.
struct AddScratch {
  std::array<std::unordered_map<std::string, uint32_t>, kStreams> counts;
};

}  // namespace

TextIndex::TextIndex(int num_fields, std::array<StreamParams, kStreams> params,
                     std::shared_ptr<const text::Analyzer> analyzer)
    : num_fields_(std::clamp(num_fields, 1, kMaxIndexedFields)), params_(params), analyzer_(std::move(analyzer)) {}

DocId TextIndex::Add(const std::array<std::string, kMaxFields>& fields, const SkillVector& tags, int extra_field,
                     const std::vector<const std::vector<std::string>*>& extra) {
  thread_local AddScratch scratch;
  const auto doc = static_cast<DocId>(live_.size());
  std::array<std::array<uint32_t, kMaxFields>, kStreams> lengths{};
  if (extra_field >= 0 && extra_field < num_fields_ && params_[0].fields[extra_field].weight > 0.0f) {
    const uint32_t shift = kTfBits * static_cast<uint32_t>(extra_field);
    for (const auto* tokens : extra) {
      for (const std::string& token : *tokens) {
        ++lengths[0][extra_field];
        auto [it, inserted] = scratch.counts[0].try_emplace(token, 0u);
        if (((it->second >> shift) & kMaxTf) < kMaxTf) it->second += 1u << shift;
      }
    }
  }
  for (int f = 0; f < num_fields_; ++f) {
    if (fields[f].empty()) continue;
    analyzer_->Analyze(fields[f], [&](const text::TokenView& t) {
      const int s = t.stream == text::Stream::kWord ? 0 : 1;
      if (params_[s].fields[f].weight <= 0.0f) return;  // a field this stream ignores costs nothing
      ++lengths[s][f];
      auto [it, inserted] = scratch.counts[s].try_emplace(std::string(t.text), 0u);
      const uint32_t shift = kTfBits * static_cast<uint32_t>(f);
      const uint32_t tf = (it->second >> shift) & kMaxTf;
      if (tf < kMaxTf) it->second += 1u << shift;
    });
  }
  std::array<std::vector<uint32_t>, kStreams> doc_terms;
  for (int s = 0; s < kStreams; ++s) {
    for (auto& [term, tfs] : scratch.counts[s]) {
      auto [it, inserted] = term_ids_[s].try_emplace(term, static_cast<uint32_t>(terms_[s].size()));
      if (inserted) {
        terms_[s].push_back(term);
        postings_[s].emplace_back();
      }
      postings_[s][it->second].push_back(Posting{doc, tfs});
      doc_terms[s].push_back(it->second);
    }
    scratch.counts[s].clear();
    for (int f = 0; f < kMaxFields; ++f) {
      const uint16_t len = static_cast<uint16_t>(std::min<uint32_t>(lengths[s][f], 0xFFFF));
      lengths_[s].push_back(len);
      total_length_[s][f] += len;
    }
    factors_[s].resize(lengths_[s].size());
  }
  for (const SkillWeight& t : tags) tag_postings_[t.skill].push_back(TagPosting{doc, t.weight});
  live_.push_back(true);
  ++live_count_;
  for (int s = 0; s < kStreams; ++s) {
    bool drift = false;
    for (int f = 0; f < num_fields_ && !drift; ++f) {
      const double avg = total_length_[s][f] / static_cast<double>(live_count_);
      drift = std::abs(avg - avg_used_[s][f]) > kAvgDrift * std::max(avg, 1.0);
    }
    if (drift) {
      RefreshNorms(s);
    } else {
      // Only the new document's factors and impacts.
      for (int f = 0; f < kMaxFields; ++f) {
        const size_t i = static_cast<size_t>(doc) * kMaxFields + f;
        const FieldParams& fp = params_[s].fields[f];
        const double avg = std::max(avg_used_[s][f], 1.0);
        factors_[s][i] = static_cast<float>(fp.weight / (1.0 - fp.b + fp.b * lengths_[s][i] / avg));
      }
      for (uint32_t term : doc_terms[s]) {
        Posting& p = postings_[s][term].back();
        p.packed = (p.packed & kTfMask) | (Quantize(s, p) << kImpactShift);
      }
    }
  }
  return doc;
}

void TextIndex::RefreshNorms(int s) {
  const double n = std::max<double>(1.0, static_cast<double>(live_count_));
  for (int f = 0; f < kMaxFields; ++f) avg_used_[s][f] = total_length_[s][f] / n;
  const size_t docs = live_.size();
  for (size_t d = 0; d < docs; ++d) {
    for (int f = 0; f < kMaxFields; ++f) {
      const size_t i = d * kMaxFields + f;
      const FieldParams& fp = params_[s].fields[f];
      const double avg = std::max(avg_used_[s][f], 1.0);
      factors_[s][i] = static_cast<float>(fp.weight / (1.0 - fp.b + fp.b * lengths_[s][i] / avg));
    }
  }
  for (auto& list : postings_[s]) {
    for (Posting& p : list) {
      if (p.doc < live_.size() && live_[p.doc]) p.packed = (p.packed & kTfMask) | (Quantize(s, p) << kImpactShift);
    }
  }
}

void TextIndex::Remove(DocId doc) {
  if (!live(doc)) return;
  live_[doc] = false;
  --live_count_;
  for (int s = 0; s < kStreams; ++s) {
    for (int f = 0; f < kMaxFields; ++f) total_length_[s][f] -= lengths_[s][static_cast<size_t>(doc) * kMaxFields + f];
  }
}

std::vector<DocId> TextIndex::Compact() {
  std::vector<DocId> remap(live_.size(), kNoDoc);
  DocId next = 0;
  for (DocId d = 0; d < live_.size(); ++d) {
    if (live_[d]) remap[d] = next++;
  }
  for (int s = 0; s < kStreams; ++s) {
    for (auto& list : postings_[s]) {
      size_t out = 0;
      for (const Posting& p : list) {
        if (remap[p.doc] != kNoDoc) list[out++] = Posting{remap[p.doc], p.packed};
      }
      list.resize(out);
      list.shrink_to_fit();
    }
    // Terms left without postings keep their ids: ids are referenced nowhere
    // else, and a later document may use the term again.
    std::vector<uint16_t> lengths(static_cast<size_t>(next) * kMaxFields);
    for (DocId d = 0; d < live_.size(); ++d) {
      if (remap[d] == kNoDoc) continue;
      std::copy_n(lengths_[s].begin() + static_cast<ptrdiff_t>(d) * kMaxFields, kMaxFields,
                  lengths.begin() + static_cast<ptrdiff_t>(remap[d]) * kMaxFields);
    }
    lengths_[s] = std::move(lengths);
    factors_[s].assign(lengths_[s].size(), 0.0f);
  }
  for (auto& [skill, list] : tag_postings_) {
    size_t out = 0;
    for (const TagPosting& p : list) {
      if (remap[p.doc] != kNoDoc) list[out++] = TagPosting{remap[p.doc], p.weight};
    }
    list.resize(out);
  }
  live_.assign(next, true);
  live_count_ = next;
  for (int s = 0; s < kStreams; ++s) RefreshNorms(s);
  return remap;
}

std::optional<uint32_t> TextIndex::Term(int stream, std::string_view term) const {
  auto it = term_ids_[stream].find(std::string(term));
  if (it == term_ids_[stream].end()) return std::nullopt;
  return it->second;
}

double TextIndex::Idf(int stream, uint32_t term) const {
  const double n = static_cast<double>(live_count_);
  const double df = std::min(n, static_cast<double>(postings_[stream][term].size()));
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

double TextIndex::MaxIdf() const {
  const double n = static_cast<double>(live_count_);
  return std::log(1.0 + (n + 0.5) / 0.5);
}

float TextIndex::Pseudo(int s, const Posting& p) const {
  const float* factors = factors_[s].data() + static_cast<size_t>(p.doc) * kMaxFields;
  float tf = 0;
  uint32_t tfs = p.packed & kTfMask;
  while (tfs != 0) {
    const uint32_t field = static_cast<uint32_t>(__builtin_ctz(tfs)) / kTfBits;
    const uint32_t shift = field * kTfBits;
    tf += static_cast<float>((tfs >> shift) & kMaxTf) * factors[field];
    tfs &= ~(kMaxTf << shift);
  }
  return tf;
}

uint32_t TextIndex::Quantize(int s, const Posting& p) const {
  const float tf = Pseudo(s, p);
  if (tf <= 0.0f) return 0;
  const float x = tf / (params_[s].k1 + tf);
  // A match never quantises to nothing.
  return std::clamp(static_cast<uint32_t>(std::lround(x * kImpactMax)), 1u, static_cast<uint32_t>(kImpactMax));
}

void TextIndex::Accumulate(int s, uint32_t term, float weight, float* acc, uint8_t* mark,
                           std::vector<DocId>& touched) const {
  const float w = weight * kImpactScale;
  for (const Posting& p : postings_[s][term]) {
    acc[p.doc] += w * static_cast<float>(p.packed >> kImpactShift);
    if (!mark[p.doc]) {
      mark[p.doc] = 1;
      touched.push_back(p.doc);
    }
  }
}

float TextIndex::TermScore(int s, uint32_t term, DocId doc) const {
  const auto& list = postings_[s][term];
  auto it = std::lower_bound(list.begin(), list.end(), doc, [](const Posting& p, DocId d) { return p.doc < d; });
  if (it == list.end() || it->doc != doc) return 0.0f;
  return static_cast<float>(it->packed >> kImpactShift) * kImpactScale;
}

uint32_t TextIndex::FieldsWith(int s, uint32_t term, DocId doc) const {
  const auto& list = postings_[s][term];
  auto it = std::lower_bound(list.begin(), list.end(), doc, [](const Posting& p, DocId d) { return p.doc < d; });
  if (it == list.end() || it->doc != doc) return 0;
  uint32_t fields = 0;
  for (uint32_t f = 0; f < kMaxIndexedFields; ++f) {
    if ((it->packed >> (f * kTfBits)) & ((1u << kTfBits) - 1)) fields |= 1u << f;
  }
  return fields;
}

void TextIndex::AccumulateTag(SkillId skill, float weight, float* acc, uint8_t* mark,
                              std::vector<DocId>& touched) const {
  auto it = tag_postings_.find(skill);
  if (it == tag_postings_.end()) return;
  for (const TagPosting& p : it->second) {
    acc[p.doc] += weight * p.weight;
    if (!mark[p.doc]) {
      mark[p.doc] = 1;
      touched.push_back(p.doc);
    }
  }
}

size_t TextIndex::TagPostingCount(SkillId skill) const {
  auto it = tag_postings_.find(skill);
  return it == tag_postings_.end() ? 0 : it->second.size();
}

size_t TextIndex::MemoryBytes() const {
  size_t bytes = live_.size() / 8;
  for (int s = 0; s < kStreams; ++s) {
    for (const auto& list : postings_[s]) bytes += list.capacity() * sizeof(Posting) + sizeof(list);
    for (const auto& t : terms_[s]) bytes += t.capacity() + sizeof(t);
    bytes += term_ids_[s].size() * (sizeof(std::string) + sizeof(uint32_t) + 2 * sizeof(void*)) +
             term_ids_[s].bucket_count() * sizeof(void*);
    bytes += lengths_[s].capacity() * sizeof(uint16_t) + factors_[s].capacity() * sizeof(float);
  }
  for (const auto& [skill, list] : tag_postings_) bytes += list.capacity() * sizeof(TagPosting) + 32;
  return bytes;
}

}  // namespace craftlink::matching::internal

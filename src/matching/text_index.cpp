#include "matching/text_index.h"

#include <algorithm>
#include <cmath>

namespace craftlink::matching::internal {
namespace {

constexpr uint32_t kMaxTf = 7;
constexpr uint32_t kTfBits = 3;
constexpr uint32_t kTfMask = (1u << (kTfBits * kMaxIndexedFields)) - 1;  // low 21 bits
constexpr float kImpactMax = 2047.0f;

// Averages may drift this much before per-document factors are recomputed:
// BM25 is insensitive to small changes of avgdl, and recomputing is O(docs).
constexpr double kAvgDrift = 0.05;

// Per-thread scratch for Analyze: where each term of the document being
// analysed sits in AnalyzedDoc::terms (open addressing, index + 1; 0 empty).
// Counting by slot spares a std::string and a hash-map node per token.
class TermCounter {
 public:
  void Reset() {
    for (auto& slots : slots_) std::fill(slots.begin(), slots.end(), 0u);
  }
  // The packed frequencies of `text` in stream `s`, a new term starting at 0.
  uint32_t& Tfs(AnalyzedDoc& doc, int s, std::string_view text) {
    std::vector<AnalyzedDoc::Term>& terms = doc.terms[s];
    std::vector<uint32_t>& slots = slots_[s];
    if (2 * (terms.size() + 1) > slots.size()) Grow(doc, s);
    const uint64_t hash = TermTable::Hash(text);
    const size_t mask = slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots[i] == 0) {
        terms.push_back(AnalyzedDoc::Term{hash, static_cast<uint32_t>(doc.text.size()),
                                          static_cast<uint32_t>(text.size()), 0u});
        doc.text.append(text);
        slots[i] = static_cast<uint32_t>(terms.size());
        return terms.back().tfs;
      }
      AnalyzedDoc::Term& t = terms[slots[i] - 1];
      if (t.hash == hash && doc.TermText(t) == text) return t.tfs;
    }
  }

 private:
  void Grow(const AnalyzedDoc& doc, int s) {
    std::vector<uint32_t>& slots = slots_[s];
    slots.assign(std::max<size_t>(256, slots.size() * 2), 0u);
    const size_t mask = slots.size() - 1;
    const auto& terms = doc.terms[s];
    for (size_t k = 0; k < terms.size(); ++k) {
      size_t i = terms[k].hash & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = static_cast<uint32_t>(k + 1);
    }
  }

  std::array<std::vector<uint32_t>, kStreams> slots_;
};

}  // namespace

TextIndex::TextIndex(int num_fields, std::array<StreamParams, kStreams> params,
                     std::shared_ptr<const text::Analyzer> analyzer)
    : num_fields_(std::clamp(num_fields, 1, kMaxIndexedFields)), params_(params), analyzer_(std::move(analyzer)) {}

DocId TextIndex::Add(const std::array<std::string, kMaxFields>& fields, const SkillVector& tags, int extra_field,
                     const std::vector<const std::vector<std::string>*>& extra) {
  return Append(Analyze(fields, extra_field, extra), tags);
}

AnalyzedDoc TextIndex::Analyze(const std::array<std::string, kMaxFields>& fields, int extra_field,
                               const std::vector<const std::vector<std::string>*>& extra) const {
  thread_local TermCounter counter;
  counter.Reset();
  AnalyzedDoc doc;
  auto count = [&](int s, int f, std::string_view text) {
    ++doc.lengths[s][f];
    uint32_t& tfs = counter.Tfs(doc, s, text);
    const uint32_t shift = kTfBits * static_cast<uint32_t>(f);
    if (((tfs >> shift) & kMaxTf) < kMaxTf) tfs += 1u << shift;
  };
  if (extra_field >= 0 && extra_field < num_fields_ && params_[0].fields[extra_field].weight > 0.0f) {
    for (const auto* tokens : extra) {
      for (const std::string& token : *tokens) count(0, extra_field, token);
    }
  }
  for (int f = 0; f < num_fields_; ++f) {
    if (fields[f].empty()) continue;
    analyzer_->Analyze(fields[f], [&](const text::TokenView& t) {
      const int s = t.stream == text::Stream::kWord ? 0 : 1;
      if (params_[s].fields[f].weight <= 0.0f) return;  // a field this stream ignores costs nothing
      count(s, f, t.text);
    });
  }
  return doc;
}

DocId TextIndex::Append(const AnalyzedDoc& analyzed, const SkillVector& tags) {
  const auto doc = static_cast<DocId>(live_.size());
  std::array<std::vector<uint32_t>, kStreams> doc_terms;
  for (int s = 0; s < kStreams; ++s) {
    doc_terms[s].reserve(analyzed.terms[s].size());
    for (const AnalyzedDoc::Term& t : analyzed.terms[s]) {
      bool added = false;
      const uint32_t id = terms_[s].Intern(analyzed.TermText(t), t.hash, &added);
      if (added) postings_[s].emplace_back();
      postings_[s][id].push_back(Posting{doc, t.tfs});
      doc_terms[s].push_back(id);
    }
    for (int f = 0; f < kMaxFields; ++f) {
      const auto len = static_cast<uint16_t>(std::min<uint32_t>(analyzed.lengths[s][f], 0xFFFF));
      lengths_[s].push_back(len);
      total_length_[s][f] += len;
    }
  }
  for (const SkillWeight& t : tags) {
    if (t.skill >= tags_.size()) tags_.resize(t.skill + 1);
    TagList& list = tags_[t.skill];
    list.postings.push_back(TagPosting{doc, t.weight});
  }
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
      continue;
    }
    // Only the new document's impacts.
    const std::array<float, kMaxFields> factors = Factors(s, doc);
    for (uint32_t term : doc_terms[s]) {
      Posting& p = postings_[s][term].back();
      const uint32_t impact = Quantize(s, p.packed & kTfMask, factors.data());
      p.packed = (p.packed & kTfMask) | (impact << kImpactShift);
    }
  }
  return doc;
}

std::array<float, kMaxFields> TextIndex::Factors(int s, DocId doc) const {
  std::array<float, kMaxFields> factors{};
  for (int f = 0; f < kMaxFields; ++f) {
    const size_t i = static_cast<size_t>(doc) * kMaxFields + f;
    const FieldParams& fp = params_[s].fields[f];
    const double avg = std::max(avg_used_[s][f], 1.0);
    factors[f] = static_cast<float>(fp.weight / (1.0 - fp.b + fp.b * lengths_[s][i] / avg));
  }
  return factors;
}

void TextIndex::RefreshNorms(int s) {
  const double n = std::max<double>(1.0, static_cast<double>(live_count_));
  for (int f = 0; f < kMaxFields; ++f) avg_used_[s][f] = total_length_[s][f] / n;
  // Every document's factors once, rather than once per posting.
  const size_t docs = live_.size();
  std::vector<float> factors(docs * kMaxFields);
  for (DocId d = 0; d < docs; ++d) {
    const std::array<float, kMaxFields> f = Factors(s, d);
    std::copy(f.begin(), f.end(), factors.begin() + static_cast<ptrdiff_t>(d) * kMaxFields);
  }
  for (auto& list : postings_[s]) {
    for (Posting& p : list) {
      if (!live_[p.doc]) continue;
      const uint32_t impact = Quantize(s, p.packed & kTfMask, factors.data() + static_cast<size_t>(p.doc) * kMaxFields);
      p.packed = (p.packed & kTfMask) | (impact << kImpactShift);
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

void TextIndex::ShrinkToFit() {
  for (int s = 0; s < kStreams; ++s) {
    for (auto& list : postings_[s]) list.shrink_to_fit();
    lengths_[s].shrink_to_fit();
  }
  for (TagList& list : tags_) list.postings.shrink_to_fit();
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
  }
  for (TagList& list : tags_) {
    size_t out = 0;
    for (const TagPosting& p : list.postings) {
      if (remap[p.doc] == kNoDoc) continue;
      list.postings[out++] = TagPosting{remap[p.doc], p.weight};
    }
    list.postings.resize(out);
  }
  live_.assign(next, true);
  live_count_ = next;
  for (int s = 0; s < kStreams; ++s) RefreshNorms(s);
  return remap;
}

std::optional<uint32_t> TextIndex::Term(int stream, std::string_view term) const {
  return terms_[stream].Find(term, TermTable::Hash(term));
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

uint32_t TextIndex::Quantize(int s, uint32_t tfs, const float* factors) const {
  // BM25F's pseudo-frequency: each field's count scaled by its factor.
  float tf = 0;
  while (tfs != 0) {
    const uint32_t field = static_cast<uint32_t>(__builtin_ctz(tfs)) / kTfBits;
    const uint32_t shift = field * kTfBits;
    tf += static_cast<float>((tfs >> shift) & kMaxTf) * factors[field];
    tfs &= ~(kMaxTf << shift);
  }
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
  for (const TagPosting& p : TagPostings(skill)) {
    acc[p.doc] += weight * p.weight;
    if (!mark[p.doc]) {
      mark[p.doc] = 1;
      touched.push_back(p.doc);
    }
  }
}

size_t TextIndex::MemoryBytes() const {
  size_t bytes = live_.size() / 8;
  for (int s = 0; s < kStreams; ++s) {
    for (const auto& list : postings_[s]) bytes += list.capacity() * sizeof(Posting) + sizeof(list);
    bytes += terms_[s].MemoryBytes();
    bytes += lengths_[s].capacity() * sizeof(uint16_t);
  }
  for (const TagList& list : tags_) bytes += list.postings.capacity() * sizeof(TagPosting) + sizeof(list);
  return bytes;
}

}  // namespace craftlink::matching::internal

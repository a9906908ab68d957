// TextIndex: an in-memory inverted index over documents of up to 8 fields,
// with two token streams (jieba words, Han bigrams) scored by BM25F apart,
// and a tag stream (taxonomy skills with weights). Documents are appended
// with increasing ids, so postings stay sorted by id without re-sorting;
// a removed document leaves dead postings until Compact().
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "matching/taxonomy.h"
#include "text/analyzer.h"

namespace craftlink::matching::internal {

inline constexpr int kMaxFields = 8;
inline constexpr int kStreams = 2;  // index by text::Stream
using DocId = uint32_t;
inline constexpr DocId kNoDoc = 0xFFFFFFFF;

struct FieldParams {
  float weight = 1.0f;
  float b = 0.75f;
};
struct StreamParams {
  float k1 = 1.2f;
  std::array<FieldParams, kMaxFields> fields{};
};

// Low 21 bits: term frequency per field, 3 bits each (7 fields; a field
// counts at most 7 times, where BM25 has long saturated). High 11 bits: the
// document's BM25F impact tf~/(k1 + tf~) quantised to 1/2047, kept current
// with the field-length averages, so scoring a posting is one multiply-add.
struct Posting {
  DocId doc;
  uint32_t packed;
};
inline constexpr int kMaxIndexedFields = 7;

struct TagPosting {
  DocId doc;
  float weight;
};

class TextIndex {
 public:
  TextIndex(int num_fields, std::array<StreamParams, kStreams> params,
            std::shared_ptr<const text::Analyzer> analyzer);

  // Analyses the fields' texts and appends the document; returns its id.
  // `extra` are word-stream tokens of field `extra_field` analysed before
  // (text shared by many documents, such as a skill's problem words).
  DocId Add(const std::array<std::string, kMaxFields>& fields, const SkillVector& tags,
            int extra_field = -1, const std::vector<const std::vector<std::string>*>& extra = {});
  void Remove(DocId doc);
  bool live(DocId doc) const { return doc < live_.size() && live_[doc]; }
  size_t live_count() const { return live_count_; }
  size_t doc_bound() const { return live_.size(); }  // every id is below this
  size_t dead_count() const { return live_.size() - live_count_; }

  // Renumbers live documents densely and drops dead postings. Returns old id →
  // new id (kNoDoc for dead ones) so owners can remap their references.
  std::vector<DocId> Compact();

  std::optional<uint32_t> Term(int stream, std::string_view term) const;
  size_t PostingCount(int stream, uint32_t term) const { return postings_[stream][term].size(); }
  // BM25 idf over live documents (df counts dead postings until compaction).
  double Idf(int stream, uint32_t term) const;
  // The idf of a term no document has: what an unmatched need term is worth.
  double MaxIdf() const;
  const std::string& TermText(int stream, uint32_t term) const { return terms_[stream][term]; }

  // acc[doc] += weight · tf~/(k1 + tf~), tf~ the BM25F pseudo-frequency.
  // Documents seen for the first time (mark[doc] == 0) are marked and listed
  // in `touched`, so callers visit only those instead of every document.
  void Accumulate(int stream, uint32_t term, float weight, float* acc, uint8_t* mark,
                  std::vector<DocId>& touched) const;
  // The same contribution for one document, or 0 (binary search).
  float TermScore(int stream, uint32_t term, DocId doc) const;
  // Bit f is set when field f of `doc` contains `term` (binary search).
  uint32_t FieldsWith(int stream, uint32_t term, DocId doc) const;
  // acc[doc] += weight · tag weight (marking as Accumulate does).
  void AccumulateTag(SkillId skill, float weight, float* acc, uint8_t* mark, std::vector<DocId>& touched) const;
  size_t TagPostingCount(SkillId skill) const;

  const std::shared_ptr<const text::Analyzer>& analyzer() const { return analyzer_; }
  size_t MemoryBytes() const;
  size_t term_count(int stream) const { return terms_[stream].size(); }

 private:
  void RefreshNorms(int stream);
  float Pseudo(int stream, const Posting& p) const;
  uint32_t Quantize(int stream, const Posting& p) const;

  int num_fields_;
  std::array<StreamParams, kStreams> params_;
  std::shared_ptr<const text::Analyzer> analyzer_;

  std::array<std::unordered_map<std::string, uint32_t>, kStreams> term_ids_;
  std::array<std::vector<std::string>, kStreams> terms_;
  std::array<std::vector<std::vector<Posting>>, kStreams> postings_;
  // Field lengths per document (tokens, saturating), and their live totals.
  std::array<std::vector<uint16_t>, kStreams> lengths_;
  std::array<std::array<double, kMaxFields>, kStreams> total_length_{};
  // weight_f / (1 - b_f + b_f · len_f / avg_f) per document and field, for the
  // averages in avg_used_; refreshed when the live averages drift.
  std::array<std::vector<float>, kStreams> factors_;
  std::array<std::array<double, kMaxFields>, kStreams> avg_used_{};

  std::unordered_map<SkillId, std::vector<TagPosting>> tag_postings_;
  std::vector<bool> live_;
  size_t live_count_ = 0;
};

}  // namespace craftlink::matching::internal

// TextIndex: an in-memory inverted index over documents of up to 8 fields,
// with two token streams (jieba words, Han bigrams) scored by BM25F apart,
// and a tag stream (taxonomy skills with weights). Documents are appended
// with increasing ids, so postings stay sorted by id without re-sorting;
// a removed document leaves dead postings until Compact().
//
// Adding is two steps so a bulk build can analyse on several threads: Analyze
// (const, any thread) turns fields into counted terms; Append (the writer)
// gives them ids and postings, in the order documents must be numbered.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "matching/taxonomy.h"
#include "matching/term_table.h"
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
inline constexpr uint32_t kImpactShift = 21;

struct TagPosting {
  DocId doc;
  float weight;
};

// One document's distinct terms per stream with their packed per-field
// frequencies, and its field lengths: what Append needs, made without the
// index's mutable state. Term texts share one buffer.
struct AnalyzedDoc {
  struct Term {
    uint64_t hash;  // TermTable::Hash of the text
    uint32_t begin;
    uint32_t size;
    uint32_t tfs;  // as Posting::packed's low bits
  };
  std::array<std::vector<Term>, kStreams> terms;
  std::string text;
  std::array<std::array<uint32_t, kMaxFields>, kStreams> lengths{};
  std::string_view TermText(const Term& t) const { return std::string_view(text).substr(t.begin, t.size); }
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
  // Add's first half: thread-safe, reads only the analyser and parameters.
  AnalyzedDoc Analyze(const std::array<std::string, kMaxFields>& fields, int extra_field = -1,
                      const std::vector<const std::vector<std::string>*>& extra = {}) const;
  // Add's second half (the writer only): the next id.
  DocId Append(const AnalyzedDoc& analyzed, const SkillVector& tags);
  // Gives back the spare capacity of posting lists (after a bulk build).
  void ShrinkToFit();
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
  // A posting's contribution per unit of weight is its impact · kImpactScale.
  static constexpr float kImpactScale = 1.0f / 2047.0f;
  // BM25 idf over live documents (df counts dead postings until compaction).
  double Idf(int stream, uint32_t term) const;
  // The idf of a term no document has: what an unmatched need term is worth.
  double MaxIdf() const;
  std::string_view TermText(int stream, uint32_t term) const { return terms_[stream].Text(term); }

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
  size_t TagPostingCount(SkillId skill) const { return TagPostings(skill).size(); }
  std::span<const TagPosting> TagPostings(SkillId skill) const {
    return skill < tags_.size() ? std::span<const TagPosting>(tags_[skill].postings) : std::span<const TagPosting>();
  }

  const std::shared_ptr<const text::Analyzer>& analyzer() const { return analyzer_; }
  size_t MemoryBytes() const;
  size_t term_count(int stream) const { return terms_[stream].size(); }

 private:
  struct TagList {
    std::vector<TagPosting> postings;
  };
  // weight_f / (1 - b_f + b_f · len_f / avg_f) for each field of `doc`.
  std::array<float, kMaxFields> Factors(int stream, DocId doc) const;
  void RefreshNorms(int stream);
  // The impact of a posting with packed frequencies `tfs` given its document's factors.
  uint32_t Quantize(int stream, uint32_t tfs, const float* factors) const;

  int num_fields_;
  std::array<StreamParams, kStreams> params_;
  std::shared_ptr<const text::Analyzer> analyzer_;

  std::array<TermTable, kStreams> terms_;
  std::array<std::vector<std::vector<Posting>>, kStreams> postings_;
  // Field lengths per document (tokens, saturating), and their live totals.
  std::array<std::vector<uint16_t>, kStreams> lengths_;
  std::array<std::array<double, kMaxFields>, kStreams> total_length_{};
  // The averages every stored impact was computed with; all impacts are
  // recomputed when the live averages drift from them.
  std::array<std::array<double, kMaxFields>, kStreams> avg_used_{};

  std::vector<TagList> tags_;  // by skill
  std::vector<bool> live_;
  size_t live_count_ = 0;
};

}  // namespace craftlink::matching::internal

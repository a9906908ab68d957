// The skill taxonomy (data/lexicon/skills.jsonl) and synonym groups
// (data/lexicon/synonyms.txt) as the matcher uses them: a phrase matcher that
// maps free text — an enterprise's symptoms or a craftsman's skill terms — onto
// skill ids, and the synonym table used for query expansion.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "text/analyzer.h"

namespace craftlink::matching {

struct TaxonomyWeights;

namespace internal {

using SkillId = uint32_t;

struct Skill {
  std::string id;    // weld.tig
  std::string name;  // 钨极氩弧焊
  std::string group;
  uint32_t group_index = 0;
  std::vector<std::string> industries;  // GB/T 4754: "C33" or a section "C"
  std::vector<std::string> service_kinds;
  std::vector<std::string> aliases;
  std::vector<std::string> problems;
  std::vector<SkillId> related;  // symmetric: a → b implies b → a
};

enum class PhraseKind : uint8_t { kName, kAlias, kProblem };

// A skill with how strongly some text points at it, in (0, 1].
struct SkillWeight {
  SkillId skill = 0;
  float weight = 0;
};
using SkillVector = std::vector<SkillWeight>;  // sorted by skill id, unique

// One place where a phrase of the taxonomy was found in a text.
struct PhraseHit {
  SkillId skill = 0;
  uint32_t phrase = 0;  // index into Taxonomy::phrase_text
  PhraseKind kind = PhraseKind::kName;
  float strength = 0;   // 1 exact, less for an approximate occurrence
  uint32_t begin = 0;   // code-point offsets in the canonical text
  uint32_t end = 0;
};

class Taxonomy {
 public:
  static Result<std::shared_ptr<const Taxonomy>> Load(const std::filesystem::path& lexicon_dir,
                                                      const text::Analyzer& analyzer);

  const std::vector<Skill>& skills() const { return skills_; }
  const Skill& skill(SkillId id) const { return skills_[id]; }
  const Skill* Find(std::string_view id) const;
  size_t group_count() const { return group_count_; }

  // Every word a segmenter should keep whole: names, aliases, synonyms.
  static Result<std::vector<std::string>> LexiconWords(const std::filesystem::path& lexicon_dir);

  // Normalises raw text as the analyser does, then spells a lone digit before
  // a Han character as a numeral (5轴 → 五轴), so both spellings index alike.
  std::string Prepare(const text::Analyzer& analyzer, std::string_view raw) const;

  // Folds `normalized` text (Analyzer::Normalize) onto canonical synonyms
  // (气眼 → 气孔), as code points; phrases were folded the same way.
  std::u32string Canonical(std::string_view normalized) const;

  // Phrases of the taxonomy occurring in a prepared text, exactly or nearly
  // (in order with small gaps, or most of their bigrams close together).
  // Phrases are looked for in the text folded onto canonical synonyms, except
  // those that are themselves a synonym (电焊): folding them would make them
  // as broad as their group's head word (焊接), so they must match as written.
  std::vector<PhraseHit> FindPhrases(std::string_view prepared) const;

  // Skills a need's text points at; title hits count more (title_boost).
  SkillVector NeedSkills(std::string_view normalized_title, std::string_view normalized_body,
                         const std::vector<std::string>& tagged_skills, const TaxonomyWeights& w) const;
  // Skills one professional term stands for (a craftsman's skill entry, a
  // result's field): exact names and aliases, phrases inside it, or names
  // that share most of its bigrams.
  SkillVector TermSkills(std::string_view normalized_term, const TaxonomyWeights& w) const;
  // Skills free prose mentions (bio, achievements), weaker than terms.
  SkillVector ProseSkills(std::string_view normalized_text, const TaxonomyWeights& w) const;

  // The synonym group (canonical word first) of a normalised word, or null.
  const std::vector<std::string>* Synonyms(std::string_view normalized_word) const;

  const std::u32string& phrase_text(uint32_t phrase) const { return phrases_[phrase].text; }
  // How many skills list this exact phrase (1 for most).
  uint32_t phrase_ambiguity(uint32_t phrase) const { return phrases_[phrase].ambiguity; }

 private:
  struct Phrase {
    std::u32string text;  // canonical code points
    SkillId skill = 0;
    PhraseKind kind = PhraseKind::kName;
    bool ascii_edges_front = false;  // starts/ends with an ASCII letter or digit:
    bool ascii_edges_back = false;   // must not continue a Latin word in the text
    bool han = false;                // all Han: approximate matching allowed
    bool raw = false;                // a synonym itself: matched unfolded
    uint32_t ambiguity = 1;
    uint32_t bigram_count = 0;
  };

  void AddPhrase(const std::string& normalized, SkillId skill, PhraseKind kind);
  void IndexPhrases();
  void Accumulate(const std::vector<PhraseHit>& hits, float scale, const TaxonomyWeights& w,
                  std::unordered_map<SkillId, float>& acc) const;

  std::vector<Skill> skills_;
  std::unordered_map<std::string, SkillId> by_id_;
  size_t group_count_ = 0;
  std::vector<Phrase> phrases_;
  // First code point → phrases starting with it.
  std::unordered_map<char32_t, std::vector<uint32_t>> by_first_;
  // Bigram (two code points) → (phrase, index of the bigram in the phrase).
  std::unordered_map<uint64_t, std::vector<std::pair<uint32_t, uint32_t>>> by_bigram_;
  // Exact name/alias (canonical UTF-8) → skills.
  std::unordered_map<std::string, std::vector<SkillId>> exact_terms_;

  // Synonyms: word → group index; groups as normalised words.
  std::unordered_map<std::string, uint32_t> synonym_group_of_;
  std::vector<std::vector<std::string>> synonym_groups_;
  // Canonical folding: code-point strings of variants → canonical word.
  struct U32Hash {
    using is_transparent = void;
    size_t operator()(std::u32string_view s) const { return std::hash<std::u32string_view>{}(s); }
  };
  std::unordered_map<std::u32string, std::u32string, U32Hash, std::equal_to<>> fold_;
  std::unordered_map<char32_t, uint32_t> fold_max_len_;  // first code point → longest variant
};

}  // namespace internal
}  // namespace craftlink::matching

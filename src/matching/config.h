// The matcher's tunable weights, as kept in data/matching/weights.json. The
// compiled-in defaults equal that file (a test checks), so a missing key means
// "the default", never zero.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace craftlink::matching {

// BM25F parameters of one field in one token stream (words or bigrams).
struct FieldWeight {
  double weight = 1.0;
  double b = 0.75;
};

// The fields of a craftsman's profile the text index keeps apart.
struct CraftsmanFieldWeights {
  FieldWeight skills{3.0, 0.3};
  FieldWeight bio{1.0, 0.75};
  FieldWeight achievements{1.0, 0.6};
  FieldWeight results{0.8, 0.75};   // the craftsman's innovation results
  FieldWeight evidence{0.8, 0.75};  // needs the craftsman resolved (AddEvidence)
  FieldWeight profile{0.2, 0.5};    // title, honours, employer, studio
  FieldWeight taxonomy{0.6, 0.5};   // names, aliases and problem words of the mapped skills
};

struct TextWeights {
  double k1 = 1.2;
  double words = 0.3;    // the word stream's share of the text score
  double bigrams = 0.5;  // the bigram stream's share
  CraftsmanFieldWeights word_fields;
  // The taxonomy's words expand profiles in the word stream only: their
  // bigrams would add much memory and, measured, no quality.
  CraftsmanFieldWeights bigram_fields{.taxonomy = {0.0, 0.5}};
  double title_boost = 1.5;     // a need's title terms count this many times
  // Share of the text score that comes from the title alone, normalised on its
  // own: a long story around a short title must not drown the title.
  double title_share = 0.0;
  double skills_boost = 1.5;    // staff-tagged skills of a need
  double synonym_weight = 0.5;  // expansion terms relative to the original
  double request_word_weight = 0.2;  // 师傅, 专家, 帮忙: how a request is phrased, not what it is about
  // Stage 1 uses the need's most informative terms: at least min_query_terms,
  // more while their postings fit the budget, never more than max_query_terms.
  int min_query_terms = 10;
  int max_query_terms = 64;
  int postings_budget = 40000;
};

struct TaxonomyWeights {
  double name = 1.0;
  double alias = 0.9;
  double problem = 0.8;
  double approximate = 0.75;   // an occurrence in order with gaps, or most bigrams
  double title_boost = 1.0;    // a need's title states the problem most directly...
  double body = 0.6;           // ...its description also tells the context (叉车, 涂装工段)
  double tagged = 1.0;         // skills staff tagged on the need
  double prose = 0.5;          // skills found in a craftsman's bio or achievements
  double results = 0.6;        // ... in the craftsman's innovation results
  double evidence = 0.6;       // ... in needs the craftsman resolved
  double related = 0.5;        // credit for a craftsman's related skill
  double same_group = 0.25;    // ... for a skill of the same family
  double min_need_skill = 0.2; // weaker need skills are ignored
  // Skills found softly (BM25 of the need's words over each skill's names and
  // problem words) join the need's skills at this weight times their score
  // relative to the best; soft_top of them at most, none below soft_min.
  double soft = 0.8;
  double soft_title = 0.0;  // the same from the title alone
  int soft_top = 5;
  double soft_min = 0.5;
  // Coverage is divided by at least this much need-skill weight, so a need the
  // taxonomy reads only faintly (one passing mention) gives it little say.
  double min_mass = 2.0;
};

struct ScoreWeights {
  double text = 0.45;
  double taxonomy = 0.40;
  double industry = 0.08;
  double kind = 0.05;           // the craftsman offers the need's kind of help
  // Nearness multiplies relevance by (1 + weight · region value): it orders
  // the competent without lifting a neighbour who cannot help.
  double region_onsite = 0.35;  // region counts more when a visit is needed
  double region_remote = 0.03;
  double capacity = 0.02;
  double track_record = 0.05;
  // Pseudo-relevance feedback: a candidate gains feedback · best score ·
  // skill similarity to the best match (never passing it).
  double feedback = 0.6;
};

struct Alliance {
  std::string name;                    // 川渝
  std::vector<std::string> provinces;  // two-digit GB/T 2260 prefixes: 51, 50
};

struct RegionWeights {
  double same_district = 1.0;
  double same_city = 0.8;
  double same_province = 0.5;
  double alliance = 0.35;
  double elsewhere = 0.0;
  std::vector<Alliance> alliances{{"川渝", {"51", "50"}}, {"长三角", {"31", "32", "33", "34"}}};
};

// Absolute evidence a list must show to be called high or medium confidence,
// read from its best three matches: exact-skill coverage of the need (related
// skills do not count), taxonomy coverage with them, and text coverage.
// high: exact ≥ high_exact and text ≥ high_text. medium: text ≥ medium_text
// with exact ≥ medium_exact or taxonomy ≥ medium_taxonomy; or text ≥
// medium_text_alone. Anything less is low: nobody in the pool clearly fits.
struct ConfidenceRule {
  double high_exact = 0.35;
  double high_text = 0.08;
  double medium_exact = 0.2;
  double medium_taxonomy = 0.35;
  double medium_text = 0.03;
  double medium_text_alone = 0.1;
};

struct ResultWeights {
  double text = 1.0;       // relative to the best result's text score
  double taxonomy = 0.35;
  double owner = 0.15;     // the result's owners are among the need's best matches
  double min_score = 0.15; // weaker results are not recommended...
  double min_evidence = 0.01;  // ...nor any without a shared skill or this much text coverage
};

// Two open needs say the same thing when text · cosine + skills · skill
// overlap + experts · overlap of their best-matching craftsmen reaches the threshold.
struct DuplicateRule {
  double text = 0.35;
  double skills = 0.25;
  double experts = 0.4;
  double threshold = 0.4;
  int candidates = 20;  // textual neighbours examined per need
};

struct MatchWeights {
  TextWeights text;
  TaxonomyWeights taxonomy;
  ScoreWeights score;
  RegionWeights region;
  ConfidenceRule confidence;
  ResultWeights results;
  DuplicateRule duplicates;
  int rerank_candidates = 100;  // stage 2 reranks this many
};

nlohmann::json ToJson(const MatchWeights& w);
// Keys that are absent keep their defaults; unknown keys and wrong types are errors.
Result<MatchWeights> MatchWeightsFromJson(const nlohmann::json& j);
Result<MatchWeights> LoadMatchWeights(const std::filesystem::path& file);

// data/matching/weights.json under reference::DefaultDataDir().
std::filesystem::path DefaultWeightsPath();

}  // namespace craftlink::matching

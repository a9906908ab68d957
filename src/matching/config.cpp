#include "matching/config.h"

#include <fstream>
#include <set>
#include <sstream>

#include "reference/reference.h"

namespace craftlink::matching {
namespace {

using nlohmann::json;

// Each struct lists its keys once; the same list drives writing and reading,
// so the two cannot drift apart.
template <typename F>
void Fields(FieldWeight& f, F&& v) {
  v("weight", f.weight);
  v("b", f.b);
}
template <typename F>
void Fields(CraftsmanFieldWeights& f, F&& v) {
  v("skills", f.skills);
  v("bio", f.bio);
  v("achievements", f.achievements);
  v("results", f.results);
  v("evidence", f.evidence);
  v("profile", f.profile);
  v("taxonomy", f.taxonomy);
}
template <typename F>
void Fields(TextWeights& t, F&& v) {
  v("k1", t.k1);
  v("words", t.words);
  v("bigrams", t.bigrams);
  v("word_fields", t.word_fields);
  v("bigram_fields", t.bigram_fields);
  v("title_boost", t.title_boost);
  v("title_share", t.title_share);
  v("skills_boost", t.skills_boost);
  v("synonym_weight", t.synonym_weight);
  v("request_word_weight", t.request_word_weight);
  v("min_query_terms", t.min_query_terms);
  v("max_query_terms", t.max_query_terms);
  v("postings_budget", t.postings_budget);
}
template <typename F>
void Fields(TaxonomyWeights& t, F&& v) {
  v("name", t.name);
  v("alias", t.alias);
  v("problem", t.problem);
  v("approximate", t.approximate);
  v("title_boost", t.title_boost);
  v("body", t.body);
  v("tagged", t.tagged);
  v("prose", t.prose);
  v("results", t.results);
  v("evidence", t.evidence);
  v("related", t.related);
  v("same_group", t.same_group);
  v("min_need_skill", t.min_need_skill);
  v("soft", t.soft);
  v("soft_title", t.soft_title);
  v("soft_top", t.soft_top);
  v("soft_min", t.soft_min);
  v("min_mass", t.min_mass);
}
template <typename F>
void Fields(ScoreWeights& s, F&& v) {
  v("text", s.text);
  v("taxonomy", s.taxonomy);
  v("industry", s.industry);
  v("kind", s.kind);
  v("region_onsite", s.region_onsite);
  v("region_remote", s.region_remote);
  v("capacity", s.capacity);
  v("track_record", s.track_record);
  v("feedback", s.feedback);
}
template <typename F>
void Fields(Alliance& a, F&& v) {
  v("name", a.name);
  v("provinces", a.provinces);
}
template <typename F>
void Fields(RegionWeights& r, F&& v) {
  v("same_district", r.same_district);
  v("same_city", r.same_city);
  v("same_province", r.same_province);
  v("alliance", r.alliance);
  v("elsewhere", r.elsewhere);
  v("alliances", r.alliances);
}
template <typename F>
void Fields(ConfidenceRule& c, F&& v) {
  v("high_exact", c.high_exact);
  v("high_text", c.high_text);
  v("medium_exact", c.medium_exact);
  v("medium_taxonomy", c.medium_taxonomy);
  v("medium_text", c.medium_text);
  v("medium_text_alone", c.medium_text_alone);
}
template <typename F>
void Fields(ResultWeights& r, F&& v) {
  v("text", r.text);
  v("taxonomy", r.taxonomy);
  v("owner", r.owner);
  v("min_score", r.min_score);
  v("min_evidence", r.min_evidence);
}
template <typename F>
void Fields(DuplicateRule& d, F&& v) {
  v("text", d.text);
  v("skills", d.skills);
  v("experts", d.experts);
  v("threshold", d.threshold);
  v("candidates", d.candidates);
}
template <typename F>
void Fields(MatchWeights& m, F&& v) {
  v("text", m.text);
  v("taxonomy", m.taxonomy);
  v("score", m.score);
  v("region", m.region);
  v("confidence", m.confidence);
  v("results", m.results);
  v("duplicates", m.duplicates);
  v("rerank_candidates", m.rerank_candidates);
}

template <typename T>
concept Leaf = std::is_arithmetic_v<T> || std::is_same_v<T, std::string>;

template <typename T>
json Write(const T& value);

template <typename T>
json WriteOne(const T& value) {
  if constexpr (Leaf<T>) {
    return value;
  } else {
    return Write(value);
  }
}

template <typename T>
json WriteOne(const std::vector<T>& values) {
  json a = json::array();
  for (const T& x : values) a.push_back(WriteOne(x));
  return a;
}

template <typename T>
json Write(const T& value) {
  json j = json::object();
  Fields(const_cast<T&>(value), [&](const char* key, const auto& field) { j[key] = WriteOne(field); });
  return j;
}

template <typename T>
Status Read(const json& j, const std::string& path, T& out);

template <typename T>
Status ReadOne(const json& j, const std::string& path, T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) return Status::Invalid("must be a string", path);
    out = j.get<std::string>();
  } else if constexpr (std::is_same_v<T, int>) {
    if (!j.is_number_integer()) return Status::Invalid("must be an integer", path);
    out = j.get<int>();
  } else if constexpr (std::is_arithmetic_v<T>) {
    if (!j.is_number()) return Status::Invalid("must be a number", path);
    out = j.get<T>();
  } else {
    return Read(j, path, out);
  }
  return Status::Ok();
}

template <typename T>
Status ReadOne(const json& j, const std::string& path, std::vector<T>& out) {
  if (!j.is_array()) return Status::Invalid("must be an array", path);
  out.clear();
  for (size_t i = 0; i < j.size(); ++i) {
    T x{};
    CRAFTLINK_RETURN_IF_ERROR(ReadOne(j[i], path + "[" + std::to_string(i) + "]", x));
    out.push_back(std::move(x));
  }
  return Status::Ok();
}

template <typename T>
Status Read(const json& j, const std::string& path, T& out) {
  if (!j.is_object()) return Status::Invalid("must be an object", path);
  std::set<std::string> known;
  Status status;
  Fields(out, [&](const char* key, auto& field) {
    known.insert(key);
    if (!status.ok()) return;
    auto it = j.find(key);
    if (it == j.end()) return;
    status = ReadOne(*it, path.empty() ? key : path + "." + key, field);
  });
  CRAFTLINK_RETURN_IF_ERROR(status);
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!known.count(it.key())) {
      return Status::Invalid("unknown key", path.empty() ? it.key() : path + "." + it.key());
    }
  }
  return Status::Ok();
}

}  // namespace

nlohmann::json ToJson(const MatchWeights& w) { return Write(w); }

Result<MatchWeights> MatchWeightsFromJson(const nlohmann::json& j) {
  MatchWeights w;
  CRAFTLINK_RETURN_IF_ERROR(Read(j, "", w));
  return w;
}

Result<MatchWeights> LoadMatchWeights(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return Status::IoError("cannot read " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  json j = json::parse(ss.str(), nullptr, false);
  if (j.is_discarded()) return Status::Invalid(file.string() + ": not valid JSON");
  auto w = MatchWeightsFromJson(j);
  if (!w.ok()) return Status::Invalid(file.string() + ": " + w.status().message(), w.status().field());
  return w;
}

std::filesystem::path DefaultWeightsPath() {
  return std::filesystem::path(reference::DefaultDataDir()) / "matching" / "weights.json";
}

}  // namespace craftlink::matching

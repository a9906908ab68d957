#include "matching/taxonomy.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "matching/config.h"
#include "text/codepoints.h"

namespace craftlink::matching::internal {
namespace {

bool IsHan(char32_t cp) { return (text::CharTable::Get().Bits(cp) & text::kCharHan) != 0; }
bool IsAsciiAlnum(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
}
uint64_t BigramKey(char32_t a, char32_t b) { return (uint64_t{a} << 32) | b; }

std::u32string Decode32(std::string_view s) {
  const std::vector<char32_t> cps = utf8::Decode(s);
  return std::u32string(cps.begin(), cps.end());
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) utf8::Append(cp, out);
  return out;
}

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> SplitSpaces(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string w;
  while (ss >> w) out.push_back(w);
  return out;
}

// Allowed gaps inside an in-order occurrence of a phrase of `len` characters:
// 焊缝(老有)气孔, 电表转得(飞)快.
uint32_t MaxGaps(size_t len) { return len <= 3 ? 1 : len <= 5 ? 2 : 3; }

void AddNoisyOr(std::unordered_map<SkillId, float>& acc, SkillId skill, float w) {
  w = std::min(w, 0.95f);
  float& cur = acc[skill];
  cur = 1.0f - (1.0f - cur) * (1.0f - w);
}

SkillVector ToVector(const std::unordered_map<SkillId, float>& acc, float min_weight) {
  SkillVector out;
  for (const auto& [skill, w] : acc) {
    if (w >= min_weight) out.push_back({skill, std::min(w, 1.0f)});
  }
  std::sort(out.begin(), out.end(), [](const SkillWeight& a, const SkillWeight& b) { return a.skill < b.skill; });
  return out;
}

}  // namespace

Result<std::vector<std::string>> Taxonomy::LexiconWords(const std::filesystem::path& lexicon_dir) {
  auto skills_text = ReadFile(lexicon_dir / "skills.jsonl");
  if (!skills_text.ok()) return skills_text.status();
  std::vector<std::string> words;
  for (const std::string& line : SplitLines(*skills_text)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    if (j.contains("name") && j["name"].is_string()) words.push_back(j["name"].get<std::string>());
    if (j.contains("aliases") && j["aliases"].is_array()) {
      for (const auto& a : j["aliases"]) {
        if (a.is_string()) words.push_back(a.get<std::string>());
      }
    }
  }
  auto syn_text = ReadFile(lexicon_dir / "synonyms.txt");
  if (!syn_text.ok()) return syn_text.status();
  for (const std::string& line : SplitLines(*syn_text)) {
    if (line.empty() || line[0] == '#') continue;
    for (std::string& w : SplitSpaces(line)) words.push_back(std::move(w));
  }
  return words;
}

Result<std::shared_ptr<const Taxonomy>> Taxonomy::Load(const std::filesystem::path& lexicon_dir,
                                                       const text::Analyzer& analyzer) {
  auto tax = std::shared_ptr<Taxonomy>(new Taxonomy());

  // Synonyms first: phrases are folded onto canonical words.
  auto syn_text = ReadFile(lexicon_dir / "synonyms.txt");
  if (!syn_text.ok()) return syn_text.status();
  for (const std::string& line : SplitLines(*syn_text)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> group;
    for (const std::string& raw : SplitSpaces(line)) {
      std::string w = tax->Prepare(analyzer, raw);
      if (!w.empty() && std::find(group.begin(), group.end(), w) == group.end()) group.push_back(w);
    }
    if (group.size() < 2) continue;
    const auto index = static_cast<uint32_t>(tax->synonym_groups_.size());
    const std::u32string canonical = Decode32(group[0]);
    for (const std::string& w : group) {
      // A word in two groups keeps its first: the lexicon check forbids it anyway.
      tax->synonym_group_of_.emplace(w, index);
      std::u32string cps = Decode32(w);
      if (cps.size() < 2) continue;
      tax->fold_.emplace(cps, canonical);
      uint32_t& max_len = tax->fold_max_len_[cps[0]];
      max_len = std::max<uint32_t>(max_len, static_cast<uint32_t>(cps.size()));
    }
    tax->synonym_groups_.push_back(std::move(group));
  }

  auto skills_text = ReadFile(lexicon_dir / "skills.jsonl");
  if (!skills_text.ok()) return skills_text.status();
  std::map<std::string, uint32_t> groups;
  std::vector<std::vector<std::string>> related_ids;
  int line_no = 0;
  for (const std::string& line : SplitLines(*skills_text)) {
    ++line_no;
    if (utf8::Trim(line).empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    const std::string where = "skills.jsonl:" + std::to_string(line_no);
    if (j.is_discarded() || !j.is_object()) return Status::Corruption(where + ": not a JSON object");
    Skill s;
    auto str = [&](const char* key, std::string& out) -> Status {
      if (!j.contains(key) || !j[key].is_string()) return Status::Corruption(where + ": " + key + " must be a string");
      out = j[key].get<std::string>();
      return Status::Ok();
    };
    auto list = [&](const char* key, std::vector<std::string>& out) -> Status {
      if (!j.contains(key)) return Status::Ok();
      if (!j[key].is_array()) return Status::Corruption(where + ": " + key + " must be a list");
      for (const auto& x : j[key]) {
        if (!x.is_string()) return Status::Corruption(where + ": " + key + " must hold strings");
        out.push_back(x.get<std::string>());
      }
      return Status::Ok();
    };
    CRAFTLINK_RETURN_IF_ERROR(str("id", s.id));
    CRAFTLINK_RETURN_IF_ERROR(str("name", s.name));
    CRAFTLINK_RETURN_IF_ERROR(str("group", s.group));
    CRAFTLINK_RETURN_IF_ERROR(list("industries", s.industries));
    CRAFTLINK_RETURN_IF_ERROR(list("service_kinds", s.service_kinds));
    CRAFTLINK_RETURN_IF_ERROR(list("aliases", s.aliases));
    CRAFTLINK_RETURN_IF_ERROR(list("problems", s.problems));
    std::vector<std::string> related;
    CRAFTLINK_RETURN_IF_ERROR(list("related", related));
    if (tax->by_id_.count(s.id)) return Status::Corruption(where + ": duplicate skill id " + s.id);
    auto [git, inserted] = groups.emplace(s.group, static_cast<uint32_t>(groups.size()));
    s.group_index = git->second;
    tax->by_id_.emplace(s.id, static_cast<SkillId>(tax->skills_.size()));
    tax->skills_.push_back(std::move(s));
    related_ids.push_back(std::move(related));
  }
  tax->group_count_ = groups.size();
  for (SkillId i = 0; i < tax->skills_.size(); ++i) {
    for (const std::string& r : related_ids[i]) {
      auto it = tax->by_id_.find(r);
      if (it == tax->by_id_.end() || it->second == i) continue;
      tax->skills_[i].related.push_back(it->second);
      tax->skills_[it->second].related.push_back(i);
    }
  }
  for (Skill& s : tax->skills_) {
    std::sort(s.related.begin(), s.related.end());
    s.related.erase(std::unique(s.related.begin(), s.related.end()), s.related.end());
  }

  for (SkillId i = 0; i < tax->skills_.size(); ++i) {
    const Skill& s = tax->skills_[i];
    tax->AddPhrase(tax->Prepare(analyzer, s.name), i, PhraseKind::kName);
    for (const std::string& a : s.aliases) tax->AddPhrase(tax->Prepare(analyzer, a), i, PhraseKind::kAlias);
    for (const std::string& p : s.problems) tax->AddPhrase(tax->Prepare(analyzer, p), i, PhraseKind::kProblem);
  }
  tax->IndexPhrases();
  return std::shared_ptr<const Taxonomy>(std::move(tax));
}

const Skill* Taxonomy::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &skills_[it->second];
}

void Taxonomy::AddPhrase(const std::string& normalized, SkillId skill, PhraseKind kind) {
  auto group = synonym_group_of_.find(normalized);
  const bool raw = group != synonym_group_of_.end() && synonym_groups_[group->second][0] != normalized;
  std::u32string cps = raw ? Decode32(normalized) : Canonical(normalized);
  if (cps.empty()) return;
  if (kind != PhraseKind::kProblem) {
    std::vector<SkillId>& list = exact_terms_[ToUtf8(cps)];
    if (std::find(list.begin(), list.end(), skill) == list.end()) list.push_back(skill);
  }
  // Phrases are added skill by skill: duplicates can only be at the tail.
  for (auto it = phrases_.rbegin(); it != phrases_.rend() && it->skill == skill; ++it) {
    if (it->text == cps && it->raw == raw) {
      if (kind < it->kind) it->kind = kind;
      return;
    }
  }
  Phrase p;
  p.raw = raw;
  p.text = std::move(cps);
  p.skill = skill;
  p.kind = kind;
  p.ascii_edges_front = IsAsciiAlnum(p.text.front());
  p.ascii_edges_back = IsAsciiAlnum(p.text.back());
  p.han = std::all_of(p.text.begin(), p.text.end(), IsHan);
  phrases_.push_back(std::move(p));
}

void Taxonomy::IndexPhrases() {
  std::unordered_map<std::u32string, std::set<SkillId>> owners;
  for (const Phrase& p : phrases_) owners[p.text].insert(p.skill);
  for (uint32_t i = 0; i < phrases_.size(); ++i) {
    Phrase& p = phrases_[i];
    p.ambiguity = static_cast<uint32_t>(owners[p.text].size());
    by_first_[p.text[0]].push_back(i);
    if (p.text.size() >= 2) {
      std::set<uint64_t> seen;
      uint32_t idx = 0;
      for (size_t k = 0; k + 1 < p.text.size(); ++k) {
        const uint64_t key = BigramKey(p.text[k], p.text[k + 1]);
        if (!seen.insert(key).second) continue;
        by_bigram_[key].push_back({i, idx++});
      }
      p.bigram_count = idx;
    }
  }
}

std::string Taxonomy::Prepare(const text::Analyzer& analyzer, std::string_view raw) const {
  std::string s = analyzer.Normalize(raw);
  static constexpr const char* kNumerals[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  auto latin = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '%'; };
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9' && (i == 0 || !latin(s[i - 1])) && i + 1 < s.size() && !latin(s[i + 1])) {
      char32_t next = 0;
      text::DecodeOne(s.data() + i + 1, s.data() + s.size(), &next);
      if (IsHan(next)) {
        out += kNumerals[c - '0'];
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

std::u32string Taxonomy::Canonical(std::string_view normalized) const {
  const std::u32string in = Decode32(normalized);
  std::u32string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    auto ml = fold_max_len_.find(in[i]);
    bool folded = false;
    if (ml != fold_max_len_.end()) {
      const size_t max_len = std::min<size_t>(ml->second, in.size() - i);
      for (size_t len = max_len; len >= 2 && !folded; --len) {
        auto it = fold_.find(std::u32string_view(in).substr(i, len));
        if (it == fold_.end()) continue;
        // A Latin variant (tig) must not be cut out of a longer Latin word.
        if (IsAsciiAlnum(in[i]) && i > 0 && IsAsciiAlnum(in[i - 1])) continue;
        if (IsAsciiAlnum(in[i + len - 1]) && i + len < in.size() && IsAsciiAlnum(in[i + len])) continue;
        out += it->second;
        i += len;
        folded = true;
      }
    }
    if (!folded) out.push_back(in[i++]);
  }
  return out;
}

std::vector<PhraseHit> Taxonomy::FindPhrases(std::string_view prepared) const {
  const std::u32string t = Canonical(prepared);
  const std::u32string raw_text = Decode32(prepared);
  std::vector<PhraseHit> hits;
  // Best hit per phrase: repeated mentions add little.
  std::unordered_map<uint32_t, size_t> best;
  auto add = [&](uint32_t phrase, float strength, uint32_t begin, uint32_t end) {
    auto [it, inserted] = best.emplace(phrase, hits.size());
    if (!inserted) {
      if (hits[it->second].strength >= strength) return;
      hits[it->second].strength = strength;
      hits[it->second].begin = begin;
      hits[it->second].end = end;
      return;
    }
    const Phrase& p = phrases_[phrase];
    hits.push_back(PhraseHit{p.skill, phrase, p.kind, strength, begin, end});
  };

  // Exact and in-order-with-gaps occurrences, anchored on the first character.
  std::vector<uint8_t> han;
  auto scan = [&](const std::u32string& t, bool raw_pass) {
  const size_t n = t.size();
  han.resize(n);
  for (size_t k = 0; k < n; ++k) han[k] = IsHan(t[k]);
  for (size_t i = 0; i < n; ++i) {
    auto it = by_first_.find(t[i]);
    if (it == by_first_.end()) continue;
    for (uint32_t id : it->second) {
      const Phrase& p = phrases_[id];
      if (p.raw != raw_pass) continue;
      const size_t len = p.text.size();
      if (p.ascii_edges_front && i > 0 && IsAsciiAlnum(t[i - 1])) continue;
      if (i + len <= n && std::equal(p.text.begin(), p.text.end(), t.begin() + i)) {
        if (p.ascii_edges_back && i + len < n && IsAsciiAlnum(t[i + len])) continue;
        add(id, 1.0f, static_cast<uint32_t>(i), static_cast<uint32_t>(i + len));
        continue;
      }
      // Gapped occurrences for symptoms only: names and aliases are terms of
      // art, written whole when they are meant.
      if (!p.han || len < 3 || p.kind != PhraseKind::kProblem) continue;
      size_t j = 1, pos = i + 1;
      uint32_t gaps = 0;
      const uint32_t max_gaps = MaxGaps(len);
      while (j < len && pos < n && gaps <= max_gaps) {
        if (t[pos] == p.text[j]) {
          ++j;
        } else if (han[pos]) {
          ++gaps;
        } else {
          break;  // punctuation ends the clause
        }
        ++pos;
      }
      if (j == len && gaps <= max_gaps) {
        add(id, static_cast<float>(len) / static_cast<float>(len + gaps), static_cast<uint32_t>(i),
            static_cast<uint32_t>(pos));
      }
    }
  }
  };
  scan(t, false);
  scan(raw_text, true);

  // Most of a longer phrase's bigrams close together (新人留不住 for 新工人留不住).
  struct BigramHit {
    uint32_t phrase, idx, pos;
  };
  std::vector<BigramHit> bh;
  const size_t n = t.size();
  for (size_t k = 0; k + 1 < n; ++k) {
    auto it = by_bigram_.find(BigramKey(t[k], t[k + 1]));
    if (it == by_bigram_.end()) continue;
    for (const auto& [phrase, idx] : it->second) {
      if (phrases_[phrase].han && !phrases_[phrase].raw && phrases_[phrase].text.size() >= 4) {
        bh.push_back({phrase, idx, static_cast<uint32_t>(k)});
      }
    }
  }
  std::sort(bh.begin(), bh.end(), [](const BigramHit& a, const BigramHit& b) {
    return a.phrase != b.phrase ? a.phrase < b.phrase : a.pos < b.pos;
  });
  for (size_t s = 0; s < bh.size();) {
    size_t e = s;
    while (e < bh.size() && bh[e].phrase == bh[s].phrase) ++e;
    const Phrase& p = phrases_[bh[s].phrase];
    const uint32_t span = static_cast<uint32_t>(p.text.size()) + 2;
    uint32_t best_distinct = 0, best_begin = 0, best_end = 0;
    for (size_t a = s; a < e; ++a) {
      uint64_t mask = 0;
      uint32_t end = bh[a].pos;
      for (size_t b = a; b < e && bh[b].pos < bh[a].pos + span; ++b) {
        if (bh[b].idx < 64) mask |= uint64_t{1} << bh[b].idx;
        end = bh[b].pos + 2;
      }
      const auto distinct = static_cast<uint32_t>(__builtin_popcountll(mask));
      if (distinct > best_distinct) best_distinct = distinct, best_begin = bh[a].pos, best_end = end;
    }
    const float coverage = static_cast<float>(best_distinct) / static_cast<float>(std::max(1u, p.bigram_count));
    if (best_distinct >= 2 && coverage >= 0.6f) add(bh[s].phrase, coverage * 0.9f, best_begin, best_end);
    s = e;
  }
  return hits;
}

void Taxonomy::Accumulate(const std::vector<PhraseHit>& hits, float scale, const TaxonomyWeights& w,
                          std::unordered_map<SkillId, float>& acc) const {
  for (const PhraseHit& h : hits) {
    const double kind = h.kind == PhraseKind::kName ? w.name : h.kind == PhraseKind::kAlias ? w.alias : w.problem;
    const double approx = h.strength < 1.0f ? w.approximate * h.strength : 1.0;
    const double spec = 1.0 / std::sqrt(static_cast<double>(phrases_[h.phrase].ambiguity));
    AddNoisyOr(acc, h.skill, static_cast<float>(kind * approx * spec * scale));
  }
}

SkillVector Taxonomy::NeedSkills(std::string_view title, std::string_view body,
                                 const std::vector<std::string>& tagged, const TaxonomyWeights& w) const {
  std::unordered_map<SkillId, float> acc;
  Accumulate(FindPhrases(title), static_cast<float>(w.title_boost), w, acc);
  Accumulate(FindPhrases(body), static_cast<float>(w.body), w, acc);
  for (const std::string& tag : tagged) {
    for (const SkillWeight& sw : TermSkills(tag, w)) AddNoisyOr(acc, sw.skill, static_cast<float>(sw.weight * w.tagged));
  }
  return ToVector(acc, static_cast<float>(w.min_need_skill));
}

SkillVector Taxonomy::TermSkills(std::string_view term, const TaxonomyWeights& w) const {
  const std::u32string cps = Canonical(term);
  std::unordered_map<SkillId, float> acc;
  if (cps.empty()) return {};
  for (const std::string& key : {std::string(term), ToUtf8(cps)}) {
    auto exact = exact_terms_.find(key);
    if (exact == exact_terms_.end()) continue;
    for (SkillId s : exact->second) acc[s] = 1.0f;
    return ToVector(acc, 0.0f);
  }
  // Phrases inside the term, weighted by how much of the term they explain:
  // 焊接裂纹防治 is mostly 焊接裂纹, 水轮机转轮焊接 only a little 焊接.
  for (const PhraseHit& h : FindPhrases(term)) {
    const double kind = h.kind == PhraseKind::kName ? w.name : h.kind == PhraseKind::kAlias ? w.alias : w.problem;
    const double cover = static_cast<double>(h.end - h.begin) / static_cast<double>(cps.size());
    const double approx = h.strength < 1.0f ? w.approximate * h.strength : 1.0;
    const double spec = 1.0 / std::sqrt(static_cast<double>(phrases_[h.phrase].ambiguity));
    AddNoisyOr(acc, h.skill, static_cast<float>(kind * approx * spec * std::sqrt(cover)));
  }
  // Names and aliases sharing most bigrams (Dice) with the term: 焊接变形控制 ~ 焊接变形控制与矫正.
  if (cps.size() >= 3) {
    std::set<uint64_t> term_bigrams;
    for (size_t k = 0; k + 1 < cps.size(); ++k) term_bigrams.insert(BigramKey(cps[k], cps[k + 1]));
    std::unordered_map<uint32_t, uint32_t> shared;
    for (uint64_t key : term_bigrams) {
      auto it = by_bigram_.find(key);
      if (it == by_bigram_.end()) continue;
      for (const auto& [phrase, idx] : it->second) {
        if (phrases_[phrase].kind != PhraseKind::kProblem) ++shared[phrase];
      }
    }
    for (const auto& [phrase, count] : shared) {
      const Phrase& p = phrases_[phrase];
      const double dice = 2.0 * count / static_cast<double>(term_bigrams.size() + p.bigram_count);
      if (dice < 0.5) continue;
      const double kind = p.kind == PhraseKind::kName ? w.name : w.alias;
      AddNoisyOr(acc, p.skill, static_cast<float>(kind * dice * w.approximate));
    }
  }
  return ToVector(acc, 0.1f);
}

SkillVector Taxonomy::ProseSkills(std::string_view text, const TaxonomyWeights& w) const {
  std::unordered_map<SkillId, float> acc;
  Accumulate(FindPhrases(text), 1.0f, w, acc);
  return ToVector(acc, 0.1f);
}

const std::vector<std::string>* Taxonomy::Synonyms(std::string_view word) const {
  auto it = synonym_group_of_.find(std::string(word));
  if (it == synonym_group_of_.end()) return nullptr;
  return &synonym_groups_[it->second];
}

}  // namespace craftlink::matching::internal

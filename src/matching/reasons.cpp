// Why a craftsman (result, need) was suggested: structured reasons with the
// Chinese labels the UI shows, and the JSON shapes of the CLI contract.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/utf8.h"
#include "matching/engine_state.h"

namespace craftlink::matching {
namespace {

using internal::CraftsmanEntry;
using internal::DocId;
using internal::ResolvedTerm;
using internal::SkillVector;
using internal::SkillWeight;

std::string RelationLabel(const std::string& relation, const std::string& alliance) {
  if (relation == "same_district") return "同区县";
  if (relation == "same_city") return "同城";
  if (relation == "same_province") return "同省";
  if (relation == "alliance") return alliance.empty() ? "联盟地区" : alliance + "联盟";
  if (relation == "elsewhere") return "外地";
  return "地区不详";
}

double Round(double x, int digits) {
  const double f = std::pow(10.0, digits);
  return std::round(x * f) / f;
}

// "已解决 3 项，平均评分 4.7": the plain figures, not the shrunk score
// feature; nothing for a craftsman without history.
std::optional<Reason> TrackRecordReason(const TrackRecord& tr) {
  if (tr.resolved == 0 && tr.not_resolved == 0 && tr.rated == 0) return std::nullopt;
  Reason r;
  r.type = ReasonType::kTrackRecord;
  r.resolved = tr.resolved;
  r.not_resolved = tr.not_resolved;
  r.rated = tr.rated;
  r.mean_rating = tr.rated > 0 ? Round(tr.mean_rating, 1) : 0.0;
  r.label = "已解决 " + std::to_string(tr.resolved) + " 项";
  if (tr.not_resolved > 0) r.label += "、未解决 " + std::to_string(tr.not_resolved) + " 项";
  if (tr.rated > 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", tr.mean_rating);
    r.label += "，平均评分 " + std::string(buf);
  }
  return r;
}

}  // namespace

std::string_view ConfidenceCode(Confidence c) {
  switch (c) {
    case Confidence::kHigh:
      return "high";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kLow:
      return "low";
  }
  return "low";
}

std::string_view ReasonTypeCode(ReasonType t) {
  switch (t) {
    case ReasonType::kSkill:
      return "skill";
    case ReasonType::kTerms:
      return "terms";
    case ReasonType::kRegion:
      return "region";
    case ReasonType::kCapacity:
      return "capacity";
    case ReasonType::kIndustry:
      return "industry";
    case ReasonType::kKind:
      return "kind";
    case ReasonType::kTrackRecord:
      return "track_record";
    case ReasonType::kOwner:
      return "owner";
    case ReasonType::kEvidence:
      return "evidence";
  }
  return "skill";
}

std::vector<Reason> MatchEngine::State::SkillReasons(const SkillVector& need, const SkillVector& have,
                                                     size_t limit) const {
  struct Item {
    double value;
    Reason r;
  };
  std::vector<Item> items;
  const TaxonomyWeights& tw = w().taxonomy;
  for (const SkillWeight& n : need) {
    const internal::Skill& ns = taxonomy->skill(n.skill);
    double best = 0;
    std::string match, via;
    for (const SkillWeight& h : have) {
      double v = 0;
      std::string m;
      if (h.skill == n.skill) {
        v = h.weight, m = "exact";
      } else if (std::binary_search(ns.related.begin(), ns.related.end(), h.skill)) {
        v = h.weight * tw.related, m = "related";
      } else if (taxonomy->skill(h.skill).group_index == ns.group_index) {
        v = h.weight * tw.same_group, m = "same_group";
      }
      if (v > best) best = v, match = m, via = m == "exact" ? "" : taxonomy->skill(h.skill).id;
    }
    if (best <= 0) continue;
    Reason r;
    r.type = ReasonType::kSkill;
    r.skill_id = ns.id;
    r.match = match;
    r.via_skill_id = via;
    if (match == "exact") {
      r.label = ns.name;
    } else {
      const std::string& via_name = taxonomy->Find(via)->name;
      r.label = ns.name + (match == "related" ? "（相关技能：" : "（同类技能：") + via_name + "）";
    }
    items.push_back({n.weight * best, std::move(r)});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.value > b.value; });
  std::vector<Reason> out;
  for (size_t i = 0; i < items.size() && i < limit; ++i) out.push_back(std::move(items[i].r));
  return out;
}

std::vector<std::string> MatchEngine::State::MatchedTerms(const internal::TextIndex& index,
                                                          const std::vector<ResolvedTerm>& terms, DocId doc,
                                                          size_t limit, int unquoted_field,
                                                          bool* unquoted_match) const {
  std::vector<std::string> out;
  for (const ResolvedTerm& r : terms) {
    if (out.size() >= limit) break;
    if (!r.known || r.stream != 0) continue;
    const std::string& text = r.source->text;
    if (utf8::CodePointCount(text) < 2) continue;  // single characters explain nothing
    if (index.TermScore(0, r.term, doc) <= 0) continue;
    if (unquoted_field >= 0 && index.FieldsWith(0, r.term, doc) == 1u << unquoted_field) {
      if (unquoted_match != nullptr) *unquoted_match = true;
      continue;
    }
    // How a need asks for help (知道, 看看, 专家) says nothing about why this
    // person fits, though it still counts a little in the score.
    if (request_words.count(text)) continue;
    // One word per place: skip a word inside a longer matched one (焊缝 after
    // 焊缝气孔), and let a longer one replace the sub-word listed before it
    // (search mode emits 作工 inside 操作工).
    if (std::any_of(out.begin(), out.end(), [&](const std::string& o) { return o.find(text) != std::string::npos; }))
      continue;
    auto inner = std::find_if(out.begin(), out.end(), [&](const std::string& o) { return text.find(o) != std::string::npos; });
    if (inner != out.end()) {
      *inner = text;
      out.erase(std::remove_if(inner + 1, out.end(), [&](const std::string& o) { return text.find(o) != std::string::npos; }),
                out.end());
      continue;
    }
    out.push_back(text);
  }
  return out;
}

std::vector<Reason> MatchEngine::State::CraftsmanReasons(const internal::Query& q,
                                                         const std::vector<ResolvedTerm>& terms,
                                                         const CraftsmanEntry& c, DocId doc, const ScoreParts& parts,
                                                         const std::string& relation, int left) const {
  std::vector<Reason> out = SkillReasons(q.skills, c.ProfileSkills(), 3);
  // Evidence is the text of needs other people posted, often confidential
  // and never visible to every viewer of this list: a word found only there
  // is not quoted (it would let anyone probe a hidden need word by word).
  bool evidence_match = false;
  std::vector<std::string> matched =
      MatchedTerms(*craftsman_index, terms, doc, 6, internal::kCEvidence, &evidence_match);
  if (!matched.empty()) {
    Reason r;
    r.type = ReasonType::kTerms;
    r.terms = matched;
    r.label = "匹配词：";
    for (size_t i = 0; i < matched.size(); ++i) r.label += (i ? "、" : "") + matched[i];
    out.push_back(std::move(r));
  }
  // Skills read from evidence alike: counted in the score, named only neutrally.
  if (!c.evidence.empty() && TaxonomyCoverage(q.skills, c.skills) > TaxonomyCoverage(q.skills, c.profile_skills)) {
    evidence_match = true;
  }
  if (evidence_match) {
    Reason r;
    r.type = ReasonType::kEvidence;
    r.label = "曾解决过类似问题";
    out.push_back(std::move(r));
  }
  {
    Reason r;
    r.type = ReasonType::kRegion;
    r.relation = relation;
    std::string alliance;
    if (relation == "alliance") {
      for (const Alliance& a : w().region.alliances) {
        auto in = [&](const std::string& code) {
          return std::any_of(a.provinces.begin(), a.provinces.end(),
                             [&](const std::string& p) { return code.compare(0, p.size(), p) == 0; });
        };
        if (in(q.region) && in(c.region)) {
          alliance = a.name;
          break;
        }
      }
    }
    r.label = RelationLabel(relation, alliance);
    if (q.onsite) r.label += "（需到现场）";
    out.push_back(std::move(r));
  }
  {
    Reason r;
    r.type = ReasonType::kCapacity;
    r.left = left;
    r.label = left > 0 ? "本月还可安排" + std::to_string(left) + "次" : "本月已排满";
    out.push_back(std::move(r));
  }
  if (parts.industry >= 0.5) {
    Reason r;
    r.type = ReasonType::kIndustry;
    r.code = q.industry;
    r.label = parts.industry >= 1.0 ? "熟悉本行业" : "熟悉相近行业";
    out.push_back(std::move(r));
  }
  if (parts.kind > 0 && q.kind) {
    Reason r;
    r.type = ReasonType::kKind;
    r.code = std::string(domain::ServiceKindCode(*q.kind));
    r.label = "提供" + std::string(domain::ServiceKindChinese(*q.kind));
    out.push_back(std::move(r));
  }
  if (auto r = TrackRecordReason(track_record->Get(c.id))) out.push_back(std::move(*r));
  return out;
}

nlohmann::json ToJson(const Reason& r) {
  nlohmann::json j;
  j["type"] = ReasonTypeCode(r.type);
  switch (r.type) {
    case ReasonType::kSkill:
      j["skill_id"] = r.skill_id;
      j["match"] = r.match;
      if (!r.via_skill_id.empty()) j["via_skill_id"] = r.via_skill_id;
      break;
    case ReasonType::kTerms:
      j["terms"] = r.terms;
      break;
    case ReasonType::kRegion:
      j["relation"] = r.relation;
      break;
    case ReasonType::kCapacity:
      j["left"] = r.left;
      break;
    case ReasonType::kIndustry:
    case ReasonType::kKind:
      j["code"] = r.code;
      break;
    case ReasonType::kOwner:
      j["craftsman_id"] = r.craftsman_id;
      break;
    case ReasonType::kTrackRecord:
      j["resolved"] = r.resolved;
      j["not_resolved"] = r.not_resolved;
      j["rated"] = r.rated;
      if (r.rated > 0) j["mean_rating"] = r.mean_rating;
      break;
    case ReasonType::kEvidence:
      break;
  }
  j["label"] = r.label;
  return j;
}

nlohmann::json ToJson(const ResultMatch& m) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const Reason& r : m.reasons) reasons.push_back(ToJson(r));
  return {{"result_id", m.result_id}, {"title", m.title}, {"score", Round(m.score, 4)}, {"reasons", reasons}};
}

nlohmann::json ToJson(const NeedMatch& m) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const Reason& r : m.reasons) reasons.push_back(ToJson(r));
  return {{"need_id", m.need_id},
          {"enterprise_id", m.enterprise_id},
          {"title", m.title},
          {"score", Round(m.score, 4)},
          {"reasons", reasons}};
}

nlohmann::json ToJson(const MatchList& list) {
  nlohmann::json matches = nlohmann::json::array();
  for (const CraftsmanMatch& m : list.matches) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const Reason& r : m.reasons) reasons.push_back(ToJson(r));
    matches.push_back(
        {{"craftsman_id", m.craftsman_id}, {"name", m.name}, {"score", Round(m.score, 4)}, {"reasons", reasons}});
  }
  nlohmann::json results = nlohmann::json::array();
  for (const ResultMatch& r : list.results) results.push_back(ToJson(r));
  nlohmann::json skills = nlohmann::json::array();
  for (const NeedSkill& s : list.need_skills) {
    skills.push_back({{"skill_id", s.skill_id}, {"label", s.label}, {"weight", Round(s.weight, 3)}});
  }
  return {{"need_id", list.need_id},
          {"confidence", ConfidenceCode(list.confidence)},
          {"need_skills", skills},
          {"matches", matches},
          {"results", results}};
}

nlohmann::json ToJson(const DuplicateGroup& g) {
  return {{"need_ids", g.need_ids},
          {"enterprise_ids", g.enterprise_ids},
          {"similarity", Round(g.similarity, 4)},
          {"skill_ids", g.skill_ids},
          {"labels", g.labels}};
}

}  // namespace craftlink::matching

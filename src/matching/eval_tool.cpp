// match_eval_tool DIR [--json] [--need ID...]: the evaluation report, or the
// ranked list with reasons for chosen needs, for tuning the matcher.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "matching/eval.h"

using namespace craftlink::matching;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR [--json] [--per-need] [--need ID]... [--dups] [--weights FILE]\n       %s --dump-defaults\n", argv[0], argv[0]);
    return 2;
  }
  if (!std::strcmp(argv[1], "--dump-defaults")) {
    std::cout << ToJson(MatchWeights{}).dump(2) << "\n";
    return 0;
  }
  const std::string dir = argv[1];
  bool json = false, per_need = false, dups = false;
  std::vector<std::string> needs;
  std::string weights;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--json")) json = true;
    else if (!std::strcmp(argv[i], "--per-need")) per_need = true;
    else if (!std::strcmp(argv[i], "--dups")) dups = true;
    else if (!std::strcmp(argv[i], "--need") && i + 1 < argc) needs.push_back(argv[++i]);
    else if (!std::strcmp(argv[i], "--weights") && i + 1 < argc) weights = argv[++i];
  }
  EvalOptions options;
  if (!weights.empty()) {
    auto config = LoadMatchConfig(weights);
    if (!config.ok()) {
      std::fprintf(stderr, "%s\n", config.status().ToString().c_str());
      return 1;
    }
    options.config = *config;
  }
  if (!needs.empty() || dups) {
    auto corpus = LoadCorpus(dir);
    if (!corpus.ok()) {
      std::fprintf(stderr, "%s\n", corpus.status().ToString().c_str());
      return 1;
    }
    auto config = options.config ? *options.config : *LoadMatchConfig();
    auto engine = MatchEngine::BuildFromCorpus(*corpus, config);
    if (!engine.ok()) {
      std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
      return 1;
    }
    for (const std::string& id : needs) {
      auto list = (*engine)->MatchNeedById(id, MatchOptions{.top_k = 10});
      if (!list.ok()) {
        std::fprintf(stderr, "%s\n", list.status().ToString().c_str());
        continue;
      }
      nlohmann::json j = ToJson(*list);
      for (size_t k = 0; k < list->matches.size(); ++k) {
        const auto& p = list->matches[k].parts;
        j["matches"][k]["parts"] = {{"text", p.text}, {"taxonomy", p.taxonomy}, {"exact", p.exact}, {"industry", p.industry},
                                    {"kind", p.kind}, {"region", p.region}};
      }
      std::cout << j.dump(1) << "\n";
    }
    if (dups) {
      for (const auto& g : (*engine)->FindDuplicateNeeds()) std::cout << ToJson(g).dump() << "\n";
    }
    return 0;
  }
  auto report = Evaluate(dir, options);
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", report.status().ToString().c_str());
    return 1;
  }
  if (json) {
    std::cout << ToJson(*report).dump(1) << "\n";
  } else {
    std::cout << FormatReport(*report);
    if (per_need) {
      for (const auto& n : report->per_need) {
        std::printf("%s %.3f (base %.3f) %s", n.need_id.c_str(), n.ndcg5, n.baseline_ndcg5,
                    std::string(ConfidenceCode(n.confidence)).c_str());
        for (const auto& id : n.top5) std::printf(" %s", id.c_str());
        std::printf("\n");
      }
    }
  }
  return 0;
}

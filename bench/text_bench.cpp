// Throughput of the Chinese analyser on generated industrial text.
// Run: build-text/bench/text_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>
#include <opencc/SimpleConverter.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/analyzer.h"

namespace {

using craftlink::text::Analyzer;
using craftlink::text::DictionaryBuilder;
using craftlink::text::Mode;
using craftlink::text::Piece;
using craftlink::text::Run;
using craftlink::text::RunKind;
using craftlink::text::SegmentScratch;
using craftlink::text::TokenView;

// Sentences in the style of workshop capability profiles, buyer requests and
// defect reports, with the Latin/digit mix they really carry.
const char* const kSentences[] = {
    "我公司专业从事铝合金车体焊接，拥有数控机床二十余台，可承接高铁转向架构件的批量加工。",
    "焊缝气孔和夹渣是埋弧焊中最常见的缺陷，需要严格控制焊丝干燥和坡口清理。",
    "寻找能做不锈钢薄板激光切割和折弯的工厂，板厚1.5mm，月需求约3000件。",
    "本厂具备五轴加工中心、龙门铣床和三坐标测量仪，精度可达0.01毫米。",
    "主轴轴承温升过高会导致加工尺寸漂移，建议检查润滑系统和冷却液流量。",
    "我们需要一家有压力容器制造许可证的企业，负责换热器管板的堆焊和探伤。",
    "液压缸缸筒内孔珩磨后粗糙度要求达到Ra0.2，直线度每米不超过0.05。",
    "机器人焊接工作站调试完成后，焊接变形明显减少，返修率下降了40%。",
    "铸件表面出现砂眼和冷隔，需要改进浇注系统并控制铁水温度。",
    "注塑模具的冷却水道设计不合理，导致产品翘曲和缩痕，客户要求整改。",
    "车间推行精益生产和5S目视化管理，设备综合效率OEE从60%提升到85%。",
    "老师傅擅长手工刮研导轨，能把机床导轨的接触点做到每平方英寸20点以上。",
    "齿轮箱在满载试验中出现异响，拆检发现齿面点蚀和轴承保持架断裂。",
    "电控柜按照国家标准布线，PLC和变频器均采用进口品牌，支持MES系统对接。",
    "钣金件喷涂前需进行磷化处理，涂层附着力按照划格法检测达到一级。",
    "这批法兰的密封面有划伤，需要重新车削并做水压试验。",
    "我们希望找一个做CNC数控加工的厂家，最好在长三角地区，交期两周以内。",
    "钢结构厂房的焊接质量检验包括外观检查、超声波探伤和磁粉检测。",
    "电火花线切割适合加工硬质合金和淬火钢等高硬度材料的复杂型腔。",
    "热处理车间的渗碳淬火工艺能保证齿轮表面硬度和心部韧性，材料为20CrMnTi。",
    "由于刀具磨损严重，工件表面出现振纹，需要调整切削参数和进给速度。",
    "请问贵公司能否承接大型风电法兰的锻造和粗加工业务？",
    "装配线上的拧紧扭矩数据实时上传到制造执行系统，便于质量追溯。",
    "冲压件毛刺超标会影响后续焊接，建议定期修磨模具刃口，去除飞边。",
    "铜排折弯后表面镀锡，要求镀层均匀、无起皮和氧化变色。",
    "项目经理负责协调设计、采购和生产计划，确保按期交付。",
    "管道对接采用氩弧焊打底、手工电弧焊盖面的工艺，焊工须持证上岗。",
    "精密铸造的熔模工艺可以生产形状复杂、尺寸精度高的叶轮。",
    "这台旧车床的丝杠间隙太大，加工螺纹时经常乱牙，需要大修。",
    "质量部门每月统计不合格品数量，并组织分析根本原因和纠正措施。",
    "Q235钢板下料后校平，焊前预热到120℃，焊后做去应力退火。",
    "立墙贴角焊缝容易出现咬边和虚焊，焊工操作时要控制电流和焊接速度。",
};

// ~300 KB: the sentences in a fixed shuffled order, grouped into paragraphs.
const std::vector<std::string>& Documents() {
  static const std::vector<std::string> docs = [] {
    std::vector<std::string> out;
    std::mt19937 rng(42);
    const size_t n = std::size(kSentences);
    size_t bytes = 0;
    while (bytes < 300 * 1024) {
      std::string doc;
      const size_t sentences = 2 + rng() % 6;
      for (size_t i = 0; i < sentences; ++i) doc += kSentences[rng() % n];
      bytes += doc.size();
      out.push_back(std::move(doc));
    }
    return out;
  }();
  return docs;
}

size_t TotalBytes(const std::vector<std::string>& docs) {
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  return bytes;
}

const Analyzer& SharedAnalyzer() {
  static const auto analyzer = [] {
    auto created = Analyzer::Create();
    if (!created.ok()) {
      std::fprintf(stderr, "analyzer: %s\n", created.status().ToString().c_str());
      std::abort();
    }
    return std::move(created).value();
  }();
  return *analyzer;
}

const std::vector<std::string>& TraditionalDocuments() {
  static const std::vector<std::string> docs = [] {
    opencc::SimpleConverter s2t("s2t.json");
    std::vector<std::string> out;
    for (const auto& d : Documents()) out.push_back(s2t.Convert(d));
    return out;
  }();
  return docs;
}

void RunOverDocs(benchmark::State& state, const std::vector<std::string>& docs, auto&& fn) {
  for (auto _ : state) {
    for (const auto& d : docs) fn(d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(docs)));
}

void BM_Normalize(benchmark::State& state) {
  const auto& normalizer = SharedAnalyzer().normalizer();
  std::string out;
  RunOverDocs(state, Documents(), [&](const std::string& d) {
    normalizer.NormalizeInto(d, out);
    benchmark::DoNotOptimize(out.data());
  });
}
BENCHMARK(BM_Normalize);

void BM_NormalizeTraditional(benchmark::State& state) {
  const auto& normalizer = SharedAnalyzer().normalizer();
  std::string out;
  RunOverDocs(state, TraditionalDocuments(), [&](const std::string& d) {
    normalizer.NormalizeInto(d, out);
    benchmark::DoNotOptimize(out.data());
  });
}
BENCHMARK(BM_NormalizeTraditional);

void SegmentBench(benchmark::State& state, Mode mode) {
  const auto& segmenter = SharedAnalyzer().segmenter();
  SegmentScratch scratch;
  size_t pieces = 0;
  RunOverDocs(state, Documents(), [&](const std::string& d) {
    segmenter.ForEachRun(d, scratch, [&](const Run& run) {
      if (run.kind != RunKind::kHan) return;
      segmenter.CutHan(run, mode, scratch, [&](const Piece&) { ++pieces; });
    });
  });
  benchmark::DoNotOptimize(pieces);
}
void BM_SegmentPrecise(benchmark::State& state) { SegmentBench(state, Mode::kPrecise); }
void BM_SegmentSearch(benchmark::State& state) { SegmentBench(state, Mode::kSearch); }
BENCHMARK(BM_SegmentPrecise);
BENCHMARK(BM_SegmentSearch);

// The full analyser: normalise + search-mode words + stop words + bigrams.
void BM_AnalyzeCallback(benchmark::State& state) {
  const Analyzer& analyzer = SharedAnalyzer();
  size_t tokens = 0;
  RunOverDocs(state, Documents(), [&](const std::string& d) {
    analyzer.Analyze(d, [&](const TokenView&) { ++tokens; });
  });
  benchmark::DoNotOptimize(tokens);
}
BENCHMARK(BM_AnalyzeCallback);

void BM_AnalyzeVectors(benchmark::State& state) {
  const Analyzer& analyzer = SharedAnalyzer();
  RunOverDocs(state, Documents(), [&](const std::string& d) {
    auto analysis = analyzer.Analyze(d);
    benchmark::DoNotOptimize(analysis.words.data());
  });
}
BENCHMARK(BM_AnalyzeVectors);

void BM_AnalyzeTraditional(benchmark::State& state) {
  const Analyzer& analyzer = SharedAnalyzer();
  size_t tokens = 0;
  RunOverDocs(state, TraditionalDocuments(), [&](const std::string& d) {
    analyzer.Analyze(d, [&](const TokenView&) { ++tokens; });
  });
  benchmark::DoNotOptimize(tokens);
}
BENCHMARK(BM_AnalyzeTraditional);

// Traditional input with the per-character table instead of OpenCC phrases.
void BM_AnalyzeTraditionalCharacterMode(benchmark::State& state) {
  static const auto analyzer = [] {
    craftlink::text::AnalyzerOptions options;
    options.normalizer.t2s = craftlink::text::T2sMode::kCharacter;
    auto created = Analyzer::Create(options);
    if (!created.ok()) std::abort();
    return std::move(created).value();
  }();
  size_t tokens = 0;
  RunOverDocs(state, TraditionalDocuments(), [&](const std::string& d) {
    analyzer->Analyze(d, [&](const TokenView&) { ++tokens; });
  });
  benchmark::DoNotOptimize(tokens);
}
BENCHMARK(BM_AnalyzeTraditionalCharacterMode);

void BM_LoadDictionary(benchmark::State& state) {
  for (auto _ : state) {
    DictionaryBuilder builder;
    if (!builder.AddFile(craftlink::text::DefaultJiebaDictPath()).ok()) state.SkipWithError("no dict.txt");
    auto dict = builder.Build();
    benchmark::DoNotOptimize(dict.ok());
    state.counters["nodes"] = static_cast<double>(dict.ok() ? (*dict)->node_count() : 0);
    state.counters["MiB"] = dict.ok() ? static_cast<double>((*dict)->MemoryBytes()) / (1 << 20) : 0;
  }
}
BENCHMARK(BM_LoadDictionary)->Unit(benchmark::kMillisecond)->Iterations(3);

// Baseline for the trie: jieba's own layout, a hash map holding every word and
// every prefix (prefixes at frequency 0), with the same DP over UTF-8 slices.
class HashPrefixDict {
 public:
  HashPrefixDict() {
    std::FILE* f = std::fopen(craftlink::text::DefaultJiebaDictPath().c_str(), "r");
    if (f == nullptr) return;
    char line[512];
    while (std::fgets(line, sizeof line, f) != nullptr) {
      char word[256];
      double freq = 0;
      if (std::sscanf(line, "%255s %lf", word, &freq) != 2) continue;
      const std::string w(word);
      freq_[w] = freq;
      total_ += freq;
      for (size_t i = 1; i < w.size(); ++i) {
        if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80) freq_.try_emplace(w.substr(0, i), 0.0);
      }
    }
    std::fclose(f);
    log_total_ = std::log(total_);
  }
  // Returns the number of words on the best path of one Han run.
  size_t Cut(std::string_view s, const std::vector<uint32_t>& offsets, std::vector<double>& prob,
             std::vector<uint32_t>& end) const {
    const auto n = static_cast<uint32_t>(offsets.size() - 1);
    prob.assign(n + 1, 0);
    end.assign(n + 1, n);
    std::string key;
    for (uint32_t i = n; i-- > 0;) {
      double best = -std::numeric_limits<double>::infinity();
      uint32_t best_j = i + 1;
      for (uint32_t j = i; j < n; ++j) {
        key.assign(s.substr(offsets[i], offsets[j + 1] - offsets[i]));
        const auto it = freq_.find(key);
        if (it == freq_.end()) break;
        if (it->second > 0) {
          const double p = std::log(it->second) - log_total_ + prob[j + 1];
          if (p >= best) best = p, best_j = j + 1;
        }
      }
      if (!std::isfinite(best)) best = -log_total_ + prob[i + 1];
      prob[i] = best;
      end[i] = best_j;
    }
    size_t words = 0;
    for (uint32_t i = 0; i < n; i = end[i]) ++words;
    return words;
  }

 private:
  std::unordered_map<std::string, double> freq_;
  double total_ = 0;
  double log_total_ = 0;
};

void BM_SegmentPreciseHashBaseline(benchmark::State& state) {
  static const HashPrefixDict dict;
  const auto& segmenter = SharedAnalyzer().segmenter();
  SegmentScratch scratch;
  std::vector<uint32_t> offsets;
  std::vector<double> prob;
  std::vector<uint32_t> end;
  size_t words = 0;
  RunOverDocs(state, Documents(), [&](const std::string& d) {
    segmenter.ForEachRun(d, scratch, [&](const Run& run) {
      if (run.kind != RunKind::kHan) return;
      offsets.assign(run.offsets.begin(), run.offsets.end());
      words += dict.Cut(run.text, offsets, prob, end);
    });
  });
  benchmark::DoNotOptimize(words);
}
BENCHMARK(BM_SegmentPreciseHashBaseline);

}  // namespace

BENCHMARK_MAIN();

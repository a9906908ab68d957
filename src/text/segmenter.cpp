#include "text/segmenter.h"

#include <limits>

#include "text/codepoints.h"

namespace craftlink::text {
namespace {

bool IsAsciiDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }

}  // namespace

Segmenter::Segmenter(std::shared_ptr<const Dictionary> dict) : dict_(std::move(dict)) {}

// Collects each run's code points into the scratch and hands it out when the
// run ends. A '.' between ASCII digits stays inside an alnum run so that 0.5mm
// and 1.2 remain one token.
void Segmenter::ForEachRun(std::string_view text, SegmentScratch& scratch, FunctionRef<void(const Run&)> fn) const {
  const CharTable& table = CharTable::Get();
  const char* const base = text.data();
  const char* const end = base + text.size();
  auto& cps = scratch.cps;
  auto& offsets = scratch.offsets;
  cps.clear();
  offsets.clear();
  RunKind kind = RunKind::kHan;
  uint32_t run_start = 0;
  auto flush = [&](uint32_t run_end) {
    if (cps.empty()) return;
    for (uint32_t& o : offsets) o -= run_start;
    offsets.push_back(run_end - run_start);
    fn(Run{kind, text.substr(run_start, run_end - run_start), cps, offsets});
    cps.clear();
    offsets.clear();
  };
  const char* p = base;
  while (p < end) {
    char32_t cp;
    const size_t len = DecodeOne(p, end, &cp);
    const auto at = static_cast<uint32_t>(p - base);
    const uint8_t bits = cp == kInvalidCodePoint ? 0 : table.Bits(cp);
    bool joins_number = false;
    if (cp == '.' && !cps.empty() && kind == RunKind::kAlnum && IsAsciiDigit(cps.back()) && p + 1 < end &&
        IsAsciiDigit(static_cast<unsigned char>(p[1]))) {
      joins_number = true;
    }
    if (!(bits & (kCharHan | kCharAlnum)) && !joins_number) {
      flush(at);
    } else {
      const RunKind k = (bits & kCharHan) ? RunKind::kHan : RunKind::kAlnum;
      if (!cps.empty() && k != kind) flush(at);
      if (cps.empty()) kind = k, run_start = at;
      cps.push_back(cp);
      offsets.push_back(at);
    }
    p += len;
  }
  flush(static_cast<uint32_t>(text.size()));
}

// Right-to-left dynamic programming over the DAG, as jieba's calc(): for each
// start, every dictionary word beginning there is a candidate; a start with no
// word falls back to the single character at log(1/total). Ties go to the
// longer word, as in jieba's max over (prob, end) tuples.
void Segmenter::BestPath(std::span<const char32_t> cps, SegmentScratch& scratch) const {
  const Dictionary& dict = *dict_;
  const auto n = static_cast<uint32_t>(cps.size());
  auto& prob = scratch.route_prob;
  auto& best_end = scratch.route_end;
  prob.resize(n + 1);
  best_end.resize(n + 1);
  prob[n] = 0;
  best_end[n] = n;
  for (uint32_t i = n; i-- > 0;) {
    double best = -std::numeric_limits<double>::infinity();
    uint32_t best_j = i + 1;
    bool any = false;
    uint32_t node = dict.Child(Dictionary::kRoot, cps[i]);
    for (uint32_t j = i; node != Dictionary::kNone;) {
      if (dict.IsWord(node)) {
        any = true;
        const double p = dict.LogProb(node) + prob[j + 1];
        if (p >= best) best = p, best_j = j + 1;
      }
      if (++j == n) break;
      node = dict.Child(node, cps[j]);
    }
    if (!any) best = dict.UnknownLogProb() + prob[i + 1];
    prob[i] = best;
    best_end[i] = best_j;
  }
}

void Segmenter::EmitSubwords(const Run& run, uint32_t begin, uint32_t end,
                             FunctionRef<void(const Piece&)> fn) const {
  const Dictionary& dict = *dict_;
  const uint32_t len = end - begin;
  for (uint32_t width = 2; width <= 3; ++width) {
    if (len <= width) break;
    for (uint32_t i = begin; i + width <= end; ++i) {
      const uint32_t node = dict.Find(run.cps.data() + i, width);
      if (node != Dictionary::kNone && dict.IsWord(node)) {
        fn(Piece{run.text.substr(run.offsets[i], run.offsets[i + width] - run.offsets[i]), true});
      }
    }
  }
}

void Segmenter::CutHan(const Run& run, Mode mode, SegmentScratch& scratch,
                       FunctionRef<void(const Piece&)> fn) const {
  BestPath(run.cps, scratch);
  const auto n = static_cast<uint32_t>(run.cps.size());
  for (uint32_t i = 0; i < n;) {
    const uint32_t e = scratch.route_end[i];
    fn(Piece{run.text.substr(run.offsets[i], run.offsets[e] - run.offsets[i]), false});
    if (mode == Mode::kSearch) EmitSubwords(run, i, e, fn);
    i = e;
  }
}

std::vector<Token> Segmenter::Segment(std::string_view text, Mode mode) const {
  std::vector<Token> tokens;
  SegmentScratch scratch;
  uint32_t next = 0;
  auto on_piece = [&](const Piece& piece) {
    const uint32_t position = piece.subword ? next - 1 : next++;
    tokens.push_back(Token{std::string(piece.text), position});
  };
  ForEachRun(text, scratch, [&](const Run& run) {
    if (run.kind == RunKind::kHan) {
      CutHan(run, mode, scratch, on_piece);
    } else {
      on_piece(Piece{run.text, false});
    }
  });
  return tokens;
}

}  // namespace craftlink::text

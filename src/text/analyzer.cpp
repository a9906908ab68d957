#include "text/analyzer.h"

#include <utility>

namespace craftlink::text {
namespace {

struct ThreadScratch {
  std::string normalized;
  SegmentScratch segment;
  bool in_use = false;
};

thread_local ThreadScratch tls_scratch;

// Lends this thread's buffers. A sink that itself calls Analyze gets fresh
// buffers instead of clobbering the ones its caller is still reading.
class ScratchLease {
 public:
  ScratchLease() {
    if (!tls_scratch.in_use) {
      scratch_ = &tls_scratch;
      scratch_->in_use = true;
    } else {
      owned_ = std::make_unique<ThreadScratch>();
      scratch_ = owned_.get();
    }
  }
  ~ScratchLease() {
    if (owned_) return;
    // A one-off huge document should not pin its buffers for the thread's life.
    constexpr size_t kKeepBytes = size_t{4} << 20;
    if (scratch_->normalized.capacity() > kKeepBytes) *scratch_ = ThreadScratch{};
    scratch_->in_use = false;
  }
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  ThreadScratch& operator*() const { return *scratch_; }

 private:
  ThreadScratch* scratch_;
  std::unique_ptr<ThreadScratch> owned_;
};

}  // namespace

Result<std::shared_ptr<const Analyzer>> Analyzer::Create(const AnalyzerOptions& options) {
  auto normalizer = Normalizer::Create(options.normalizer);
  if (!normalizer.ok()) return normalizer.status();
  std::unique_ptr<Normalizer> norm = std::move(normalizer).value();
  const Normalizer* n = norm.get();
  // User words and stop words are written by people (full-width, traditional,
  // upper case); they must match normalised text. jieba's own file is already
  // simplified, and normalising 349k words would double the load time.
  auto normalize = [n](std::string_view word) { return n->Normalize(word); };

  DictionaryBuilder builder;
  CRAFTLINK_RETURN_IF_ERROR(builder.AddFile(options.jieba_dict));
  for (const std::string& path : options.user_dicts) CRAFTLINK_RETURN_IF_ERROR(builder.AddFile(path, normalize));
  for (const std::string& word : options.user_words) builder.AddWord(normalize(word));
  auto dict = builder.Build();
  if (!dict.ok()) return dict.status();

  std::vector<std::string> stop_list;
  if (options.stopwords_file.empty()) {
    stop_list = ParseWordList(BuiltInStopWordsText());
  } else {
    auto read = ReadWordListFile(options.stopwords_file);
    if (!read.ok()) return read.status();
    stop_list = std::move(read).value();
  }
  for (std::string& word : stop_list) word = n->Normalize(word);

  return std::shared_ptr<const Analyzer>(
      new Analyzer(std::move(norm), std::move(dict).value(), StopWords(stop_list)));
}

Analyzer::Analyzer(std::unique_ptr<Normalizer> normalizer, std::shared_ptr<const Dictionary> dict,
                   StopWords stop_words)
    : normalizer_(std::move(normalizer)), segmenter_(std::move(dict)), stop_words_(std::move(stop_words)) {}

std::string Analyzer::Normalize(std::string_view text) const { return normalizer_->Normalize(text); }

std::vector<Token> Analyzer::Segment(std::string_view text, Mode mode) const {
  return segmenter_.Segment(normalizer_->Normalize(text), mode);
}

Analysis Analyzer::Analyze(std::string_view text) const {
  Analysis analysis;
  Analyze(text, [&](const TokenView& token) {
    auto& stream = token.stream == Stream::kWord ? analysis.words : analysis.bigrams;
    stream.push_back(Token{std::string(token.text), token.position});
  });
  return analysis;
}

void Analyzer::Analyze(std::string_view text, FunctionRef<void(const TokenView&)> sink) const {
  ScratchLease lease;
  ThreadScratch& scratch = *lease;
  normalizer_->NormalizeInto(text, scratch.normalized);
  AnalyzeNormalized(scratch.normalized, scratch.segment, sink);
}

void Analyzer::AnalyzeNormalized(std::string_view normalized, SegmentScratch& scratch,
                                 FunctionRef<void(const TokenView&)> sink) const {
  uint32_t next_position = 0;
  uint32_t parent_position = 0;
  uint32_t han_index = 0;
  auto on_word = [&](const Piece& piece) {
    if (!piece.subword) parent_position = next_position;
    if (stop_words_.Contains(piece.text)) return;
    if (!piece.subword) ++next_position;
    sink(TokenView{Stream::kWord, piece.text, parent_position});
  };
  segmenter_.ForEachRun(normalized, scratch, [&](const Run& run) {
    if (run.kind == RunKind::kHan) {
      segmenter_.CutHan(run, Mode::kSearch, scratch, on_word);
      EmitBigrams(run, han_index, sink);
    } else {
      on_word(Piece{run.text, false});
    }
  });
}

// Bigrams over every Han run, not only over characters the dictionary leaves
// single: they make retrieval independent of how a phrase happened to be
// segmented on each side (车体焊缝 vs 车 体焊 缝 in another context), cover
// words missing from the lexicon, and keep working when the lexicon changes
// between indexing and querying. Bigrams made only of function characters
// (的是, 我们) or equal to a stop word (希望, 一个) carry no meaning and are
// dropped; a bigram with one function character (有限, 的确) is kept.
void Analyzer::EmitBigrams(const Run& run, uint32_t& han_index, FunctionRef<void(const TokenView&)> sink) const {
  const auto n = static_cast<uint32_t>(run.cps.size());
  for (uint32_t i = 0; i + 1 < n; ++i) {
    if (stop_words_.IsStopBigram(run.cps[i], run.cps[i + 1])) continue;
    const uint32_t begin = run.offsets[i];
    sink(TokenView{Stream::kBigram, run.text.substr(begin, run.offsets[i + 2] - begin), han_index + i});
  }
  han_index += n;
}

}  // namespace craftlink::text

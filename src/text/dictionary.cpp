#include "text/dictionary.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "text/codepoints.h"

#ifndef CRAFTLINK_JIEBA_DICT_PATH
#define CRAFTLINK_JIEBA_DICT_PATH "/usr/lib/python3/dist-packages/jieba/dict.txt"
#endif

namespace craftlink::text {
namespace {

// Decodes a word known to be well-formed (checked in AddWord).
void DecodeWord(std::string_view word, std::vector<char32_t>& out) {
  const char* p = word.data();
  const char* const end = p + word.size();
  while (p < end) {
    char32_t cp;
    p += DecodeOne(p, end, &cp);
    out.push_back(cp);
  }
}

bool IsHanWord(std::string_view word) {
  if (word.empty()) return false;
  const CharTable& table = CharTable::Get();
  const char* p = word.data();
  const char* const end = p + word.size();
  while (p < end) {
    char32_t cp;
    p += DecodeOne(p, end, &cp);
    if (cp == kInvalidCodePoint || !(table.Bits(cp) & kCharHan)) return false;
  }
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Splits the next whitespace-delimited field off `line`.
std::string_view NextField(std::string_view& line) {
  size_t b = 0;
  while (b < line.size() && IsSpace(line[b])) ++b;
  size_t e = b;
  while (e < line.size() && !IsSpace(line[e])) ++e;
  const std::string_view field = line.substr(b, e - b);
  line.remove_prefix(e);
  return field;
}

std::optional<double> ParseFreq(std::string_view field) {
  double value = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc() || end != field.data() + field.size() || !(value >= 0)) return std::nullopt;
  return value;
}

}  // namespace

std::string DefaultJiebaDictPath() { return CRAFTLINK_JIEBA_DICT_PATH; }

uint32_t Dictionary::Find(const char32_t* cps, size_t n) const {
  if (n == 0 || nodes_.empty()) return kNone;
  uint32_t node = kRoot;
  for (size_t i = 0; i < n; ++i) {
    node = Child(node, cps[i]);
    if (node == kNone) break;
  }
  return node;
}

bool Dictionary::Contains(std::string_view word) const { return Frequency(word).has_value(); }

std::optional<double> Dictionary::Frequency(std::string_view word) const {
  if (!IsHanWord(word)) return std::nullopt;
  std::vector<char32_t> cps;
  DecodeWord(word, cps);
  const uint32_t node = Find(cps.data(), cps.size());
  if (node == kNone || !IsWord(node)) return std::nullopt;
  return std::round(std::exp(LogProb(node)) * total_);
}

size_t Dictionary::MemoryBytes() const {
  return nodes_.capacity() * sizeof(Node) + labels_.capacity() * sizeof(char32_t) +
         root_bmp_.capacity() * sizeof(uint32_t);
}

Status DictionaryBuilder::AddFile(const std::string& path, const WordNormalizer& normalize) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return Status::IoError("cannot open dictionary " + path);
  std::string contents;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file)) > 0) contents.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return Status::IoError("cannot read dictionary " + path);
  return AddText(contents, path, normalize);
}

Status DictionaryBuilder::AddText(std::string_view contents, std::string_view source,
                                  const WordNormalizer& normalize) {
  if (contents.substr(0, 3) == "\xEF\xBB\xBF") contents.remove_prefix(3);
  size_t line_no = 0;
  while (!contents.empty()) {
    const size_t nl = contents.find('\n');
    std::string_view line = contents.substr(0, nl);
    contents.remove_prefix(nl == std::string_view::npos ? contents.size() : nl + 1);
    ++line_no;
    const std::string_view word = NextField(line);
    if (word.empty() || word.front() == '#') continue;
    const std::string_view freq_field = NextField(line);
    std::optional<double> freq;
    if (!freq_field.empty()) {
      freq = ParseFreq(freq_field);
      // jieba allows `word pos`; anything else in the frequency column is a typo.
      if (!freq && (freq_field.front() >= '0' && freq_field.front() <= '9')) {
        return Status::Invalid("bad frequency on line " + std::to_string(line_no) + " of " + std::string(source));
      }
    }
    if (normalize) {
      AddWord(normalize(word), freq);
    } else {
      AddWord(word, freq);
    }
  }
  return Status::Ok();
}

void DictionaryBuilder::AddWord(std::string_view word, std::optional<double> freq) {
  if (!IsHanWord(word)) {
    ++skipped_;
    skipped_freq_ += freq.value_or(0);
    return;
  }
  entries_.push_back(Entry{std::string(word), freq.value_or(0), freq.has_value(),
                           static_cast<uint32_t>(entries_.size())});
}

// Sorting UTF-8 bytes sorts code points, which is the order the breadth-first
// build needs. Of duplicates the last added wins; it inherits an earlier
// frequency as the floor for a suggested one.
void DictionaryBuilder::SortAndDedupe() {
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.word != b.word ? a.word < b.word : a.order < b.order;
  });
  size_t out = 0;
  for (size_t i = 0; i < entries_.size();) {
    size_t j = i + 1;
    double floor = entries_[i].has_freq ? entries_[i].freq : 0;
    while (j < entries_.size() && entries_[j].word == entries_[i].word) {
      if (entries_[j].has_freq) floor = entries_[j].freq;
      ++j;
    }
    Entry last = std::move(entries_[j - 1]);
    if (!last.has_freq) last.freq = floor;  // suggestion raises it later
    entries_[out++] = std::move(last);
    i = j;
  }
  entries_.resize(out);
}

// jieba's suggest_freq(word): the probability of the word's best split into
// other dictionary words (unknown characters count 1), times the total, plus
// one. All suggestions use the total before any of them is added, so the
// result does not depend on the order of the user's file.
void DictionaryBuilder::SuggestMissingFrequencies() {
  double total = skipped_freq_;
  for (const Entry& e : entries_) total += e.freq;  // words awaiting a suggestion hold their floor or 0
  if (total < 1) total = 1;
  const double log_total = std::log(total);
  auto known = [&](std::string_view w) -> double {
    const auto it = std::lower_bound(entries_.begin(), entries_.end(), w,
                                     [](const Entry& e, std::string_view key) { return e.word < key; });
    return (it != entries_.end() && it->word == w) ? it->freq : 0;
  };
  std::vector<double> suggested(entries_.size(), -1);
  std::vector<uint32_t> offsets;
  std::vector<double> route;
  for (size_t k = 0; k < entries_.size(); ++k) {
    if (entries_[k].has_freq) continue;
    const std::string_view word = entries_[k].word;
    offsets.clear();
    for (size_t b = 0; b < word.size(); ++b) {
      if ((static_cast<unsigned char>(word[b]) & 0xC0) != 0x80) offsets.push_back(static_cast<uint32_t>(b));
    }
    const size_t n = offsets.size();
    offsets.push_back(static_cast<uint32_t>(word.size()));
    route.assign(n + 1, -std::numeric_limits<double>::infinity());
    route[n] = 0;
    for (size_t i = n; i-- > 0;) {
      for (size_t j = i + 1; j <= n; ++j) {
        if (i == 0 && j == n) continue;  // the word itself does not count
        double f = known(word.substr(offsets[i], offsets[j] - offsets[i]));
        if (f <= 0 && j == i + 1) f = 1;
        if (f > 0) route[i] = std::max(route[i], std::log(f) - log_total + route[j]);
      }
    }
    const double split = std::isfinite(route[0]) ? std::exp(route[0]) * total : 0;
    suggested[k] = std::max(std::floor(split) + 1, entries_[k].freq);
  }
  for (size_t k = 0; k < entries_.size(); ++k) {
    if (suggested[k] >= 0) entries_[k].freq = suggested[k];
  }
}

Result<std::shared_ptr<const Dictionary>> DictionaryBuilder::Build() {
  SortAndDedupe();
  SuggestMissingFrequencies();
  FlatWords flat;
  flat.starts.reserve(entries_.size() + 1);
  double total = skipped_freq_;
  for (const Entry& e : entries_) {
    total += e.freq;
    flat.starts.push_back(static_cast<uint32_t>(flat.cps.size()));
    DecodeWord(e.word, flat.cps);
  }
  flat.starts.push_back(static_cast<uint32_t>(flat.cps.size()));
  if (flat.cps.size() >= std::numeric_limits<uint32_t>::max() / 2) return Status::Invalid("dictionary too large");
  auto dict = std::make_shared<Dictionary>();
  dict->total_ = total < 1 ? 1 : total;
  dict->unknown_log_prob_ = -std::log(dict->total_);
  BuildTrie(flat, *dict);
  entries_.clear();
  return std::shared_ptr<const Dictionary>(std::move(dict));
}

// Breadth-first over the sorted words: each task is a node and the range of
// words below it. A node's children are appended together, so they end up
// contiguous and in label order.
void DictionaryBuilder::BuildTrie(const FlatWords& flat, Dictionary& dict) const {
  struct Task {
    uint32_t node, lo, hi, depth;
  };
  const double log_total = std::log(dict.total_);
  auto length = [&](uint32_t i) { return flat.starts[i + 1] - flat.starts[i]; };
  auto label = [&](uint32_t i, uint32_t depth) { return flat.cps[flat.starts[i] + depth]; };
  std::vector<Task> queue;
  dict.nodes_.emplace_back();
  dict.labels_.push_back(0);
  queue.push_back({Dictionary::kRoot, 0, static_cast<uint32_t>(entries_.size()), 0});
  for (size_t head = 0; head < queue.size(); ++head) {
    const Task t = queue[head];
    uint32_t i = t.lo;
    if (i < t.hi && length(i) == t.depth) {  // the word ending here sorts first
      if (entries_[i].freq > 0) {
        dict.nodes_[t.node].log_prob = std::log(entries_[i].freq) - log_total;
        ++dict.word_count_;
      }
      ++i;
    }
    const auto first = static_cast<uint32_t>(dict.nodes_.size());
    while (i < t.hi) {
      const char32_t cp = label(i, t.depth);
      uint32_t j = i + 1;
      while (j < t.hi && label(j, t.depth) == cp) ++j;
      queue.push_back({static_cast<uint32_t>(dict.nodes_.size()), i, j, t.depth + 1});
      dict.nodes_.emplace_back();
      dict.labels_.push_back(cp);
      i = j;
    }
    dict.nodes_[t.node].first_child = first;
    dict.nodes_[t.node].child_count = static_cast<uint32_t>(dict.nodes_.size()) - first;
  }
  dict.root_bmp_.assign(0x10000, Dictionary::kNone);
  const Dictionary::Node& root = dict.nodes_[Dictionary::kRoot];
  for (uint32_t c = root.first_child; c < root.first_child + root.child_count; ++c) {
    if (dict.labels_[c] < 0x10000) dict.root_bmp_[dict.labels_[c]] = c;
  }
  dict.nodes_.shrink_to_fit();
  dict.labels_.shrink_to_fit();
}

}  // namespace craftlink::text

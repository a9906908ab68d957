#include "text/stopwords.h"

#include <fstream>
#include <sstream>

#include "text/codepoints.h"

namespace craftlink::text {

std::vector<std::string> ParseWordList(std::string_view contents) {
  std::vector<std::string> words;
  if (contents.substr(0, 3) == "\xEF\xBB\xBF") contents.remove_prefix(3);
  while (!contents.empty()) {
    const size_t nl = contents.find('\n');
    std::string_view line = contents.substr(0, nl);
    contents.remove_prefix(nl == std::string_view::npos ? contents.size() : nl + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    words.emplace_back(line);
  }
  return words;
}

Result<std::vector<std::string>> ReadWordListFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open word list " + path);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read word list " + path);
  return ParseWordList(contents.str());
}

StopWords::StopWords(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    if (w.empty()) continue;
    words_.insert(w);
    max_length_ = std::max(max_length_, w.size());
    char32_t cps[3];
    size_t n = 0;
    for (size_t at = 0; at < w.size() && n < 3; ++n) at += DecodeOne(w.data() + at, w.data() + w.size(), &cps[n]);
    if (n == 1 && cps[0] < 0x10000) function_chars_.set(cps[0]);
    if (n == 2 && cps[0] < 0x10000 && cps[1] < 0x10000) {
      pair_starts_.set(cps[0]);
      stop_pairs_.insert(PairKey(cps[0], cps[1]));
    }
  }
}

}  // namespace craftlink::text

// Shared fixtures for the text tests: the analyser and dictionary are costly
// to build (~0.3 s), so each test binary builds them once.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "text/analyzer.h"

namespace craftlink::text::testing {

// A project-style domain lexicon: no frequency, a POS tag only, an explicit
// frequency, a traditional spelling, and a non-Han entry that must be skipped.
inline constexpr char kDomainLexicon[] =
    "# domain words for tests\n"
    "立墙贴\n"
    "虚焊 n\n"
    "飞边 50 n\n"
    "刮研機 20\n"
    "ＣＮＣ 10\n";

inline std::string WriteTempFile(const std::string& name, const std::string& contents) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

// jieba's dictionary alone, for parity with jieba's own output.
inline std::shared_ptr<const Dictionary> JiebaDictionary() {
  static const std::shared_ptr<const Dictionary> dict = [] {
    DictionaryBuilder builder;
    const Status status = builder.AddFile(DefaultJiebaDictPath());
    EXPECT_TRUE(status.ok()) << status.ToString();
    auto built = builder.Build();
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    return built.ok() ? built.value() : nullptr;
  }();
  return dict;
}

// The default analyser plus the domain lexicon.
inline const Analyzer& DomainAnalyzer() {
  static const std::shared_ptr<const Analyzer> analyzer = [] {
    AnalyzerOptions options;
    options.user_dicts.push_back(WriteTempFile("craftlink_text_domain.dict", kDomainLexicon));
    auto created = Analyzer::Create(options);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created.value() : nullptr;
  }();
  return *analyzer;
}

inline std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.text);
  return out;
}

}  // namespace craftlink::text::testing

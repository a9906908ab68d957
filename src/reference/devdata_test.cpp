// Runs the validators over the shared dev data set, when it is present: every
// code there was produced to the standards, so any rejection is our bug.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>

#include "reference/reference.h"

namespace craftlink::reference {
namespace {

#ifdef CRAFTLINK_TEST_SHARED_DEV_DIR
constexpr const char* kDevDir = CRAFTLINK_TEST_SHARED_DEV_DIR;
#else
constexpr const char* kDevDir = "";
#endif

TEST(DevData, EveryCodeValidates) {
  const std::string data = std::string(CRAFTLINK_TEST_DATA_DIR) + "/reference/";
  Result<RegionTable> regions = RegionTable::Load(data + "regions.tsv");
  Result<IndustryTable> industries = IndustryTable::Load(data + "industries.tsv");
  ASSERT_TRUE(regions.ok() && industries.ok());

  const std::regex field(R"re("(uscc|region|industry|contact_phone)": "([^"]*)")re");
  int checked = 0;
  for (const char* file : {"enterprises.jsonl", "craftsmen.jsonl", "needs.jsonl"}) {
    std::ifstream in(std::string(kDevDir) + "/" + file);
    if (!in) GTEST_SKIP() << "shared dev data not found at " << kDevDir;
    std::string line;
    while (std::getline(in, line)) {
      for (std::sregex_iterator it(line.begin(), line.end(), field), end; it != end; ++it) {
        const std::string name = (*it)[1], value = (*it)[2];
        Status s;
        if (name == "uscc") s = ValidateUscc(value).status();
        if (name == "region") s = regions->Validate(value).status();
        if (name == "industry") s = industries->Validate(value).status();
        if (name == "contact_phone") s = NormalizeMobile(value).status();
        EXPECT_TRUE(s.ok()) << file << " " << name << "=" << value << ": " << s.ToString();
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace craftlink::reference

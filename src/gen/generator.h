// gen: deterministic synthetic craftsmen, enterprises, needs and innovation
// results (simplified Chinese, Sichuan/Chongqing/Shanghai) for benchmarks,
// load tests and demo data, in memory or as interchange JSON Lines files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/status.h"
#include "domain/model.h"

namespace craftlink::gen {

struct GenOptions {
  size_t craftsmen = 1000;
  size_t enterprises = 300;
  size_t needs = 1000;
  size_t results = 200;
  uint64_t seed = 1;
  // Threads Generate() renders with; 0 = one per core (at most 8). The
  // output is the same for any value.
  unsigned threads = 0;
};

// Ids of the index-th record of each kind ("GC0000001", "GE…", "GN…", "GR…").
// Index 0 is number 1; the number widens past 9,999,999.
std::string CraftsmanId(size_t index);
std::string EnterpriseId(size_t index);
std::string NeedId(size_t index);
std::string ResultId(size_t index);

// Makes any single record from (seed, kind, index) alone, so records can be
// made in any order, in parallel, or only some of them. A record does not
// depend on how many records of its own kind exist; needs and results do
// depend on the pools they refer to (options.enterprises, options.craftsmen).
class Generator {
 public:
  // Pools from the GenOptions defaults.
  explicit Generator(uint64_t seed);
  explicit Generator(const GenOptions& options);

  domain::Craftsman MakeCraftsman(size_t index) const;
  domain::Enterprise MakeEnterprise(size_t index) const;
  // enterprise_id is one of EnterpriseId(0 .. max(enterprises, 1) - 1).
  domain::Need MakeNeed(size_t index) const;
  // owner_ids are among CraftsmanId(0 .. craftsmen - 1); none when craftsmen is 0.
  domain::InnovationResult MakeResult(size_t index) const;

  const GenOptions& options() const { return options_; }

 private:
  GenOptions options_;
};

// Writes craftsmen.jsonl, enterprises.jsonl, needs.jsonl and results.jsonl
// into out_dir (created if missing), one record at a time, so memory stays
// flat in the counts. The same options give byte-identical files. Each file
// is written under a temporary name and renamed when complete. Needs without
// enterprises are refused: every need must reference one.
Status Generate(const GenOptions& options, const std::filesystem::path& out_dir);

}  // namespace craftlink::gen

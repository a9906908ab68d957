#pragma once

// Checks of imported records against the reference tables (GB/T 2260
// regions, GB/T 4754 industries, GB 32100 credit codes, mobile numbers) and
// normalises what has one canonical form. Field-level, row-local checks;
// references between records are checked by the importer.

#include <string>

#include "core/status.h"
#include "domain/model.h"
#include "reference/industry.h"
#include "reference/region.h"

namespace craftlink::interchange {

struct ValidationOptions {
  // Early pilot credit codes predate GB 32100's check character: accept a
  // failing check when staff say so, and mark the record.
  bool allow_bad_uscc = false;
};

class RecordValidator {
 public:
  RecordValidator(reference::RegionTable regions, reference::IndustryTable industries)
      : regions_(std::move(regions)), industries_(std::move(industries)) {}
  // Loads the tables from the project's data folder.
  static Result<RecordValidator> LoadDefault();

  // Each returns the first problem with its field named, and leaves the
  // record normalised (codes upper-cased, phones as 11 digits) when ok.
  Status Check(domain::Craftsman& c) const;
  Status Check(domain::Enterprise& e, const ValidationOptions& options) const;
  Status Check(domain::Need& n) const;
  Status Check(domain::InnovationResult& r) const;

  const reference::RegionTable& regions() const { return regions_; }
  const reference::IndustryTable& industries() const { return industries_; }

 private:
  Status CheckRegion(std::string& code) const;
  Status CheckIndustry(std::string& code) const;

  reference::RegionTable regions_;
  reference::IndustryTable industries_;
};

// True for a real calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view text);

}  // namespace craftlink::interchange

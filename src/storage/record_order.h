#pragma once

// The value a record has in a column that scans may sort by
// (ScanOptions::sort_column), so that a caller that stops part-way through a
// sorted scan can resume after any record it was given.

#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/model.h"

namespace craftlink::storage {

// What the store writes into text column `column` for `record`. Invalid for
// a column the record's table does not have, a number column, and `body`
// and `search_text`, which scans never sort by.
// Defined for Craftsman, Enterprise, Need and InnovationResult.
template <typename Record>
Result<std::string> SortValueOf(const Record& record, std::string_view column);

}  // namespace craftlink::storage

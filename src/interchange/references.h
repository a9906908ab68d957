#pragma once

// The references between records that an import must find in the store
// before it writes: a need names its enterprise, a result its owners
// (craftsmen). The CLI importer and the web import both ask here, so a row
// refused by one is refused by the other with the same words.

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/model.h"
#include "storage/store.h"

namespace craftlink::interchange {

// For each record, the ids it refers to that the store does not hold,
// joined with 、 ("" when all exist). One query for the whole list.
Result<std::vector<std::string>> MissingReferences(storage::Store& store, const std::vector<domain::Need>& needs);
Result<std::vector<std::string>> MissingReferences(storage::Store& store,
                                                   const std::vector<domain::InnovationResult>& results);

// The row error for a record of `kind` whose references `missing` are not
// in the store, with the referring field named.
Status MissingReferenceError(domain::RecordKind kind, const std::string& missing);

}  // namespace craftlink::interchange

#pragma once

// Documents with fixed ids for the OpenAPI test, which calls every documented
// operation with the document's own example: an agreement, event, mentorship
// and studio for the item paths, and a second agreement and mentorship for
// the paths that end them (the test runs paths in order, so /end would
// otherwise come before /renew on the same agreement).

#include <map>
#include <string>

#include "storage/store.h"

namespace craftlink::testing {

void SeedProgrammeExamples(storage::Store& store);

// Path template → the concrete path the examples are written for.
const std::map<std::string, std::string>& ProgrammeExamplePaths();

}  // namespace craftlink::testing

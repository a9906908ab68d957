// reference: validators and lookup tables for imported records — unified
// social credit codes, GB/T 2260 regions, GB/T 4754 industries, mobile numbers.
#pragma once

#include <string>

#include "reference/industry.h"
#include "reference/mobile.h"
#include "reference/region.h"
#include "reference/uscc.h"

namespace craftlink::reference {

// The folder holding reference/regions.tsv and reference/industries.tsv:
// $CRAFTLINK_DATA_DIR when set and non-empty, else the source tree's data/
// (compile-time CRAFTLINK_DEFAULT_DATA_DIR), so tests and dev runs need no setup.
std::string DefaultDataDir();

// DefaultDataDir() + "/reference/regions.tsv" and ".../industries.tsv".
std::string DefaultRegionsPath();
std::string DefaultIndustriesPath();

}  // namespace craftlink::reference

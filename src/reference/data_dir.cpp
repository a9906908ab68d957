#include <cstdlib>

#include "reference/reference.h"

#ifndef CRAFTLINK_DEFAULT_DATA_DIR
#error "CRAFTLINK_DEFAULT_DATA_DIR must be defined by the build (src/reference/CMakeLists.txt)"
#endif

namespace craftlink::reference {

std::string DefaultDataDir() {
  const char* env = std::getenv("CRAFTLINK_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return CRAFTLINK_DEFAULT_DATA_DIR;
}

std::string DefaultRegionsPath() { return DefaultDataDir() + "/reference/regions.tsv"; }
std::string DefaultIndustriesPath() { return DefaultDataDir() + "/reference/industries.tsv"; }

}  // namespace craftlink::reference

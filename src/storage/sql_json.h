#pragma once

// Helpers the SQL store's tracking files share: JSON columns in and out.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/sql.h"

namespace craftlink::storage::sql_json {

// A stored JSON text; a damaged one reads as an empty object rather than
// failing the whole list it is part of.
inline nlohmann::json ParseBody(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json::object() : j;
}

inline std::vector<std::string> ParseList(std::string_view text) {
  std::vector<std::string> out;
  auto j = ParseBody(text);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

inline std::string ListText(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

}  // namespace craftlink::storage::sql_json

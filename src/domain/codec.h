#pragma once

// Conversion between domain records and the interchange JSON of
// shared/docs/data-format.md (the same objects the store keeps as a record's
// body). Decoding checks presence and types and names the field at fault;
// checks against reference tables (region, industry, USCC) live in
// interchange/validation, which runs after decoding.

#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "domain/model.h"

namespace craftlink::domain {

// Longest text accepted in one field, in code points. Longer input is an
// error rather than a silent truncation.
inline constexpr size_t kMaxShortText = 200;   // names, titles, list items
inline constexpr size_t kMaxLongText = 20000;  // bio, description, summary
inline constexpr size_t kMaxListItems = 200;

nlohmann::json ToJson(const Craftsman& c);
nlohmann::json ToJson(const Enterprise& e);
nlohmann::json ToJson(const Need& n);
nlohmann::json ToJson(const InnovationResult& r);
nlohmann::json ToJson(const Organisation& o);

// The record as interchange JSON text — keys in order, no spaces, non-ASCII
// as is, invalid UTF-8 replaced: byte for byte what nlohmann's
// dump(-1, ' ', false, replace) writes for the same object — without
// building a tree. What the store keeps as `body`; ToJson parses it.
std::string ToJsonText(const Craftsman& c);
std::string ToJsonText(const Enterprise& e);
std::string ToJsonText(const Need& n);
std::string ToJsonText(const InnovationResult& r);

// Decoders. Fields the format does not know are kept in meta.extra. A field
// with the wrong type, a missing required field or an unknown vocabulary value
// gives Status::Invalid with that field named.
Result<Craftsman> CraftsmanFromJson(const nlohmann::json& j);
Result<Enterprise> EnterpriseFromJson(const nlohmann::json& j);
Result<Need> NeedFromJson(const nlohmann::json& j);
Result<InnovationResult> InnovationResultFromJson(const nlohmann::json& j);
Result<Organisation> OrganisationFromJson(const nlohmann::json& j);

}  // namespace craftlink::domain

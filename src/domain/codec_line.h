#pragma once

// Decoding one JSON Lines row straight into a record, without the tree that
// nlohmann::json::parse builds (a node per value, a std::map per object;
// building and freeing it was most of an import's decoding time).
//
// The scanner reads the common shape of a row — one object whose members
// are strings, integers, booleans, null or arrays of strings, no key given
// twice, keys without escapes — and gives up on anything else; unknown
// members (kept in extra) may hold any JSON. The fields are then read by the
// same code as CraftsmanFromJson & co. (codec_fields.h).
//
// Each function answers nullopt when it gave up: the caller then parses the
// line with nlohmann::json::parse and decodes the tree, which yields what
// these would have (or the row's "malformed JSON" error). Otherwise the
// result equals that of the tree path, errors included.
//
// Precondition: `line` is valid UTF-8 (the importer checks whole files
// first); string contents are not validated again here.

#include <optional>
#include <string_view>

#include "core/status.h"
#include "domain/model.h"

namespace craftlink::domain {

std::optional<Result<Craftsman>> CraftsmanFromLine(std::string_view line);
std::optional<Result<Enterprise>> EnterpriseFromLine(std::string_view line);
std::optional<Result<Need>> NeedFromLine(std::string_view line);
std::optional<Result<InnovationResult>> InnovationResultFromLine(std::string_view line);

}  // namespace craftlink::domain

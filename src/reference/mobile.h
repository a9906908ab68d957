// Mainland China mobile numbers.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace craftlink::reference {

// Accepts an optional +86 / 0086 / 86 prefix, spaces, hyphens and full-width
// digits; returns the bare 11 digits (1, then 3–9, then nine digits).
Result<std::string> NormalizeMobile(std::string_view input);

// "13812345678" → "138****5678". A valid mobile in any accepted form is
// normalised first; other text keeps its first 3 and last 4 characters when
// it has at least 8, else only its last half, so logs never carry it whole.
std::string MaskPhone(std::string_view phone);

}  // namespace craftlink::reference

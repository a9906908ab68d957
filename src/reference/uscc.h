// Unified social credit code (统一社会信用代码), GB 32100-2015.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace craftlink::reference {

// The 31 characters a code may use (no I, O, S, V, Z); a character's index
// here is its value in the check-character formula.
inline constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Folds full-width to half-width, upper-cases and trims, then requires 18
// characters from kUsccAlphabet. Does NOT verify the check character: a few
// pilot codes issued before the standard fail it, and the importer decides
// (with an explicit override) whether to accept those.
Result<std::string> NormalizeUscc(std::string_view input);

// Ok when the 18th character matches the GB 32100 formula. Expects the output
// of NormalizeUscc; anything else is Invalid, never a crash.
Status CheckUsccCheckDigit(std::string_view normalized);

// Ok when characters 3–8 are six digits (the registering authority's GB/T 2260
// code). The first two characters (authority, organisation kind) are not
// checked: the standard's tables have grown by amendment and a stale list
// would reject real codes. The region is not looked up either, because it is
// fixed at registration and may name a division abolished since.
Status CheckUsccStructure(std::string_view normalized);

// The check character for the first 17 characters of a code, or '\0' when
// `first17` is not 17 characters of kUsccAlphabet.
char ComputeUsccCheckChar(std::string_view first17);

// Characters 3–8 of a normalised code (the region code); empty when too short.
std::string_view UsccRegionCode(std::string_view normalized);

// NormalizeUscc + CheckUsccStructure + CheckUsccCheckDigit.
Result<std::string> ValidateUscc(std::string_view input);

}  // namespace craftlink::reference

#pragma once

#include <string>

namespace craftlink {

// The current UTC time as ISO 8601 with milliseconds: 2026-11-29T07:05:31.123Z.
std::string NowIso8601();

// Today's UTC date as YYYY-MM-DD.
std::string TodayIsoDate();

}  // namespace craftlink

#include "core/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace craftlink {
namespace {

class SystemClockImpl final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

bool AllDigits(std::string_view s) {
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
  }
  return !s.empty();
}

}  // namespace

Clock& SystemClock() {
  static SystemClockImpl clock;
  return clock;
}

std::string FormatIso8601(TimePoint t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms < 0 ? ms + 1000 : ms));
  return buf;
}

std::string NowIso8601() { return FormatIso8601(std::chrono::system_clock::now()); }

std::string TodayIsoDate() { return NowIso8601().substr(0, 10); }

std::optional<TimePoint> ParseIsoDay(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!AllDigits(text.substr(0, 4)) || !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return std::nullopt;
  }
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(std::stoi(std::string(text.substr(0, 4)))),
                                        std::chrono::month(std::stoi(std::string(text.substr(5, 2)))),
                                        std::chrono::day(std::stoi(std::string(text.substr(8, 2))))};
  if (!ymd.ok()) return std::nullopt;
  return TimePoint(std::chrono::sys_days(ymd));
}

std::string IsoDate(TimePoint t) { return FormatIso8601(t).substr(0, 10); }

std::string LocalIsoDate(TimePoint t) { return IsoDate(t + std::chrono::hours(8)); }

int DaysBetween(TimePoint from, TimePoint to) {
  const auto a = std::chrono::floor<std::chrono::days>(from);
  const auto b = std::chrono::floor<std::chrono::days>(to);
  return static_cast<int>((b - a).count());
}

}  // namespace craftlink

#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace craftlink {

using TimePoint = std::chrono::system_clock::time_point;

// Where "now" comes from. Services that schedule reminders and follow-ups
// take a Clock so that tests can walk a need through 180 days in a second.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// The machine's UTC clock.
Clock& SystemClock();

// A clock that moves only when told; thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void Advance(std::chrono::system_clock::duration by) { now_ += by.count(); }

 private:
  std::atomic<TimePoint::rep> now_;
};

// ISO 8601 UTC with milliseconds: 2026-11-29T07:05:31.123Z.
std::string FormatIso8601(TimePoint t);
// The current UTC time as ISO 8601 with milliseconds.
std::string NowIso8601();
// Today's UTC date as YYYY-MM-DD.
std::string TodayIsoDate();

// Parses YYYY-MM-DD (a real calendar date) or an ISO timestamp that starts
// with one; returns midnight UTC of that day.
std::optional<TimePoint> ParseIsoDay(std::string_view text);
// YYYY-MM-DD of `t` in UTC.
std::string IsoDate(TimePoint t);
// YYYY-MM-DD of `t` on the programme's calendar: China Standard Time
// (UTC+8, no daylight saving). Visits, follow-ups and yearly figures are
// dated as the people recording them see the day; UTC would put a visit
// logged at 07:00 in Chengdu on the day before.
std::string LocalIsoDate(TimePoint t);
// Whole days from `from` to `to` (negative when `to` is earlier).
int DaysBetween(TimePoint from, TimePoint to);

}  // namespace craftlink

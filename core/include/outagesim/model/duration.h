// Durations with units ("15m", "6mo", "1.5y") parsed to hours.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace outagesim::model {

inline constexpr double HOURS_PER_YEAR = 365.0 * 24.0;
inline constexpr double MINUTES_PER_YEAR = 525600.0;

// Parses "<non-negative number><unit>" with unit one of s m h d w mo y (mo = 30 days,
// y = 365 days). Returns hours, or nullopt with `error` set to what was expected.
std::optional<double> parse_duration(std::string_view text, std::string* error = nullptr);

// Human form of a duration in hours: "15m", "4h", "3.2d", "1.5y".
std::string format_duration(double hours);

}  // namespace outagesim::model

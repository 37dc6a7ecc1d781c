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

// Parses a rate "<non-negative number>/<unit>" with unit one of h d w mo y ("2/w": two a week).
// Returns events per hour, or nullopt with `error` set to what was expected. A rate without a
// unit is an error, as a duration without one is; "/m" is refused because it reads as both
// "per minute" and "per month".
std::optional<double> parse_rate(std::string_view text, std::string* error = nullptr);

// Human form of a rate in events per hour: "2/w", "0.5/d", "3/y".
std::string format_rate(double per_hour);

}  // namespace outagesim::model

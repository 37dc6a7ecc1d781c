// Parsing and printing of durations with units; everything inside the core is hours.
#include "outagesim/model/duration.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace outagesim::model {

namespace {

struct Unit {
  const char* suffix;
  double hours;
};

// Longest suffix first is not needed: "mo" and "m" are told apart by exact match of the rest.
constexpr std::array<Unit, 7> UNITS{{{"s", 1.0 / 3600.0},
                                     {"m", 1.0 / 60.0},
                                     {"h", 1.0},
                                     {"d", 24.0},
                                     {"w", 24.0 * 7.0},
                                     {"mo", 24.0 * 30.0},
                                     {"y", HOURS_PER_YEAR}}};

constexpr const char* EXPECTED =
    "expected a duration string with a unit (s, m, h, d, w, mo, y) such as \"15m\"";

std::string quoted(std::string_view text) {
  std::string out = "\"";
  out.append(text.substr(0, 60));
  if (text.size() > 60) out += "...";
  out += '"';
  return out;
}

void set_error(std::string* error, const std::string& message) {
  if (error) *error = message;
}

}  // namespace

std::optional<double> parse_duration(std::string_view text, std::string* error) {
  const std::string found = ", found " + quoted(text);
  if (text.empty()) {
    set_error(error, std::string(EXPECTED) + ", found an empty string");
    return std::nullopt;
  }
  if (text.front() == '-') {
    set_error(error, "a duration cannot be negative; " + std::string(EXPECTED) + found);
    return std::nullopt;
  }
  // Only plain decimals "12" or "1.5" (the schema's pattern): no sign, exponent, hex, inf/nan.
  std::size_t digits_end = 0;
  while (digits_end < text.size() && std::isdigit(static_cast<unsigned char>(text[digits_end]))) {
    ++digits_end;
  }
  bool well_formed = digits_end > 0;
  if (well_formed && digits_end < text.size() && text[digits_end] == '.') {
    std::size_t fraction_end = digits_end + 1;
    while (fraction_end < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[fraction_end]))) {
      ++fraction_end;
    }
    well_formed = fraction_end > digits_end + 1;
    digits_end = fraction_end;
  }
  if (!well_formed) {
    set_error(error, std::string(EXPECTED) + found);
    return std::nullopt;
  }
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + digits_end, value);
  if (ec != std::errc() || ptr != text.data() + digits_end || !std::isfinite(value)) {
    set_error(error, std::string(EXPECTED) + found);
    return std::nullopt;
  }
  const std::string_view suffix = text.substr(digits_end);
  if (suffix.empty()) {
    set_error(error, "a duration needs a unit; " + std::string(EXPECTED) + found);
    return std::nullopt;
  }
  for (const Unit& unit : UNITS) {
    if (suffix == unit.suffix) return value * unit.hours;
  }
  set_error(error,
            "unknown duration unit " + quoted(suffix) + "; " + std::string(EXPECTED) + found);
  return std::nullopt;
}

std::string format_duration(double hours) {
  if (!std::isfinite(hours)) return hours > 0 ? "inf" : "nan";
  if (hours <= 0.0) return "0s";
  // The largest unit in which the value is at least 1 reads best ("1.5y", not "547d").
  static constexpr std::array<Unit, 6> DISPLAY{{{"y", HOURS_PER_YEAR},
                                                {"mo", 24.0 * 30.0},
                                                {"d", 24.0},
                                                {"h", 1.0},
                                                {"m", 1.0 / 60.0},
                                                {"s", 1.0 / 3600.0}}};
  const Unit* chosen = &DISPLAY.back();
  for (const Unit& unit : DISPLAY) {
    if (hours >= unit.hours * 0.9995) {
      chosen = &unit;
      break;
    }
  }
  const double value = hours / chosen->hours;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  std::string number = buffer;
  if (number.find('e') != std::string::npos) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    number = buffer;
  }
  return number + chosen->suffix;
}

namespace {

constexpr std::array<Unit, 5> RATE_UNITS{
    {{"h", 1.0}, {"d", 24.0}, {"w", 24.0 * 7.0}, {"mo", 24.0 * 30.0}, {"y", HOURS_PER_YEAR}}};

constexpr const char* RATE_EXPECTED =
    "expected a rate \"<number>/<unit>\" with a unit (h, d, w, mo, y) such as \"2/w\"";

}  // namespace

std::optional<double> parse_rate(std::string_view text, std::string* error) {
  const std::string found = ", found " + quoted(text);
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    set_error(error, "a rate needs a unit; " + std::string(RATE_EXPECTED) + found);
    return std::nullopt;
  }
  const std::string_view count = text.substr(0, slash);
  const std::string_view unit = text.substr(slash + 1);
  if (!count.empty() && count.front() == '-') {
    set_error(error, "a rate cannot be negative; " + std::string(RATE_EXPECTED) + found);
    return std::nullopt;
  }
  // The count is a plain decimal, as in a duration: parse "<count>h" with the duration parser.
  std::string as_duration(count);
  as_duration += "h";
  const std::optional<double> value =
      count.empty() ? std::nullopt : parse_duration(as_duration, nullptr);
  if (!value) {
    set_error(error, std::string(RATE_EXPECTED) + found);
    return std::nullopt;
  }
  if (unit.empty()) {
    set_error(error, "a rate needs a unit; " + std::string(RATE_EXPECTED) + found);
    return std::nullopt;
  }
  if (unit == "m") {
    set_error(error, "\"/m\" is ambiguous (per minute or per month?); " +
                         std::string(RATE_EXPECTED) + ", with /mo for a month" + found);
    return std::nullopt;
  }
  for (const Unit& u : RATE_UNITS) {
    if (unit == u.suffix) return *value / u.hours;
  }
  set_error(error, "unknown rate unit " + quoted(unit) + "; " + std::string(RATE_EXPECTED) + found);
  return std::nullopt;
}

std::string format_rate(double per_hour) {
  if (!std::isfinite(per_hour)) return per_hour > 0 ? "inf/h" : "nan";
  if (per_hour <= 0.0) return "0/y";
  // The smallest unit in which at least one event falls ("2/w", not "0.286/d").
  const Unit* chosen = &RATE_UNITS.back();
  for (const Unit& unit : RATE_UNITS) {
    if (per_hour * unit.hours >= 0.9995) {
      chosen = &unit;
      break;
    }
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3g", per_hour * chosen->hours);
  return std::string(buffer) + "/" + chosen->suffix;
}

}  // namespace outagesim::model

// Durations: every unit, the accepted number forms, and the errors for everything else.
#include <catch2/catch.hpp>
#include <string>

#include "outagesim/model/duration.h"

using outagesim::model::format_duration;
using outagesim::model::HOURS_PER_YEAR;
using outagesim::model::parse_duration;

namespace {

double hours(const char* text) {
  std::string error;
  const auto value = parse_duration(text, &error);
  INFO(text << ": " << error);
  REQUIRE(value.has_value());
  return *value;
}

std::string error_of(const char* text) {
  std::string error;
  const auto value = parse_duration(text, &error);
  INFO(text);
  REQUIRE_FALSE(value.has_value());
  REQUIRE_FALSE(error.empty());
  return error;
}

}  // namespace

TEST_CASE("every duration unit converts to hours", "[duration]") {
  CHECK(hours("30s") == Approx(30.0 / 3600.0));
  CHECK(hours("15m") == Approx(0.25));
  CHECK(hours("4h") == Approx(4.0));
  CHECK(hours("2d") == Approx(48.0));
  CHECK(hours("1w") == Approx(168.0));
  CHECK(hours("6mo") == Approx(6.0 * 30.0 * 24.0));
  CHECK(hours("1y") == Approx(8760.0));
  CHECK(HOURS_PER_YEAR == 8760.0);
}

TEST_CASE("durations accept decimals and zero", "[duration]") {
  CHECK(hours("1.5y") == Approx(1.5 * 8760.0));
  CHECK(hours("0.5h") == Approx(0.5));
  CHECK(hours("0s") == 0.0);
  CHECK(hours("0m") == 0.0);
  CHECK(hours("120m") == Approx(2.0));
}

TEST_CASE("a bare number is an error that asks for a unit", "[duration]") {
  const std::string e = error_of("5");
  CHECK(e.find("needs a unit") != std::string::npos);
  CHECK(e.find("expected a duration string with a unit (s, m, h, d, w, mo, y) such as \"15m\"") !=
        std::string::npos);
  CHECK(e.find("found \"5\"") != std::string::npos);
}

TEST_CASE("negative durations, unknown units and malformed numbers are errors", "[duration]") {
  CHECK(error_of("-5m").find("cannot be negative") != std::string::npos);
  CHECK(error_of("15min").find("unknown duration unit \"min\"") != std::string::npos);
  CHECK(error_of("3 h").find("unknown duration unit \" h\"") != std::string::npos);
  CHECK(error_of("1M").find("unknown duration unit \"M\"") != std::string::npos);
  CHECK(error_of("").find("found an empty string") != std::string::npos);
  CHECK(error_of("h").find("found \"h\"") != std::string::npos);
  // The schema's pattern: digits, optionally "." and digits; nothing else.
  for (const char* text :
       {".5h", "5.h", "1e3h", "1.2.3h", " 5m", "+5m", "inf", "nanh", "0x10h", "5mo "}) {
    error_of(text);
  }
}

TEST_CASE("durations print in the largest fitting unit", "[duration]") {
  CHECK(format_duration(0.25) == "15m");
  CHECK(format_duration(4.0) == "4h");
  CHECK(format_duration(3.2 * 24.0) == "3.2d");
  CHECK(format_duration(1.5 * 8760.0) == "1.5y");
  CHECK(format_duration(6.0 * 720.0) == "6mo");
  CHECK(format_duration(30.0 / 3600.0) == "30s");
  CHECK(format_duration(0.0) == "0s");
  CHECK(format_duration(8760.0 * 5000.0) == "5000y");
}

TEST_CASE("printed durations parse back to about the same value", "[duration]") {
  for (double h : {0.01, 0.25, 1.0, 7.5, 50.0, 1000.0, 8760.0, 30000.0}) {
    const std::string text = format_duration(h);
    INFO(h << " -> " << text);
    const auto back = parse_duration(text);
    REQUIRE(back.has_value());
    CHECK(*back == Approx(h).epsilon(0.01));
  }
}

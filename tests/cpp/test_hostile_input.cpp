// Hostile model input: size, nesting, number overflow, duplicate keys at scale, reads that never
// end, values that validate but overflow later, and names that would reach a terminal raw.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

#include "architecture_builder.h"
#include "outagesim/error.h"
#include "outagesim/exact/mef.h"
#include "outagesim/model/loader.h"
#include "outagesim/printable.h"

using namespace outagesim;
using namespace outagesim::model;

namespace {

// The problems of loading `text`, or a failed test when it loads.
std::vector<Problem> problems_of(const std::string& text) {
  try {
    load_text(text, "<string>");
  } catch (const ModelError& e) {
    return e.problems();
  }
  FAIL("expected a ModelError for: " << text.substr(0, 200));
  return {};
}

std::string listing(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) out += p.to_string() + "\n";
  return out;
}

bool has_problem(const std::vector<Problem>& problems, const std::string& path,
                 const std::string& fragment) {
  for (const Problem& p : problems) {
    if (p.path == path && p.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

// A valid model of `n` components spread over three zones, every one a replica of service "s".
// `component` overrides the failure process text of each component.
std::string generated_model(std::size_t n,
                            const std::string& failure = R"({"mtbf": "1y", "mttr": "1h"})") {
  std::string text = R"({"format": "outagesim/v1", "providers": {"p": {"regions": {"r": {"zones": )"
                     R"({"z0": {}, "z1": {}, "z2": {}}}}}}, "components": {)";
  text += "\n";
  for (std::size_t i = 0; i < n; ++i) {
    text += "\"c" + std::to_string(i) + "\": {\"location\": \"p/r/z" + std::to_string(i % 3) +
            "\", \"failure\": " + failure + "}" + (i + 1 < n ? ",\n" : "\n");
  }
  text += "}, \"services\": {\"s\": {\"replicas\": [";
  for (std::size_t i = 0; i < n; ++i) text += (i ? ", \"c" : "\"c") + std::to_string(i) + "\"";
  text += "]}}}\n";
  return text;
}

// A model with one component whose failure process is `failure` (JSON text).
std::string one_component(const std::string& failure) { return generated_model(1, failure); }

// The one problem of reading `path` as a model file.
Problem single_problem_of_file(const std::string& path) {
  try {
    load_file(path);
  } catch (const ModelError& e) {
    REQUIRE(e.problems().size() == 1);
    return e.problems()[0];
  }
  FAIL("expected a ModelError for " << path);
  return {};
}

}  // namespace

// ---- size: parsing is linear in the document ----

TEST_CASE("a model of 40,000 components loads, and a 15 MB model loads", "[hostile][size]") {
  // Before the SAX reader, the parser callback made this quadratic: 40,000 components took
  // seconds and 15 MB ran past two minutes. The bound is loose (shared machine, sanitizer
  // builds); bench_parse measures the speed.
  const std::string forty_thousand = generated_model(40000);
  const Architecture a = load_text(forty_thousand, "<generated>");
  CHECK(a.components.size() == 40000);
  REQUIRE(a.services.size() == 1);
  CHECK(a.services[0].replicas.size() == 40000);

  // About 15 MB: as many components as fit, at the bytes per component of the first model.
  std::size_t n = 15u * 1000u * 1000u / (forty_thousand.size() / 40000);
  const std::string big = generated_model(n);
  REQUIRE(big.size() >= 14u * 1000u * 1000u);
  REQUIRE(big.size() <= MAX_MODEL_BYTES);
  const auto start = std::chrono::steady_clock::now();
  const Architecture b = load_text(big, "<generated>");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(b.components.size() == n);
  CHECK(seconds < 60.0);
}

TEST_CASE("a model full of unknown names is reported without a quadratic search",
          "[hostile][size]") {
  // 20,000 replicas naming no component: each is a problem; "did you mean" (a pass over every
  // component) is offered for the first few only.
  std::string text = generated_model(20000);
  const std::size_t list = text.rfind("\"replicas\": [");
  REQUIRE(list != std::string::npos);
  for (std::size_t at = text.find("\"c", list); at != std::string::npos;
       at = text.find("\"c", at + 1)) {
    text[at + 1] = 'd';
  }
  const auto problems = problems_of(text);
  // The first MAX_PROBLEMS are listed, then one problem says more follow.
  REQUIRE(problems.size() == MAX_PROBLEMS + 1);
  CHECK(has_problem(problems, "/services/s/replicas/0", "unknown component \"d0\"; did you mean"));
  CHECK(has_problem(problems, "/services/s/replicas/999",
                    "unknown component \"d999\"; expected the name of a component"));
  CHECK(
      has_problem(problems, "", "more problems follow: only the first 1000 of a file are listed"));
}

TEST_CASE("duplicate keys in a large object are all found, at their paths", "[hostile][size]") {
  // Every tenth component is written twice: each repetition is a problem at its path, of which
  // the first MAX_PROBLEMS are listed.
  std::string text = generated_model(20000);
  const std::string repeated = "\"c10\": {\"location\": \"p/r/z1\"},\n";
  std::string components;
  for (int i = 0; i < 2000; ++i) {
    components += "\"c" + std::to_string(i * 10) + "\": {\"location\": \"p/r/z1\"},\n";
  }
  const std::size_t at = text.find("\"c0\": ");
  REQUIRE(at != std::string::npos);
  text.insert(at, components);
  const auto problems = problems_of(text);
  INFO(listing({problems.begin(), problems.begin() + std::min<std::size_t>(5, problems.size())}));
  REQUIRE(problems.size() == MAX_PROBLEMS + 1);
  CHECK(has_problem(problems, "/components/c0", "duplicate key \"c0\""));
  CHECK(has_problem(problems, "/components/c9990", "duplicate key \"c9990\""));
  CHECK(has_problem(problems, "", "more problems follow"));
}

TEST_CASE("a duplicate key inside arrays and nested objects is reported at its JSON pointer",
          "[hostile][duplicate]") {
  const auto problems = problems_of(
      R"({"format": "outagesim/v1", "description": [1, {"a~b": {"x/y": 1, "x/y": 2}}]})");
  INFO(listing(problems));
  CHECK(has_problem(problems, "/description/1/a~0b/x~1y", "duplicate key \"x/y\""));
}

// ---- numbers ----

TEST_CASE("a number beyond a double anywhere is a ModelError with its path and line",
          "[hostile][numbers]") {
  SECTION("as a value of a field") {
    const auto problems = problems_of("{\"format\": \"outagesim/v1\",\n  \"x\": 1e400}");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == "/x");
    CHECK(problems[0].message ==
          "the number 1e400 at line 2, column 8 is too large: expected a number within "
          "+/-1.8e308 (a double)");
  }
  SECTION("negative, in an array") {
    const auto problems = problems_of(R"({"format": "outagesim/v1", "a": [0, 1, -2e999]})");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == "/a/2");
    CHECK(problems[0].message.find("the number -2e999 at line 1, column 40 is too large") == 0);
  }
  SECTION("as the whole document") {
    const auto problems = problems_of("1e400");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path.empty());
  }
  SECTION("as a long run of digits") {
    const auto problems = problems_of(R"({"cost": )" + std::string(400, '9') + "}");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == "/cost");
    CHECK(problems[0].message.find("...") != std::string::npos);  // the number is shortened
  }
  SECTION("a large double that fits is read, and judged by the field's own rule") {
    const auto problems = problems_of(one_component(R"({"availability": 1e308, "mttr": "1h"})"));
    CHECK(has_problem(problems, "/components/c0/failure/availability",
                      "expected an availability strictly between 0 and 1"));
  }
}

// ---- nesting ----

TEST_CASE("nesting deeper than MAX_NESTING_DEPTH is rejected, never a crash", "[hostile][depth]") {
  const auto nested = [](std::size_t depth) {
    return R"({"format": "outagesim/v1", "description": )" + std::string(depth - 1, '[') +
           std::string(depth - 1, ']') + "}";
  };
  SECTION("at the limit: the depth is fine (the description's type is the problem)") {
    const auto problems = problems_of(nested(MAX_NESTING_DEPTH));
    CHECK(has_problem(problems, "/description", "expected a string"));
  }
  SECTION("one level more") {
    const auto problems = problems_of(nested(MAX_NESTING_DEPTH + 1));
    REQUIRE(problems.size() == 1);
    std::string path = "/description";
    // The root object is level 1, the description's arrays levels 2 to 64.
    for (std::size_t i = 0; i + 1 < MAX_NESTING_DEPTH; ++i) path += "/0";
    CHECK(problems[0].path == path);
    CHECK(problems[0].message.find("nested more than 64 levels deep") != std::string::npos);
  }
  SECTION("a million levels, unterminated") {
    const auto problems = problems_of(std::string(1000000, '['));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("nested more than 64 levels deep") != std::string::npos);
  }
}

// ---- reads that never end ----

TEST_CASE("endless devices are read only up to the size limit", "[hostile][read]") {
  for (const char* device : {"/dev/zero", "/dev/urandom"}) {
    INFO(device);
    const Problem p = single_problem_of_file(device);
    CHECK(p.file == device);
    CHECK(p.path.empty());
    CHECK(p.message.find("has more than 16777216 bytes, larger than 16 MiB") != std::string::npos);
  }
}

TEST_CASE("a FIFO that a writer keeps feeding is read only up to the size limit",
          "[hostile][read]") {
  const auto fifo =
      std::filesystem::temp_directory_path() / ("outagesim-fifo-" + std::to_string(::getpid()));
  std::filesystem::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // The reader closes the pipe after the limit; the writer then gets EPIPE, not a signal.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  std::atomic<std::size_t> written{0};
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd < 0) return;
    const std::string chunk =
        "{\"format\": \"outagesim/v1\", \"description\": \"" + std::string(1 << 16, 'x');
    while (true) {
      const ssize_t n = ::write(fd, chunk.data(), chunk.size());
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    ::close(fd);
  });
  const Problem p = single_problem_of_file(fifo.string());
  writer.join();
  std::signal(SIGPIPE, previous);
  std::filesystem::remove(fifo);
  CHECK(p.message.find("larger than 16 MiB") != std::string::npos);
  CHECK(written.load() > MAX_MODEL_BYTES);
}

// ---- values that validate but overflow later ----

TEST_CASE("durations and derived parameters must be usable numbers", "[hostile][values]") {
  const std::string at = "/components/c0/failure";
  SECTION("the limits themselves are accepted") {
    CHECK_NOTHROW(load_text(one_component(R"({"mtbf": "1000000y", "mttr": "0.001s"})"), "<s>"));
    CHECK_NOTHROW(
        load_text(one_component(R"({"ttf": {"distribution": "weibull", "shape": 0.1, "mean": "1y"},
                         "ttr": {"distribution": "lognormal", "sigma": 5, "mean": "1h"}})"),
                  "<s>"));
    CHECK_NOTHROW(
        load_text(one_component(R"({"ttf": {"distribution": "weibull", "shape": 100, "scale": "1y"},
                         "ttr": {"distribution": "exponential", "mean": "1h"}})"),
                  "<s>"));
  }
  SECTION("a duration of 10^305 years") {
    const auto problems = problems_of(
        one_component(R"({"mtbf": "1)" + std::string(305, '0') + R"(y", "mttr": "1h"})"));
    CHECK(has_problem(problems, at + "/mtbf", "expected a duration from 0.001s to 1000000y"));
  }
  SECTION("just past the limits") {
    const auto problems = problems_of(one_component(R"({"mtbf": "1000001y", "mttr": "0.0009s"})"));
    CHECK(has_problem(problems, at + "/mtbf", "expected a duration from 0.001s to 1000000y"));
    CHECK(has_problem(problems, at + "/mttr", "expected a duration from 0.001s to 1000000y"));
  }
  SECTION("a failover delay may be 0s, not a sliver above it") {
    std::string text = generated_model(2);
    text.replace(text.rfind("]}}}"), 4,
                 R"(], "redundancy": {"mode": "active_passive", "failover": )"
                 R"({"detection": "0s", "switchover": "0.0000001s"}}}}})");
    const auto problems = problems_of(text);
    INFO(listing(problems));
    REQUIRE(problems.size() == 1);
    CHECK(has_problem(problems, "/services/s/redundancy/failover/switchover",
                      "expected a duration of 0s or from 0.001s to 1000000y"));
  }
  SECTION("weibull shape 0.001 with a mean (the scale would underflow to 0)") {
    const auto problems = problems_of(one_component(
        R"({"ttf": {"distribution": "weibull", "shape": 0.001, "mean": "1y"}, "ttr": "1h"})"));
    CHECK(has_problem(problems, at + "/ttf/shape", "expected a weibull shape from 0.1 to 100"));
  }
  SECTION("a weibull scale that makes the mean overflow the usable range") {
    const auto problems = problems_of(one_component(
        R"({"ttf": {"distribution": "weibull", "shape": 0.1, "scale": "100000y"},
            "ttr": {"distribution": "exponential", "mean": "1h"}})"));
    CHECK(has_problem(problems, at + "/ttf",
                      "the weibull mean this gives (shape 0.1) is 3.18e+15 h"));
  }
  SECTION("a weibull mean that makes the scale fall below the usable range") {
    const auto problems = problems_of(one_component(
        R"({"ttf": {"distribution": "weibull", "shape": 0.1, "mean": "1s"},
            "ttr": {"distribution": "exponential", "mean": "1h"}})"));
    CHECK(has_problem(problems, at + "/ttf", "the weibull scale this gives (shape 0.1)"));
  }
  SECTION("lognormal: sigma too large, or a mean/median beyond the range") {
    auto problems = problems_of(one_component(
        R"({"ttf": {"distribution": "lognormal", "sigma": 40, "median": "1y"},
            "ttr": {"distribution": "exponential", "mean": "1h"}})"));
    CHECK(has_problem(problems, at + "/ttf/sigma", "at most 5"));
    problems = problems_of(one_component(
        R"({"ttf": {"distribution": "exponential", "mean": "1y"},
            "ttr": {"distribution": "lognormal", "sigma": 5, "mean": "0.01s"}})"));
    CHECK(has_problem(problems, at + "/ttr", "the lognormal median this gives (sigma 5) is"));
  }
  SECTION("an availability so close to 1 that the mtbf is beyond the range") {
    const auto problems =
        problems_of(one_component(R"({"availability": 0.99999999999999, "mttr": "1y"})"));
    CHECK(has_problem(problems, at + "/availability", "gives an mtbf of 8.77e+17 h"));
  }
}

// ---- names ----

TEST_CASE("names must be printable; problems and exports never show a control character raw",
          "[hostile][names]") {
  SECTION("every kind of name is checked") {
    std::string text = generated_model(1);
    text.replace(text.find("\"z1\""), 4, R"("z\u0001")");
    text.replace(text.find("\"s\": {"), 6, R"("s\u009b": {)");
    text.replace(text.find("{\"format\""), 1, R"({"name": "m\u2066", )");
    text.replace(text.rfind("}\n"), 1, R"(, "capabilities": {"c\ta": {"requires": ["s\u009b"]}}})");
    const auto problems = problems_of(text);
    INFO(listing(problems));
    CHECK(has_problem(problems, "/providers/p/regions/r/zones/z\\u0001",
                      "the zone name has a control character (U+0001) at byte 1; expected a name "
                      "of printable characters"));
    CHECK(has_problem(problems, "/services/s\\u009B",
                      "the service name has a control character (U+009B)"));
    CHECK(has_problem(problems, "/name",
                      "the model name has a bidirectional formatting character (U+2066)"));
    CHECK(has_problem(problems, "/capabilities/c\\u0009a", "the capability name has a control"));
  }
  SECTION("letters of any script are printable") {
    std::string text = generated_model(1);
    text.replace(text.find("\"c0\""), 4, "\"zürich-ノード\"");
    text.replace(text.rfind("\"c0\""), 4, "\"zürich-ノード\"");
    CHECK(load_text(text, "<s>").components[0].name == "zürich-ノード");
  }
  SECTION("what a problem quotes from the file is escaped") {
    std::string text = generated_model(1);
    text.replace(text.rfind("]}}}"), 4, R"(], "depends_on": ["\u001b[2Jx"]}}})");
    const auto problems = problems_of(text);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("unknown service \"\\u001B[2Jx\"") != std::string::npos);
    CHECK_FALSE(find_unprintable(problems[0].to_string()));
  }
  SECTION("the MEF export escapes a name built in memory") {
    testing::Builder b;
    const int p = b.provider("p\x1b[31m");
    const int c = b.component("web\x07", p, testing::exponential(1000.0, 1.0));
    b.service("web\x01", {c});
    const std::string mef = exact::to_open_psa_mef(b.plan());
    for (const char raw : {'\x1b', '\x07', '\x01'}) CHECK(mef.find(raw) == std::string::npos);
    CHECK(mef.find("web\\u0007") != std::string::npos);
  }
}

TEST_CASE("escape_unprintable: controls, C1 and bidirectional characters, nothing else",
          "[hostile][names]") {
  CHECK(escape_unprintable("plain ascii-1_2/3") == "plain ascii-1_2/3");
  CHECK(escape_unprintable("a\nb\x7f") == "a\\u000Ab\\u007F");
  CHECK(escape_unprintable("\xc2\x85|\xe2\x80\xae|\xc3\xa9") == "\\u0085|\\u202E|\xc3\xa9");
  // Bytes that are not UTF-8 are escaped one by one, never read past the end.
  CHECK(escape_unprintable("\xe2\x80") == "\\xE2\\x80");
  CHECK(escape_unprintable("\xc2") == "\\xC2");
  CHECK(escape_unprintable("caf\xe9!") == "caf\\xE9!");
}

TEST_CASE("text that is not UTF-8 is a syntax error with its line and column", "[hostile][names]") {
  const auto problems = problems_of("{\"format\": \"outagesim/v1\",\n \"name\": \"caf\xe9\"}");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("not valid JSON: parse error at line 2, column") !=
        std::string::npos);
  CHECK(problems[0].message.find("ill-formed UTF-8 byte") != std::string::npos);
  // The message quotes what was read, escaped: the message itself is always UTF-8.
  CHECK_FALSE(find_unprintable(problems[0].message));
}

// Benchmark of reading model JSON: the loader's parser (duplicate keys, depth, number overflow
// checked while building the document) and the whole load (parse + validation) against a plain
// nlohmann::json::parse of the same text, on generated models of about 469 KB and 15 MB.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "model/json_reader.h"
#include "outagesim/model/loader.h"

using namespace outagesim;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Best of a few runs: the machine is shared, the minimum is the least disturbed.
template <class F>
double best_of(int runs, F&& f) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    best = std::min(best, seconds_since(start));
  }
  return best;
}

// A valid model: `n` components over three zones, all replicas of one active_active service.
std::string generated_model(std::size_t n) {
  std::string text =
      "{\"format\": \"outagesim/v1\", \"name\": \"generated\", \"providers\": {\"p\": "
      "{\"regions\": {\"r\": {\"zones\": {\"z0\": {}, \"z1\": {}, \"z2\": {}}}}}},\n"
      "\"components\": {\n";
  for (std::size_t i = 0; i < n; ++i) {
    text += "  \"c" + std::to_string(i) + "\": {\"location\": \"p/r/z" + std::to_string(i % 3) +
            "\", \"failure\": {\"mtbf\": \"1y\", \"mttr\": \"1h\"}}" + (i + 1 < n ? ",\n" : "\n");
  }
  text += "},\n\"services\": {\"s\": {\"replicas\": [";
  for (std::size_t i = 0; i < n; ++i) text += (i ? ", \"c" : "\"c") + std::to_string(i) + "\"";
  text += "]}}}\n";
  return text;
}

// The smallest model of at least `bytes` bytes.
std::string model_of_size(std::size_t bytes) {
  std::size_t n = bytes / 100;
  std::string text = generated_model(n);
  while (text.size() < bytes) {
    n += std::max<std::size_t>(1, n * (bytes - text.size()) / bytes / 2 + 1);
    text = generated_model(n);
  }
  return text;
}

void measure(const char* label, std::size_t bytes, int runs) {
  const std::string text = model_of_size(bytes);
  const double plain = best_of(runs, [&] { nlohmann::json parsed = nlohmann::json::parse(text); });
  const double reader = best_of(runs, [&] {
    std::vector<Problem> problems;
    if (!model::parse_json_text(text, "<bench>", problems)) std::abort();
  });
  std::size_t components = 0;
  const double load =
      best_of(runs, [&] { components = model::load_text(text, "<bench>").components.size(); });
  std::printf(
      "%-7s %9zu bytes %7zu components  json::parse %7.3f s  loader parse %7.3f s (x%.2f)  "
      "load_text %7.3f s (x%.2f)\n",
      label, text.size(), components, plain, reader, reader / plain, load, load / plain);
}

}  // namespace

int main() {
  std::printf("reading generated models (best of runs; ratios to a plain nlohmann::json::parse)\n");
  measure("469 KB", 469u * 1024u, 5);
  measure("15 MB", 15u * 1000u * 1000u, 3);
  return 0;
}

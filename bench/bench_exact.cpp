// Benchmark of the exact static path (BDD) against SCRAM on the fault tree outagesim exports:
// the same function solved by both in the same run, times, ratios and both unavailabilities.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "exact/static_solution.h"
#include "outagesim/error.h"
#include "outagesim/exact/mef.h"
#include "outagesim/exact/solve.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/duration.h"
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

struct ScramRun {
  bool ok = false;
  double seconds = 0.0;
  std::string probability;  // as SCRAM prints it
  std::string products;     // minimal cut sets SCRAM found
  std::string message;
};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs `scram --bdd --probability 1 [--importance 1]` on `mef` (best of `runs`), reading the
// system's probability and cut-set count from its report.
ScramRun run_scram(const std::filesystem::path& mef, bool importance, int runs) {
  ScramRun run;
  const std::filesystem::path report = mef.string() + ".report.xml";
  const std::string command = "scram --bdd --probability 1" +
                              std::string(importance ? " --importance 1" : "") + " '" +
                              mef.string() + "' -o '" + report.string() + "' >/dev/null 2>&1";
  int status = 0;
  run.seconds = best_of(runs, [&] { status = std::system(command.c_str()); });
  if (status != 0) {
    run.message = "scram failed (exit status " + std::to_string(status) + "; is it installed?)";
    return run;
  }
  const std::string text = read_text(report);
  std::smatch m;
  static const std::regex sop(
      "<sum-of-products[^>]*products=\"([0-9]+)\"[^>]*probability=\"([^\"]+)\"");
  if (!std::regex_search(text, m, sop)) {
    run.message = "no probability in scram's report " + report.string();
    return run;
  }
  run.products = m[1];
  run.probability = m[2];
  run.ok = true;
  return run;
}

// A generated design: `tiers` active_active tiers over `regions` x `zones`, one replica per zone,
// k-of-n each, each tier needing a healthy replica of the next in its region.
std::string generated_model(int tiers, int regions, int zones, int k) {
  std::string regions_json, components, services;
  for (int r = 1; r <= regions; ++r) {
    std::string zones_json;
    for (int z = 1; z <= zones; ++z) {
      zones_json += std::string(z > 1 ? "," : "") + "\"r" + std::to_string(r) + "z" +
                    std::to_string(z) + "\":{\"outage\":{\"mtbf\":\"3y\",\"mttr\":\"4h\"}}";
    }
    regions_json += std::string(r > 1 ? "," : "") + "\"r" + std::to_string(r) +
                    "\":{\"outage\":{\"mtbf\":\"5y\",\"mttr\":\"6h\"},\"zones\":{" + zones_json +
                    "}}";
  }
  for (int t = 0; t < tiers; ++t) {
    std::string replicas;
    for (int r = 1; r <= regions; ++r) {
      for (int z = 1; z <= zones; ++z) {
        const std::string name =
            "t" + std::to_string(t) + "-r" + std::to_string(r) + "z" + std::to_string(z);
        const std::string location =
            "cloud/r" + std::to_string(r) + "/r" + std::to_string(r) + "z" + std::to_string(z);
        components += std::string(components.empty() ? "" : ",") + "\"" + name +
                      "\":{\"location\":\"" + location +
                      "\",\"failure\":{\"mtbf\":\"2000h\",\"mttr\":\"2h\"}}";
        replicas += std::string(replicas.empty() ? "" : ",") + "\"" + name + "\"";
      }
    }
    services += std::string(t > 0 ? "," : "") + "\"t" + std::to_string(t) + "\":{\"replicas\":[" +
                replicas + "],\"redundancy\":{\"mode\":\"active_active\",\"min_healthy\":" +
                std::to_string(k) + "}" +
                (t + 1 < tiers ? ",\"depends_on\":[{\"service\":\"t" + std::to_string(t + 1) +
                                     "\",\"scope\":\"same_region\"}]"
                               : "") +
                "}";
  }
  return "{\"format\":\"outagesim/v1\",\"name\":\"tiers-" + std::to_string(tiers) + "x" +
         std::to_string(regions * zones) + "-k" + std::to_string(k) +
         "\",\"providers\":{\"cloud\":{\"outage\":{\"mtbf\":\"20y\",\"mttr\":\"3h\"},"
         "\"regions\":{" +
         regions_json + "}}},\"components\":{" + components + "},\"services\":{" + services + "}}";
}

void bench(const std::string& label, const model::Architecture& arch, bool assume_exponential,
           const std::filesystem::path& scratch, int runs) {
  const graph::Plan plan = graph::build_plan(arch);
  exact::Options options;
  options.assume_exponential = assume_exponential;
  std::printf("\n%s  (%d elements)\n", label.c_str(), plan.element_count());
  const exact::Applicability app = exact::check(plan, options);
  if (!app.possible) {
    std::printf("  no exact answer: %s\n", app.reason.c_str());
    return;
  }
  api::Result result;
  const double evaluate = best_of(runs, [&] { result = exact::solve(plan, options); });
  exact::Analysis analysis;
  const double analyze = best_of(runs, [&] { analysis = exact::analyze(plan, 20, options); });
  std::printf("  outagesim %-4s evaluate %8.3f s   analyze %8.3f s   U = %.6g   cut sets %zu\n",
              app.solver.c_str(), evaluate, analyze,
              result.system.downtime_minutes_per_year.value / model::MINUTES_PER_YEAR,
              analysis.cut_set_count);
  if (app.solver != "bdd") {
    std::printf("  scram: not a static fault tree (solved by the Markov chain)\n");
    return;
  }
  const exact::StaticSolution sol = exact::solve_static(plan, false, 0);
  std::printf("  system BDD: %d variables, %d nodes\n", sol.variable_count, sol.system_bdd_nodes);
  char u[32];  // the unavailability as SCRAM prints it (%g)
  std::snprintf(u, sizeof u, "%g", sol.system.unavailability);
  const std::filesystem::path mef = scratch / (arch.name + ".xml");
  std::ofstream(mef) << exact::to_open_psa_mef(plan);
  const ScramRun probability = run_scram(mef, false, runs);
  const ScramRun importance = run_scram(mef, true, runs);
  if (!probability.ok || !importance.ok) {
    std::printf("  scram: %s\n", (probability.ok ? importance : probability).message.c_str());
    return;
  }
  std::printf("  scram --bdd    probability %8.3f s   +importance %6.3f s   U = %s   cut sets %s\n",
              probability.seconds, importance.seconds, probability.probability.c_str(),
              probability.products.c_str());
  std::printf(
      "  ratio outagesim/scram: evaluate %.2fx (target <= 2), analyze %.2fx (target <= 2)"
      "   U %s   cut-set count %s\n",
      evaluate / probability.seconds, analyze / importance.seconds,
      probability.probability == u ? "agrees" : "DISAGREES",
      probability.products == std::to_string(analysis.cut_set_count) ? "agrees" : "DISAGREES");
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // one line at a time: some sizes take minutes
  int runs = 3;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      paths.push_back(arg);
    }
  }
  const bool defaults = paths.empty();
  if (defaults) {
    paths.push_back(OUTAGESIM_SOURCE_DIR "/bench/models/tiers-5x9.json");
    paths.push_back(OUTAGESIM_SOURCE_DIR "/bench/models/tiers-5x9-correlated.json");
    std::vector<std::string> examples;
    for (const auto& entry :
         std::filesystem::directory_iterator(OUTAGESIM_SOURCE_DIR "/models/examples"))
      if (entry.path().extension() == ".json") examples.push_back(entry.path().string());
    std::sort(examples.begin(), examples.end());
    paths.insert(paths.end(), examples.begin(), examples.end());
  }
  const std::filesystem::path scratch =
      std::filesystem::temp_directory_path() / ("bench_exact." + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch);
  std::printf(
      "bench_exact: exact static path vs SCRAM on the exported MEF (best of %d runs; "
      "times include each program's start-up)\n",
      runs);
  model::LoadOptions load;
  load.catalog_dir = OUTAGESIM_SOURCE_DIR "/models/catalog";
  for (const std::string& path : paths) {
    try {
      // Examples with timed failover go through the Markov chain, which needs exponentials.
      bench(std::filesystem::path(path).filename().string(), model::load_file(path, load), true,
            scratch, runs);
    } catch (const std::exception& e) {
      std::printf("\n%s: %s\n", path.c_str(), e.what());
    }
  }
  if (defaults) {
    // tiers x (regions x zones) x threshold
    const std::array<std::array<int, 4>, 5> sizes{
        {{3, 3, 3, 4}, {5, 3, 3, 1}, {5, 3, 3, 7}, {7, 3, 3, 4}, {5, 3, 4, 6}}};
    for (const auto& s : sizes) {
      try {
        const std::string text = generated_model(s[0], s[1], s[2], s[3]);
        const model::Architecture arch = model::load_text(text, "generated", load);
        bench(arch.name + " (generated)", arch, false, scratch, runs);
      } catch (const std::exception& e) {
        std::printf("\ngenerated %d tiers: %s\n", s[0], e.what());
      }
    }
  }
  std::filesystem::remove_all(scratch);
  return 0;
}

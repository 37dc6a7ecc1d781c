// Benchmark of the exact Markov-chain path: for each example (timings assumed exponential) and a
// few generated failover models with symmetric replicas, the state bounds, the time check()
// takes to decide, the lumped chain's states and solve time, and the unlumped chain beside it
// (explored up to 500,000 states: what deciding cost before lumping and bounds, per state).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "exact/ctmc.h"
#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/loader.h"

using namespace outagesim;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A load balancer failing over between two regions, each region with `zones` zones of one web
// replica each (the web tier's replicas are interchangeable within a region).
std::string symmetric_model(int zones) {
  auto zone_list = [&](const std::string& region) {
    std::string text;
    for (int z = 0; z < zones; ++z) {
      text += (z ? ", \"" : "\"") + region + "-z" + std::to_string(z) +
              "\": {\"outage\": {\"mtbf\": \"3y\", \"mttr\": \"4h\"}}";
    }
    return text;
  };
  std::string components, web;
  for (const std::string region : {"east", "west"}) {
    components += "\"lb-" + region + "\": {\"location\": \"p/" + region +
                  "\", \"failure\": {\"mtbf\": \"1y\", \"mttr\": \"1h\"}},";
    for (int z = 0; z < zones; ++z) {
      const std::string name = "web-" + region + "-" + std::to_string(z);
      components += "\"" + name + "\": {\"location\": \"p/" + region + "/" + region + "-z" +
                    std::to_string(z) +
                    "\", \"failure\": {\"mtbf\": \"2000h\", \"mttr\": \"2h\"}},";
      web += (web.empty() ? "\"" : ", \"") + name + "\"";
    }
  }
  components.pop_back();  // the last comma
  const std::string failover =
      "\"failover\": {\"detection\": \"3m\", \"switchover\": \"5m\", \"success_probability\": "
      "0.95, \"manual_recovery\": \"1h\"}";
  return "{\"format\": \"outagesim/v1\", \"name\": \"symmetric-" + std::to_string(zones) +
         "\", \"providers\": {\"p\": {\"outage\": {\"mtbf\": \"20y\", \"mttr\": \"3h\"}, "
         "\"regions\": {\"east\": {\"outage\": {\"mtbf\": \"5y\", \"mttr\": \"6h\"}, \"zones\": {" +
         zone_list("east") +
         "}}, \"west\": {\"outage\": {\"mtbf\": \"5y\", \"mttr\": \"6h\"}, \"zones\": {" +
         zone_list("west") + "}}}}}, \"components\": {" + components +
         "}, \"services\": {\"lb\": {\"replicas\": [\"lb-east\", \"lb-west\"], \"redundancy\": "
         "{\"mode\": \"active_passive\", " +
         failover +
         "}, \"depends_on\": [{\"service\": \"web\", \"scope\": \"same_region\"}]}, \"web\": "
         "{\"replicas\": [" +
         web + "], \"redundancy\": {\"mode\": \"active_active\", \"min_healthy\": 1}}}}";
}

// The unlumped chain is explored up to this many states only (a few seconds).
constexpr std::size_t UNLUMPED_LIMIT = 500'000;

void row(const std::string& name, const graph::Plan& plan) {
  exact::Options options;
  options.assume_exponential = true;
  auto start = Clock::now();
  const exact::Applicability app = exact::check(plan, options);
  const double check_seconds = seconds_since(start);
  std::string lower = "-", upper = "-";
  if (app.solver != "bdd" && exact::ctmc_timing_problem(plan, options).empty()) {
    lower = std::to_string(exact::ctmc_state_lower_bound(plan, options.state_limit));
    upper = std::to_string(exact::ctmc_state_bound(plan));
  }
  std::string outcome;
  double solve_seconds = 0.0;
  start = Clock::now();
  if (!app.possible) {
    outcome = "refused";
  } else {
    try {
      const api::Result r = exact::solve(plan, options);
      char text[96];
      std::snprintf(text, sizeof text, "%s down %.6g min/y", r.solver.c_str(),
                    r.system.downtime_minutes_per_year.value);
      outcome = text;
    } catch (const ExactNotApplicable&) {
      outcome = "refused while exploring";
    }
  }
  solve_seconds = seconds_since(start);
  std::string lumped = "-", unlumped = "-";
  double unlumped_seconds = 0.0;
  if (app.solver == "ctmc" || (!app.possible && upper != "-")) {
    for (const bool lump : {true, false}) {
      if (lump && !app.possible) continue;
      start = Clock::now();
      std::string states;
      exact::Options limited = options;
      limited.state_limit = UNLUMPED_LIMIT;
      try {
        const exact::CtmcSolution sol =
            exact::solve_ctmc(plan, lump ? options : limited, false, lump);
        states = std::to_string(sol.states);
      } catch (const ExactNotApplicable&) {
        states = "> " + std::to_string(lump ? options.state_limit : UNLUMPED_LIMIT);
      }
      (lump ? lumped : unlumped) = states;
      if (!lump) unlumped_seconds = seconds_since(start);
    }
  }
  std::printf("%-44s %10s %20s %8.3f %8.3f %10s %12s %8.3f  %s\n", name.c_str(), lower.c_str(),
              upper.c_str(), check_seconds, solve_seconds, lumped.c_str(), unlumped.c_str(),
              unlumped_seconds, outcome.c_str());
}

}  // namespace

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // one line per model as it is measured
  model::LoadOptions load;
  load.catalog_dir = std::string(OUTAGESIM_SOURCE_DIR) + "/models/catalog";
  std::printf("%-44s %10s %20s %8s %8s %10s %12s %8s  %s\n", "model (timings exponential)", "lower",
              "upper", "check s", "solve s", "states", "unlumped", "unlump s", "outcome");
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(OUTAGESIM_SOURCE_DIR) + "/models/examples"))
    files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    if (std::getenv("BENCH_SKIP_EXAMPLES")) break;
    const graph::Plan plan = graph::build_plan(model::load_file(path.string(), load));
    row(path.filename().string(), plan);
  }
  for (int zones : {2, 3}) {
    const graph::Plan plan =
        graph::build_plan(model::load_text(symmetric_model(zones), "<generated>", load));
    row("generated: lb over 2 regions x " + std::to_string(zones) + " zones", plan);
  }
  return 0;
}

// The MEF export read by SCRAM (an independent fault-tree engine) gives outagesim's exact numbers.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "outagesim/error.h"
#include "outagesim/exact/mef.h"
#include "outagesim/exact/solve.h"
#include "outagesim/model/loader.h"
#include "test_exact_models.h"

using namespace outagesim;
using namespace outagesim::exact_test;

namespace {

namespace fs = std::filesystem;

// SCRAM prints 6 significant digits, so agreement can only be checked to a few parts in 1e6.
constexpr double SCRAM_DIGITS = 1e-5;

struct ScramReport {
  double probability = -1.0;
  long products = -1;
  std::map<std::string, std::map<std::string, double>> importance;  // event -> factor -> value
};

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs SCRAM with exact BDD probability and importance on a MEF text and reads its report.
ScramReport run_scram(const std::string& mef, const std::string& tag) {
  const fs::path dir =
      fs::temp_directory_path() / ("outagesim-scram-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path input = dir / (tag + ".xml"), output = dir / (tag + "-report.xml");
  std::ofstream(input) << mef;
  const std::string command = "scram --bdd --probability true --importance true -o '" +
                              output.string() + "' '" + input.string() + "' > '" +
                              (dir / (tag + ".log")).string() + "' 2>&1";
  const int status = std::system(command.c_str());
  INFO("scram log: " << read(dir / (tag + ".log")));
  REQUIRE(status == 0);
  const std::string report = read(output);
  ScramReport r;
  std::smatch m;
  const std::regex top(
      R"re(<sum-of-products name="system_down"[^>]*products="(\d+)"[^>]*probability="([^"]+)")re");
  REQUIRE(std::regex_search(report, m, top));
  r.products = std::stol(m[1]);
  r.probability = std::stod(m[2]);
  const std::regex event(
      R"re(<basic-event name="([^"]+)" occurrence="\d+" probability="[^"]+" MIF="([^"]+)" CIF="([^"]+)" DIF="([^"]+)" RAW="([^"]+)" RRW="([^"]+)")re");
  for (auto it = std::sregex_iterator(report.begin(), report.end(), event);
       it != std::sregex_iterator(); ++it) {
    auto& f = r.importance[(*it)[1]];
    f["MIF"] = std::stod((*it)[2]);
    f["CIF"] = std::stod((*it)[3]);
    f["RAW"] = std::stod((*it)[5]);
    f["RRW"] = std::stod((*it)[6]);
  }
  return r;
}

// The basic-event name the exporter gives an element.
std::string event_name(const exact::Importance& imp) {
  std::string id;
  for (char ch : imp.element)
    id += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-') ? ch : '_';
  return imp.level + "_" + id;
}

bool scram_close(double ours, double theirs) {
  return std::abs(ours - theirs) <=
         SCRAM_DIGITS * std::max(std::abs(ours), std::abs(theirs)) + 1e-300;
}

void check_against_scram(const graph::Plan& plan, const std::string& tag) {
  const std::string mef = exact::to_open_psa_mef(plan);
  CHECK(mef.find("<opsa-mef>") != std::string::npos);
  const exact::Analysis an = exact::analyze(plan, 5);
  const ScramReport scram = run_scram(mef, tag);
  const double u = 1.0 - an.result.system.availability.value;
  INFO(tag << ": outagesim U = " << u << ", SCRAM = " << scram.probability);
  CHECK(
      scram_close(an.result.system.downtime_minutes_per_year.value / 525600.0, scram.probability));
  // SCRAM's minimal cut sets (BDD, all orders up to its limit of 20) are ours.
  CHECK(static_cast<std::size_t>(scram.products) == an.cut_set_count);
  int matched = 0;
  for (const exact::Importance& imp : an.importance) {
    const auto found = scram.importance.find(event_name(imp));
    REQUIRE(found != scram.importance.end());
    const auto& f = found->second;
    INFO(imp.element);
    CHECK(scram_close(imp.birnbaum, f.at("MIF")));
    CHECK(scram_close(imp.criticality, f.at("CIF")));
    CHECK(scram_close(imp.risk_achievement_worth, f.at("RAW")));
    if (std::isfinite(imp.risk_reduction_worth) && imp.risk_reduction_worth < 1e6) {
      CHECK(scram_close(imp.risk_reduction_worth, f.at("RRW")));
    }
    ++matched;
  }
  CHECK(matched == static_cast<int>(scram.importance.size()));
}

}  // namespace

TEST_CASE("mef: SCRAM reads hand-built models and agrees with the exact solver",
          "[exact][mef][scram]") {
  REQUIRE(std::system("scram --version > /dev/null 2>&1") == 0);
  SECTION("zones, a region, 2-of-3 web, scoped dependency, capabilities") {
    Builder b("hand");
    const int p = b.provider("aws", exponential(2 * 8760.0, 3.0));
    const int r = b.region(p, "us-east-1", exponential(5 * 8760.0, 6.0));
    std::vector<int> zones;
    for (int z = 0; z < 3; ++z)
      zones.push_back(b.zone(r, "az" + std::to_string(z + 1), exponential(3 * 8760.0, 4.0)));
    std::vector<int> web, db;
    for (int i = 0; i < 3; ++i)
      web.push_back(b.component("web-" + std::to_string(i + 1), zones[i], exponential(300.0, 0.5)));
    for (int i = 0; i < 2; ++i)
      db.push_back(b.component("db-" + std::to_string(i + 1), zones[i], exponential(2000.0, 2.0)));
    const int dns = b.component("dns", p, exponential(8760.0 * 10, 0.1));
    const int w = b.active_active("web", web, 2);
    const int d = b.active_active("db", db, 1);
    const int n = b.active_passive("dns", {dns});
    b.depends(w, d, model::Scope::same_region);
    b.depends(w, n);
    b.capability("browse", {w}, 0.8);
    b.capability("checkout", {w, d}, 0.2);
    check_against_scram(b.plan(), "hand");
  }
  SECTION("series of three") {
    Builder b("series");
    const int p = b.provider("aws");
    std::vector<int> comps;
    for (int i = 0; i < 3; ++i)
      comps.push_back(
          b.component("c" + std::to_string(i), p, exponential(100.0 * (i + 1), 1.0 + i)));
    b.active_active("s", comps, 3);
    check_against_scram(b.plan(), "series");
  }
  SECTION("instant active_passive pair in two zones") {
    Builder b("ap");
    const int p = b.provider("aws");
    const int r = b.region(p, "r", exponential(8760.0, 5.0));
    const int z1 = b.zone(r, "z1", exponential(3000.0, 3.0));
    const int z2 = b.zone(r, "z2", exponential(3000.0, 3.0));
    const int a = b.component("db-a", z1, exponential(1000.0, 10.0));
    const int c = b.component("db-b", z2, exponential(1000.0, 10.0));
    b.active_passive("db", {a, c});
    check_against_scram(b.plan(), "ap");
  }
}

TEST_CASE("mef: example models that are static go through SCRAM; the others are refused",
          "[exact][mef][scram]") {
  REQUIRE(std::system("scram --version > /dev/null 2>&1") == 0);
  model::LoadOptions options;
  options.catalog_dir = OUTAGESIM_SOURCE_DIR "/models/catalog";
  int static_models = 0, refused = 0;
  for (const auto& entry : fs::directory_iterator(OUTAGESIM_SOURCE_DIR "/models/examples")) {
    if (entry.path().extension() != ".json") continue;
    INFO(entry.path().string());
    const graph::Plan plan = graph::build_plan(model::load_file(entry.path().string(), options));
    if (exact::check(plan).solver == "bdd") {
      check_against_scram(plan, entry.path().stem().string());
      ++static_models;
    } else {
      CHECK_THROWS_AS(exact::to_open_psa_mef(plan), ExactNotApplicable);
      ++refused;
    }
  }
  CHECK(static_models >= 1);
  CHECK(static_models + refused >= 5);
}

// Engine limits of the Monte Carlo engine: the thread cap, refused threads, the time limit and
// Ctrl-C inside long replications, and memory that does not grow with the horizon.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include "outagesim/error.h"
#include "test_sim_support.h"

using namespace simtest;

namespace {

graph::Plan one_component() {
  Builder b;
  const int prov = b.provider("p");
  const int zone = b.zone(b.region(prov, "r"), "z");
  b.service("s", {b.component("c", zone, exponential(1000, 10))});
  return b.plan();
}

bool has_warning(const api::Result& r, const std::string& part) {
  for (const std::string& w : r.warnings)
    if (w.find(part) != std::string::npos) return true;
  return false;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Peak resident memory of this process so far, in MB (Linux reports kilobytes).
double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Starts `allowed` threads, then refuses like a system out of process ids.
struct RefusingFactory {
  int allowed;
  std::shared_ptr<std::atomic<int>> started = std::make_shared<std::atomic<int>>(0);
  std::thread operator()(std::function<void()> body) const {
    if (started->fetch_add(1) >= allowed)
      throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
    return std::thread(std::move(body));
  }
};

}  // namespace

TEST_CASE("threads: more than MAX_THREADS is refused, naming the cap", "[sim][limits]") {
  sim::Options o = options(1, 0.0);
  o.replications = 10;
  o.threads = sim::MAX_THREADS + 1;
  CHECK_THROWS_WITH(sim::simulate(one_component(), o),
                    Catch::Contains("at most " + std::to_string(sim::MAX_THREADS)));
}

TEST_CASE("threads: a refused thread leaves the run on the threads obtained", "[sim][limits]") {
  const graph::Plan plan = one_component();
  sim::Options o = options(7, 0.0, 8);
  o.replications = 300;
  o.thread_factory = RefusingFactory{2};
  const auto start = std::chrono::steady_clock::now();
  const api::Result refused = sim::simulate(plan, o);
  CHECK(seconds_since(start) < 10.0);
  CHECK(refused.threads == 3);
  CHECK(has_warning(refused, "only 3 of the 8 threads"));
  o.thread_factory = {};
  o.threads = 3;
  const api::Result normal = sim::simulate(plan, o);
  CHECK(refused.system.availability.value == normal.system.availability.value);
  CHECK(refused.events == normal.events);

  SECTION("no thread at all: the calling thread does the work") {
    o.threads = 4;
    o.thread_factory = RefusingFactory{0};
    const api::Result alone = sim::simulate(plan, o);
    CHECK(alone.threads == 1);
    CHECK(alone.system.availability.value == normal.system.availability.value);
  }
  SECTION("any other failure stops the threads started and propagates (no deadlock)") {
    o.threads = 6;
    auto started = std::make_shared<std::atomic<int>>(0);
    o.thread_factory = [started](std::function<void()> body) {
      if (started->fetch_add(1) >= 2) throw std::runtime_error("no more");
      return std::thread(std::move(body));
    };
    CHECK_THROWS_WITH(sim::simulate(plan, o), "no more");
  }
}

TEST_CASE("long horizon: the time limit stops inside the replication, memory bounded",
          "[sim][limits]") {
  // 1e8 years of a component failing 8.7 times a year: 1.7e9 events, minutes of work, and (before
  // durations were folded into a histogram) gigabytes of incident durations.
  sim::Options o = options(1, 0.05);
  o.horizon_hours = 1e8 * 8760.0;
  o.max_seconds = 1.0;
  const double rss_before = peak_rss_mb();
  const auto start = std::chrono::steady_clock::now();
  const api::Result r = sim::simulate(one_component(), o);
  CHECK(seconds_since(start) < 10.0);
  CHECK(peak_rss_mb() - rss_before < 200.0);
  CHECK(r.stop_reason == "max-time reached");
  CHECK(r.replications == 1);
  // The cut-short replication counts with the time it simulated, not the horizon asked for.
  CHECK(r.horizon_years > 0.0);
  CHECK(r.horizon_years < 1e8);
  CHECK(r.simulated_years == Approx(r.horizon_years));
  CHECK(has_warning(r, "stopped the first replication"));
  // ...and it is an honest sample: A = 1000/1010.
  CHECK(r.system.availability.value == Approx(1000.0 / 1010.0).epsilon(1e-3));
  // Every incident of the cut-short replication is in the duration summary. How many a second
  // holds depends on the machine (about 1e7 in Release, 1e6 under sanitizers): speed is not
  // asserted here; 10,000 incidents already put A within 1e-4 of its value.
  CHECK(r.system.incident_duration_hours.count == r.system.incidents_observed);
  CHECK(r.system.incident_duration_hours.count > 10'000);
}

TEST_CASE("long horizon with SLA windows: windows bounded, the time limit holds", "[sim][limits]") {
  sim::Options o = options(1, 0.05);
  o.horizon_hours = 1e8 * 8760.0;
  o.window_hours = 720.0;  // 1.2e9 windows in one replication
  o.max_seconds = 1.0;
  const auto start = std::chrono::steady_clock::now();
  const api::Result r = sim::simulate(one_component(), o);
  CHECK(seconds_since(start) < 10.0);
  CHECK(r.window_availability.size() <= sim::MAX_WINDOWS);
  CHECK(!r.window_availability.empty());
  CHECK(has_warning(r, "windows"));
}

TEST_CASE("cancel: a raised flag stops a long replication within a second", "[sim][limits]") {
  std::atomic<bool> cancel{false};
  sim::Options o = options(1, 0.05);
  o.horizon_hours = 1e8 * 8760.0;
  o.max_seconds = 0.0;  // no time limit: only the flag stops it
  o.cancel = &cancel;
  std::thread raiser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel.store(true);
  });
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(sim::simulate(one_component(), o), "interrupted");
  raiser.join();
  CHECK(seconds_since(start) < 1.5);
}

TEST_CASE("more incidents per replication than are listed: all counted", "[sim][limits]") {
  // ~8700 incidents per 1000-year replication: durations are folded into a histogram past 4096.
  sim::Options o = options(3, 0.0);
  o.replications = 8;
  o.horizon_hours = 1000.0 * 8760.0;
  const api::Result r = sim::simulate(one_component(), o);
  // Every completed incident is among the durations: at most one per replication is still open.
  CHECK(r.system.incident_duration_hours.count <= r.system.incidents_observed);
  CHECK(r.system.incident_duration_hours.count >= r.system.incidents_observed - 8);
  CHECK(r.system.incident_duration_hours.count > 8 * 8000);
  // Exponential repairs of mean 10 h: median 10 ln 2.
  CHECK(r.system.incident_duration_hours.p50 == Approx(10.0 * std::log(2.0)).epsilon(0.03));
}

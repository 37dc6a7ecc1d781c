// Changes as a failure source: reading services.<s>.changes, forming rollout waves, and the
// bad changes' alternating renewal process.
#include "changes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "did_you_mean.h"
#include "outagesim/model/duration.h"
#include "outagesim/model/loader.h"

namespace outagesim::model {

namespace {

const std::vector<std::string> CHANGES_FIELDS{"rate",     "bad_probability", "detection",
                                              "rollback", "rollout",         "description"};
const std::vector<std::string> ROLLOUT_FIELDS{"by", "bake", "canary", "order"};
const std::vector<std::string> ROLLOUT_UNITS{"zone", "region"};
const std::vector<std::string> ROLLOUT_NAMES{"all_at_once"};

const std::string ROLLOUT_FORMS =
    "\"all_at_once\" or a staged rollout such as {\"by\": \"zone\", \"bake\": \"1h\"}";
const std::string ROLLOUT_EXPECTED = "expected " + ROLLOUT_FORMS;

std::string quote(const std::string& text) { return "\"" + text + "\""; }

DomainLevel level_of(RolloutUnit unit) {
  return unit == RolloutUnit::zone ? DomainLevel::zone : DomainLevel::region;
}

std::string plural(int n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void read_rate(ValidationContext& ctx, const Json& value, const std::string& path, Changes& changes,
               bool& ok) {
  if (!value.is_string()) {
    ctx.problem(path, "expected a rate string with a unit (h, d, w, mo, y) such as \"2/w\", " +
                          found(value));
    ok = false;
    return;
  }
  std::string error;
  const std::optional<double> rate = parse_rate(value.get<std::string>(), &error);
  if (!rate) {
    ctx.problem(path, error);
    ok = false;
    return;
  }
  // A rate is an inverse duration: its period must be one the engine can compute with.
  if (*rate > 0.0 && 1.0 / *rate < MIN_DURATION_HOURS) {
    ctx.problem(path, "expected a rate of at most one change a millisecond, " + found(value));
    ok = false;
    return;
  }
  changes.rate_per_hour = *rate;
}

void read_probability(ValidationContext& ctx, const Json& value, const std::string& path,
                      Changes& changes, bool& ok) {
  const auto p = ctx.number(value, path, "the probability that a change is bad (0 to 1)");
  if (p && !(*p >= 0.0 && *p <= 1.0)) {
    ctx.problem(path,
                "expected the probability that a change is bad, between 0 and 1, " + found(value));
  }
  if (!p || !(*p >= 0.0 && *p <= 1.0)) {
    ok = false;
    return;
  }
  changes.bad_probability = *p;
}

// "canary": true (one replica), false (none) or a replica count >= 1.
void read_canary(ValidationContext& ctx, const Json& value, const std::string& path,
                 Rollout& rollout, bool& ok) {
  if (value.is_boolean()) {
    rollout.canary = value.get<bool>() ? 1 : 0;
    return;
  }
  const bool count = value.is_number() && std::isfinite(value.get<double>()) &&
                     value.get<double>() >= 1.0 && value.get<double>() <= 1e6 &&
                     std::floor(value.get<double>()) == value.get<double>();
  if (!count) {
    ctx.problem(path, "expected true (one replica), false, or a number of canary replicas >= 1, " +
                          found(value));
    ok = false;
    return;
  }
  rollout.canary = static_cast<int>(value.get<double>());
}

void read_rollout(ValidationContext& ctx, const Json& value, const std::string& path,
                  ChangesDraft& draft, bool& ok) {
  Rollout& rollout = draft.changes.rollout;
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (text == "all_at_once") return;
    ctx.problem(path, "unknown rollout " + quote(text) + ";" + did_you_mean(text, ROLLOUT_NAMES) +
                          " " + ROLLOUT_EXPECTED);
    ok = false;
    return;
  }
  const Json* r = ctx.object(value, path, ROLLOUT_FORMS);
  if (!r) {
    ok = false;
    return;
  }
  rollout.staged = true;
  if (!ctx.known_fields(*r, path, ROLLOUT_FIELDS, "a rollout")) ok = false;
  if (r->contains("by")) {
    const std::string bpath = child(path, "by");
    const auto by = ctx.string(r->at("by"), bpath, "\"zone\" or \"region\"");
    if (by && *by == "zone") {
      rollout.by = RolloutUnit::zone;
    } else if (by && *by == "region") {
      rollout.by = RolloutUnit::region;
    } else {
      if (by) {
        ctx.problem(bpath, "unknown rollout unit " + quote(*by) + ";" +
                               did_you_mean(*by, ROLLOUT_UNITS) +
                               " expected \"zone\" (one zone a wave) or \"region\" (one region "
                               "a wave)");
      }
      ok = false;
    }
  }
  if (const Json* bake = ctx.required(*r, path, "bake",
                                      "the time between the starts of two waves, such as \"1h\"")) {
    const auto hours = ctx.duration(*bake, child(path, "bake"), false);
    if (hours) {
      rollout.bake_hours = *hours;
    } else {
      ok = false;
    }
  } else {
    ok = false;
  }
  if (r->contains("canary")) read_canary(ctx, r->at("canary"), child(path, "canary"), rollout, ok);
  if (r->contains("order")) {
    const std::string opath = child(path, "order");
    if (const Json* order = ctx.array(r->at("order"), opath, "a list of zone or region names")) {
      for (std::size_t i = 0; i < order->size(); ++i) {
        const auto name = ctx.string((*order)[i], child(opath, i), "a zone or region name");
        if (name) {
          draft.order_names.push_back(*name);
        } else {
          ok = false;
        }
      }
    } else {
      ok = false;
    }
    if (!r->contains("by")) {
      ctx.problem(opath,
                  "an order says which zone or region goes first, so it needs \"by\": \"zone\" "
                  "or \"region\"; expected \"by\" beside \"order\"");
      ok = false;
    }
  }
  if (!r->contains("by") && !r->contains("canary")) {
    ctx.problem(path,
                "a staged rollout needs \"by\" (\"zone\" or \"region\": one a wave) or "
                "\"canary\" (a few replicas first); " +
                    ROLLOUT_EXPECTED);
    ok = false;
  }
}

// The zone or region (at `unit`) of each replica of `service`, -1 where it has none.
std::vector<int> replica_units(const Architecture& a, const Service& service, RolloutUnit unit) {
  std::vector<int> units;
  for (int c : service.replicas)
    units.push_back(a.ancestor_at(a.components[c].location, level_of(unit)));
  return units;
}

// Resolves the names of a rollout's "order" to the zones or regions the service uses; reports
// names it does not use (with a "did you mean"), ambiguous short names and repeats.
bool resolve_order(ValidationContext& ctx, const Architecture& a, const Service& service,
                   const ChangesDraft& draft, Rollout& rollout) {
  const RolloutUnit unit = *rollout.by;
  const std::string unit_name = to_string(unit);
  std::vector<int> used;
  for (int u : replica_units(a, service, unit)) {
    if (u >= 0 && std::find(used.begin(), used.end(), u) == used.end()) used.push_back(u);
  }
  std::vector<std::string> used_names;
  for (int u : used) used_names.push_back(a.domains[u].name);
  bool ok = true;
  const std::string opath = draft.path + "/rollout/order";
  for (std::size_t i = 0; i < draft.order_names.size(); ++i) {
    const std::string& name = draft.order_names[i];
    const std::string ipath = child(opath, i);
    std::vector<int> matches;
    for (int u : used) {
      if (a.domains[u].name == name || a.domains[u].path == name) matches.push_back(u);
    }
    if (matches.size() > 1) {
      std::vector<std::string> paths;
      for (int u : matches) paths.push_back(a.domains[u].path);
      ctx.problem(ipath, "the " + unit_name + " name " + quote(name) +
                             " is ambiguous: the service's replicas are in " + join_names(paths) +
                             "; expected the full path of one of them");
      ok = false;
      continue;
    }
    if (matches.empty()) {
      // Name the other level when that is what the name is: "a region, but the rollout is by
      // zone" says more than "unknown".
      std::string other;
      for (const Domain& d : a.domains) {
        if ((d.name == name || d.path == name) && d.level != level_of(unit)) {
          other = " (" + quote(name) + " is a " + to_string(d.level) +
                  ", and the rollout goes by " + unit_name + ")";
          break;
        }
      }
      std::vector<std::string> candidates = used_names;
      for (int u : used) candidates.push_back(a.domains[u].path);
      ctx.problem(ipath, "the rollout order names " + unit_name + " " + quote(name) +
                             ", which no replica of service " + quote(service.name) + " is in" +
                             other + ";" + did_you_mean(name, candidates) +
                             " expected one of the " + unit_name +
                             "s its replicas are in: " + join_names(used_names));
      ok = false;
      continue;
    }
    if (std::find(rollout.order.begin(), rollout.order.end(), matches[0]) != rollout.order.end()) {
      ctx.problem(ipath, "the " + unit_name + " " + quote(name) +
                             " is listed twice in the rollout order; expected each once");
      ok = false;
      continue;
    }
    rollout.order.push_back(matches[0]);
  }
  return ok;
}

}  // namespace

const char* to_string(RolloutUnit unit) {
  switch (unit) {
    case RolloutUnit::zone:
      return "zone";
    case RolloutUnit::region:
      return "region";
  }
  return "?";
}

FailureProcess Changes::bad_change_process() const {
  FailureProcess p;
  if (!(bad_rate_per_hour() > 0.0)) return p;  // never a bad change
  p.never_fails = false;
  p.ttf = Distribution::exponential(1.0 / bad_rate_per_hour());
  if (detection.is_zero()) {
    p.ttr = rollback;
  } else if (detection.kind == DistributionKind::deterministic &&
             rollback.kind == DistributionKind::deterministic) {
    p.ttr = Distribution::deterministic(detection.mean + rollback.mean);
  } else {
    // A sum of two laws: only its mean is carried (see architecture.h).
    p.ttr = Distribution::deterministic(mean_episode_hours());
  }
  return p;
}

std::vector<std::vector<int>> rollout_waves(const Architecture& a, int s, std::string* problem,
                                            std::string* field) {
  auto fail = [&](const std::string& f, const std::string& why) {
    if (problem) *problem = why;
    if (field) *field = f;
    return std::vector<std::vector<int>>{};
  };
  const Service& service = a.services[static_cast<std::size_t>(s)];
  const int n = static_cast<int>(service.replicas.size());
  std::vector<int> sequence(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) sequence[static_cast<std::size_t>(r)] = r;
  if (!service.changes || !service.changes->rollout.staged) return {sequence};
  const Rollout& rollout = service.changes->rollout;

  std::vector<int> unit_of(static_cast<std::size_t>(n), -1);
  std::vector<int> units;  // in rollout order
  if (rollout.by) {
    unit_of = replica_units(a, service, *rollout.by);
    for (int r = 0; r < n; ++r) {
      if (unit_of[static_cast<std::size_t>(r)] >= 0) continue;
      const Component& c = a.components[static_cast<std::size_t>(service.replicas[r])];
      const std::string unit = to_string(*rollout.by);
      return fail("by", "replica " + quote(c.name) + " of service " + quote(service.name) +
                            " is placed at " + quote(a.domains[c.location].path) +
                            ", which is in no " + unit + ", so a rollout by " + unit +
                            " cannot reach it; expected " +
                            (*rollout.by == RolloutUnit::zone ? "\"by\": \"region\", or " : "") +
                            "every replica placed in a " + unit);
    }
    for (int u : rollout.order) {
      if (std::find(unit_of.begin(), unit_of.end(), u) == unit_of.end())
        return fail("order", "the rollout order names " + quote(a.domains[u].path) +
                                 ", which no replica of service " + quote(service.name) + " is in");
      units.push_back(u);
    }
    for (int u : unit_of) {
      if (std::find(units.begin(), units.end(), u) == units.end()) units.push_back(u);
    }
    auto rank = [&](int r) {
      return std::find(units.begin(), units.end(), unit_of[static_cast<std::size_t>(r)]) -
             units.begin();
    };
    std::stable_sort(sequence.begin(), sequence.end(),
                     [&](int x, int y) { return rank(x) < rank(y); });
  }
  if (rollout.canary >= n) {
    return fail("canary", "a canary of " + plural(rollout.canary, "replica") +
                              " is the whole of service " + quote(service.name) + " (" +
                              plural(n, "replica") +
                              "); expected fewer canary replicas than the service has");
  }
  std::vector<std::vector<int>> waves;
  if (rollout.canary > 0) waves.emplace_back(sequence.begin(), sequence.begin() + rollout.canary);
  const std::vector<int> rest(sequence.begin() + rollout.canary, sequence.end());
  if (!rollout.by) {
    waves.push_back(rest);
    return waves;
  }
  for (int u : units) {
    std::vector<int> wave;
    for (int r : rest) {
      if (unit_of[static_cast<std::size_t>(r)] == u) wave.push_back(r);
    }
    if (!wave.empty()) waves.push_back(std::move(wave));
  }
  return waves;
}

std::string describe_rollout(const Architecture& a, int s) {
  const Service& service = a.services[static_cast<std::size_t>(s)];
  if (!service.changes || !service.changes->rollout.staged) return "all at once";
  const Rollout& r = service.changes->rollout;
  std::string text;
  if (r.canary > 0) text = "canary of " + plural(r.canary, "replica") + ", then ";
  text += r.by ? std::string("one ") + to_string(*r.by) + " at a time" : std::string("the rest");
  text += ", " + format_duration(r.bake_hours) + " bake";
  return text;
}

std::optional<ChangesDraft> read_changes(ValidationContext& ctx, const Json& value,
                                         const std::string& path) {
  const Json* c = ctx.object(value, path,
                             "a changes object such as {\"rate\": \"2/w\", \"bad_probability\": "
                             "0.02, \"detection\": \"10m\", \"rollback\": \"15m\"}");
  if (!c) return std::nullopt;
  ChangesDraft draft;
  draft.path = path;
  bool ok = ctx.known_fields(*c, path, CHANGES_FIELDS, "changes");
  if (const Json* v = ctx.required(*c, path, "rate",
                                   "how often the service is changed, such as "
                                   "\"2/w\"")) {
    read_rate(ctx, *v, child(path, "rate"), draft.changes, ok);
  } else {
    ok = false;
  }
  if (const Json* v = ctx.required(*c, path, "bad_probability",
                                   "the probability that a change is bad, such as 0.02")) {
    read_probability(ctx, *v, child(path, "bad_probability"), draft.changes, ok);
  } else {
    ok = false;
  }
  const Json* detection =
      ctx.required(*c, path, "detection",
                   "the time from a bad change's first replica to its detection, such as \"10m\"");
  if (detection) {
    const auto d = ctx.distribution(*detection, child(path, "detection"), false, true);
    if (d) draft.changes.detection = *d;
    ok = ok && d.has_value();
  } else {
    ok = false;
  }
  const Json* rollback = ctx.required(*c, path, "rollback",
                                      "the time a rollback takes once detected, such as \"15m\"");
  if (rollback) {
    const auto d = ctx.distribution(*rollback, child(path, "rollback"), true, true);
    if (d) draft.changes.rollback = *d;
    ok = ok && d.has_value();
  } else {
    ok = false;
  }
  if (c->contains("rollout"))
    read_rollout(ctx, c->at("rollout"), child(path, "rollout"), draft, ok);
  if (c->contains("description"))
    ctx.string(c->at("description"), child(path, "description"), "a string");
  const double bad = draft.changes.bad_rate_per_hour();
  if (ok && bad > 0.0 && 1.0 / bad > MAX_DURATION_HOURS) {
    ctx.problem(path, "a bad change would come once every " + format_duration(1.0 / bad) +
                          " on average, beyond the usable range of 1000000y; expected a larger "
                          "rate or bad_probability (or a bad_probability of 0: no bad changes)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return draft;
}

void resolve_changes(ValidationContext& ctx, Architecture& a,
                     const std::map<int, ChangesDraft>& drafts) {
  for (const auto& [s, draft] : drafts) {
    Service& service = a.services[static_cast<std::size_t>(s)];
    Changes changes = draft.changes;
    if (changes.rollout.by && !resolve_order(ctx, a, service, draft, changes.rollout)) continue;
    service.changes = changes;
    std::string problem, field;
    std::vector<std::vector<int>> waves = rollout_waves(a, s, &problem, &field);
    if (!problem.empty()) {
      ctx.problem(draft.path + "/rollout/" + field, problem);
      service.changes.reset();
      continue;
    }
    Rollout& rollout = service.changes->rollout;
    rollout.waves = std::move(waves);
    // The order as the waves follow it: the stated zones or regions, then the others.
    if (rollout.by) {
      for (int u : replica_units(a, service, *rollout.by)) {
        if (std::find(rollout.order.begin(), rollout.order.end(), u) == rollout.order.end())
          rollout.order.push_back(u);
      }
    }
  }
}

}  // namespace outagesim::model

// Reading and validating the cost fields of a model: replication traffic, fixed cost, business.
#include "cost_fields.h"

#include <cmath>

#include "outagesim/model/duration.h"
#include "structure_check.h"

namespace outagesim::model {

namespace {

const std::vector<std::string> REPLICATION_FIELDS{"gb_per_month", "price_per_gb", "description"};
const std::vector<std::string> BUSINESS_FIELDS{"downtime_cost_per_hour", "sla", "description"};
const std::vector<std::string> SLA_FIELDS{"target", "window", "credits", "monthly_bill",
                                          "description"};

std::string quote(const std::string& text) { return "\"" + text + "\""; }

// A finite number >= 0 (a price, a volume); `what` is the noun phrase in messages.
std::optional<double> non_negative(ValidationContext& ctx, const Json& value,
                                   const std::string& path, const std::string& what) {
  const auto x = ctx.number(value, path, what + " (a number >= 0)");
  if (!x) return std::nullopt;
  if (!(*x >= 0.0) || !std::isfinite(*x)) {
    ctx.problem(path, "expected " + what + " >= 0, " + found(value));
    return std::nullopt;
  }
  if (*x > MAX_AMOUNT) {
    ctx.problem(path, "expected " + what + " of at most 1e15, " + found(value) +
                          " (larger amounts make yearly totals overflow)");
    return std::nullopt;
  }
  return x;
}

// A written percentage (99.95) is the likeliest mistake for an availability; say so.
std::string percent_hint(double x) {
  return (x > 1.0 && x <= 100.0) ? " (a percentage? write it as a fraction, such as 0.9995)" : "";
}

std::optional<SlaCredit> read_credit(ValidationContext& ctx, const Json& row,
                                     const std::string& path) {
  constexpr const char* SHAPE =
      "a credit row [availability threshold, fraction of the bill credited] such as [0.99, 0.25]";
  if (!row.is_array() || row.size() != 2) {
    ctx.problem(path, std::string("expected ") + SHAPE + ", " + found(row));
    return std::nullopt;
  }
  SlaCredit credit;
  bool ok = true;
  const auto threshold =
      ctx.number(row[0], child(path, 0), "an availability threshold between 0 and 1");
  if (threshold && !(*threshold > 0.0 && *threshold <= 1.0)) {
    ctx.problem(child(path, 0), "expected an availability threshold above 0 and at most 1, " +
                                    found(row[0]) + percent_hint(*threshold));
    ok = false;
  }
  const auto fraction =
      ctx.number(row[1], child(path, 1), "a fraction of the bill between 0 and 1");
  if (fraction && !(*fraction >= 0.0 && *fraction <= 1.0)) {
    ctx.problem(child(path, 1),
                "expected a fraction of the bill between 0 and 1 (0.25 for 25%), " + found(row[1]));
    ok = false;
  }
  if (!threshold || !fraction || !ok) return std::nullopt;
  credit.threshold = *threshold;
  credit.fraction = *fraction;
  return credit;
}

// The credit table: each row valid, thresholds falling strictly, fractions never falling (a worse
// window never earns a smaller credit), no threshold above the target.
std::vector<SlaCredit> read_credits(ValidationContext& ctx, const Json& value,
                                    const std::string& path, std::optional<double> target) {
  std::vector<SlaCredit> credits;
  const Json* rows =
      ctx.array(value, path, "a list of credit rows such as [[0.9995, 0.10], [0.99, 0.25]]");
  if (!rows) return credits;
  bool all_read = true;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const std::string rpath = child(path, i);
    const auto credit = read_credit(ctx, (*rows)[i], rpath);
    if (!credit) {
      all_read = false;
      continue;
    }
    if (target && credit->threshold > *target) {
      ctx.problem(child(rpath, 0),
                  "credit threshold " + (*rows)[i][0].dump() + " is above the SLA target " +
                      Json(*target).dump() +
                      ", so a window that meets the SLA would earn a credit; expected "
                      "thresholds at or below the target");
      all_read = false;
    }
    if (all_read && !credits.empty()) {
      const SlaCredit& previous = credits.back();
      if (!(credit->threshold < previous.threshold)) {
        ctx.problem(child(rpath, 0), "credit threshold " + (*rows)[i][0].dump() + " follows " +
                                         Json(previous.threshold).dump() +
                                         "; expected the rows sorted by threshold, highest first, "
                                         "each threshold once");
        all_read = false;
      } else if (credit->fraction < previous.fraction) {
        ctx.problem(child(rpath, 1),
                    "credit fraction " + (*rows)[i][1].dump() + " at threshold " +
                        (*rows)[i][0].dump() + " is smaller than " +
                        Json(previous.fraction).dump() + " at the higher threshold " +
                        Json(previous.threshold).dump() +
                        "; expected a lower availability to earn at least the same credit");
        all_read = false;
      }
    }
    credits.push_back(*credit);
  }
  return credits;
}

std::optional<Sla> read_sla(ValidationContext& ctx, const Json& value, const std::string& path) {
  const Json* s =
      ctx.object(value, path, "an SLA object such as {\"target\": 0.9995, \"window\": \"mo\"}");
  if (!s) return std::nullopt;
  const std::size_t before = ctx.problem_count();
  ctx.known_fields(*s, path, SLA_FIELDS, "an SLA");
  Sla sla;
  std::optional<double> target;
  if (const Json* t = ctx.required(*s, path, "target",
                                   "the availability promised per window, such as 0.9995")) {
    const std::string tpath = path + "/target";
    target = ctx.number(*t, tpath, "an availability strictly between 0 and 1 such as 0.9995");
    if (target && !(*target > 0.0 && *target < 1.0)) {
      ctx.problem(tpath,
                  "expected an availability target strictly between 0 and 1 such as 0.9995, " +
                      found(*t) + percent_hint(*target));
      target.reset();
    }
    if (target) sla.target = *target;
  }
  if (s->contains("window")) {
    const std::string wpath = path + "/window";
    // The issue's own example writes a bare unit ("mo"): one of that unit.
    Json window = s->at("window");
    if (window.is_string()) {
      const std::string text = window.get<std::string>();
      for (const char* unit : {"s", "m", "h", "d", "w", "mo", "y"}) {
        if (text == unit) window = "1" + text;
      }
    }
    if (const auto hours = ctx.duration(window, wpath, true)) {
      if (*hours > HOURS_PER_YEAR) {
        ctx.problem(wpath,
                    "expected a window of at most a year (a simulated replication lasts a year), " +
                        found(s->at("window")));
      } else {
        sla.window_hours = *hours;
      }
    }
  }
  if (s->contains("credits"))
    sla.credits = read_credits(ctx, s->at("credits"), path + "/credits", target);
  if (s->contains("monthly_bill")) {
    sla.monthly_bill = non_negative(ctx, s->at("monthly_bill"), path + "/monthly_bill",
                                    "the customer's monthly bill in USD");
  }
  if (s->contains("description"))
    ctx.string(s->at("description"), path + "/description", "a string");
  if (ctx.problem_count() != before) return std::nullopt;
  return sla;
}

const char* crossing(TransferBoundary boundary) {
  switch (boundary) {
    case TransferBoundary::inter_zone:
      return "between zones of a region";
    case TransferBoundary::inter_region:
      return "between regions";
    case TransferBoundary::internet:
      return "between providers (internet egress)";
    case TransferBoundary::none:
      break;
  }
  return "within one zone";
}

}  // namespace

std::optional<Replication> read_replication(ValidationContext& ctx, const Json& value,
                                            const std::string& path) {
  const Json* r = ctx.object(value, path, "a replication object such as {\"gb_per_month\": 500}");
  if (!r) return std::nullopt;
  const std::size_t before = ctx.problem_count();
  ctx.known_fields(*r, path, REPLICATION_FIELDS, "a replication");
  Replication replication;
  if (const Json* gb = ctx.required(*r, path, "gb_per_month",
                                    "the GB a month sent between the replicas, such as 500")) {
    if (auto x = non_negative(ctx, *gb, path + "/gb_per_month", "a volume in GB a month")) {
      replication.gb_per_month = *x;
    }
  }
  if (r->contains("price_per_gb")) {
    replication.price_per_gb =
        non_negative(ctx, r->at("price_per_gb"), path + "/price_per_gb", "a price in USD per GB");
  }
  if (r->contains("description"))
    ctx.string(r->at("description"), path + "/description", "a string");
  if (ctx.problem_count() != before) return std::nullopt;
  return replication;
}

double read_fixed_cost(ValidationContext& ctx, const Json& value, const std::string& path) {
  return non_negative(ctx, value, path, "a cost in USD a month").value_or(0.0);
}

std::optional<Business> read_business(ValidationContext& ctx, const Json& value,
                                      const std::string& path) {
  const Json* b = ctx.object(
      value, path, "a business object such as {\"downtime_cost_per_hour\": 50000, \"sla\": {...}}");
  if (!b) return std::nullopt;
  ctx.known_fields(*b, path, BUSINESS_FIELDS, "the business section");
  Business business;
  if (b->contains("downtime_cost_per_hour")) {
    business.downtime_cost_per_hour =
        non_negative(ctx, b->at("downtime_cost_per_hour"), path + "/downtime_cost_per_hour",
                     "a cost in USD per hour of downtime");
  }
  if (b->contains("sla")) business.sla = read_sla(ctx, b->at("sla"), path + "/sla");
  if (b->contains("description"))
    ctx.string(b->at("description"), path + "/description", "a string");
  return business;
}

std::vector<Problem> check_replication_prices(const Architecture& architecture,
                                              const std::string& file) {
  std::vector<Problem> problems;
  for (std::size_t s = 0; s < architecture.services.size(); ++s) {
    const Service& service = architecture.services[s];
    if (!service.replication || service.replication->price_per_gb || service.replicas.empty())
      continue;
    if (service.replication->gb_per_month == 0.0) continue;
    const TransferBoundary boundary = architecture.replication_boundary(static_cast<int>(s));
    if (boundary == TransferBoundary::none) continue;
    const int first =
        architecture.components[static_cast<std::size_t>(service.replicas[0])].location;
    const int provider = architecture.ancestor_at(first, DomainLevel::provider);
    if (provider < 0) continue;
    const std::string& name = architecture.domains[static_cast<std::size_t>(provider)].name;
    const auto prices = architecture.transfer.find(name);
    if (prices != architecture.transfer.end() && prices->second.at(boundary)) continue;
    const std::string why =
        prices == architecture.transfer.end()
            ? "provider " + quote(name) + " names no catalog with transfer prices"
            : "the catalog of provider " + quote(name) + " states no " + to_string(boundary) +
                  "_per_gb price";
    problems.push_back({file, "/services/" + pointer_token(service.name) + "/replication",
                        "service " + quote(service.name) + " sends replication traffic " +
                            crossing(boundary) + " (its first replica is under " + quote(name) +
                            ") but " + why +
                            "; expected \"price_per_gb\" in the replication, or a catalog with "
                            "\"transfer\" prices on that provider"});
  }
  return problems;
}

}  // namespace outagesim::model

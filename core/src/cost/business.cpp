// Downtime cost, SLA breach probability and credits from the window sample, and their total.
#include "outagesim/cost/business.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "outagesim/error.h"

namespace outagesim::cost {

namespace {

constexpr double Z95 = 1.959963984540054;
constexpr double NOT_KNOWN = std::numeric_limits<double>::quiet_NaN();

api::Estimate scaled(const api::Estimate& e, double factor) {
  return {e.value * factor, e.lo * factor, e.hi * factor};
}

api::Estimate unknown() { return {NOT_KNOWN, NOT_KNOWN, NOT_KNOWN}; }

std::int64_t count_below(const std::vector<double>& sample, double threshold) {
  return std::count_if(sample.begin(), sample.end(), [&](double a) { return a < threshold; });
}

SlaImpact sla_impact(const model::Sla& sla, const std::vector<double>& windows) {
  SlaImpact out;
  out.target = sla.target;
  out.window_hours = sla.window_hours;
  out.windows_per_year = HOURS_PER_YEAR / sla.window_hours;
  out.windows_observed = static_cast<std::int64_t>(windows.size());
  out.monthly_bill = sla.monthly_bill;
  const std::int64_t n = out.windows_observed;
  for (const model::SlaCredit& row : sla.credits) {
    out.tiers.push_back(
        {row.threshold, row.fraction, wilson_interval(count_below(windows, row.threshold), n)});
  }
  if (n == 0) {
    out.breach_probability = wilson_interval(0, 0);
    out.breached_windows_per_year = unknown();
    out.credit_fraction = unknown();
    out.credited_windows_per_year = unknown();
    out.credits_per_year = unknown();
    return out;
  }
  out.breach_probability = wilson_interval(count_below(windows, sla.target), n);
  out.breached_windows_per_year = scaled(out.breach_probability, out.windows_per_year);

  // The credit of a window is sum_k delta_k [a < t_k] over rows sorted by threshold, highest
  // first, with delta_k the rise of the running largest fraction. Its mean is sum_k delta_k q_k
  // with q_k = P(a < t_k); each q_k has a Wilson interval (which stays honest when no window
  // earned a credit), and adding the ends of these nested, co-moving proportions gives the
  // interval of the mean.
  std::vector<model::SlaCredit> rows = sla.credits;
  std::sort(rows.begin(), rows.end(), [](const model::SlaCredit& a, const model::SlaCredit& b) {
    return a.threshold > b.threshold;
  });
  double mean = 0.0;
  for (double a : windows) mean += credit_fraction(sla.credits, a);
  mean /= static_cast<double>(n);
  double lo = 0.0, hi = 0.0, running = 0.0;
  for (const model::SlaCredit& row : rows) {
    const double delta = std::max(row.fraction, running) - running;
    running += delta;
    if (delta == 0.0) continue;
    const api::Estimate q = wilson_interval(count_below(windows, row.threshold), n);
    lo += delta * q.lo;
    hi += delta * q.hi;
  }
  out.credit_fraction = {mean, std::min(lo, mean), std::max(hi, mean)};
  out.credited_windows_per_year = scaled(out.credit_fraction, out.windows_per_year);
  // Each window's bill is the annual bill pro rata, so windows_per_year bills make one year's.
  // Without a bill, credits in USD are unknown, unless there is nothing to credit.
  out.credits_per_year = sla.monthly_bill
                             ? scaled(out.credit_fraction, *sla.monthly_bill * MONTHS_PER_YEAR)
                         : sla.credits.empty() ? api::Estimate{}
                                               : unknown();
  return out;
}

nlohmann::json number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(); }

void put(nlohmann::json& out, const std::string& key, const api::Estimate& e) {
  out[key] = number(e.value);
  out[key + "_ci95"] = {number(e.lo), number(e.hi)};
}

}  // namespace

double credit_fraction(const std::vector<model::SlaCredit>& credits, double a) {
  double fraction = 0.0;
  for (const model::SlaCredit& row : credits) {
    if (a < row.threshold) fraction = std::max(fraction, row.fraction);
  }
  return fraction;
}

api::Estimate wilson_interval(std::int64_t successes, std::int64_t trials) {
  if (trials <= 0) return {NOT_KNOWN, 0.0, 1.0};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = Z95 * Z95;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = Z95 / denominator * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  // At 0 and n successes the bound is exactly 0 (resp. 1); rounding must not move it.
  const double lo = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  const double hi = successes == trials ? 1.0 : std::min(1.0, centre + half);
  return {p, lo, hi};
}

BusinessImpact business_impact(const model::Architecture& architecture,
                               const api::Estimate& downtime_minutes_per_year,
                               const std::vector<double>& window_availability) {
  for (std::size_t i = 0; i < window_availability.size(); ++i) {
    const double a = window_availability[i];
    if (!(a >= 0.0 && a <= 1.0)) {
      throw Error("window availability " + std::to_string(i) + " is " + std::to_string(a) +
                  "; expected a fraction of the window between 0 and 1");
    }
  }
  BusinessImpact impact;
  impact.infra = price(architecture);
  impact.downtime_minutes_per_year = downtime_minutes_per_year;
  double total = impact.infra.total_per_year, lo = total, hi = total;

  const model::Business* business = architecture.business ? &*architecture.business : nullptr;
  // What the model does not price is unknown, not free: the downtime cost without a
  // downtime_cost_per_hour, and so the total, are NaN (null in JSON, n/a in tables).
  bool total_known = true;
  if (!business || !business->downtime_cost_per_hour) {
    impact.downtime_cost_per_year = unknown();
    total_known = false;
  } else {
    impact.downtime_cost_per_hour = business->downtime_cost_per_hour;
    impact.downtime_cost_per_year =
        scaled(downtime_minutes_per_year, *business->downtime_cost_per_hour / 60.0);
    total += impact.downtime_cost_per_year.value;
    lo += impact.downtime_cost_per_year.lo;
    hi += impact.downtime_cost_per_year.hi;
  }
  if (business && business->sla) {
    impact.sla = sla_impact(*business->sla, window_availability);
    const SlaImpact& sla = *impact.sla;
    if (sla.windows_observed == 0) {
      impact.warnings.push_back(
          "no SLA window was simulated: the SLA breach probability and credits are unknown, and "
          "so is the total");
      if (!sla.tiers.empty()) total_known = false;
    } else if (!sla.monthly_bill && !sla.tiers.empty()) {
      impact.warnings.push_back(
          "the SLA states credits but no \"monthly_bill\": credits are reported as fractions of "
          "the bill, and the total in USD is unknown");
      total_known = false;
    } else if (sla.monthly_bill) {
      total += sla.credits_per_year.value;
      lo += sla.credits_per_year.lo;
      hi += sla.credits_per_year.hi;
    }
  }
  impact.total_per_year = total_known ? api::Estimate{total, lo, hi} : unknown();
  return impact;
}

BusinessImpact business_impact(const model::Architecture& architecture, const api::Result& result,
                               const std::vector<double>& window_availability) {
  return business_impact(architecture, result.system.downtime_minutes_per_year,
                         window_availability);
}

nlohmann::json to_json(const BusinessImpact& impact) {
  nlohmann::json out;
  put(out, "total_per_year", impact.total_per_year);
  out["infra"] = to_json(impact.infra);
  put(out, "downtime_minutes_per_year", impact.downtime_minutes_per_year);
  out["downtime_cost_per_hour"] = impact.downtime_cost_per_hour
                                      ? nlohmann::json(*impact.downtime_cost_per_hour)
                                      : nlohmann::json();
  put(out, "downtime_cost_per_year", impact.downtime_cost_per_year);
  if (impact.sla) {
    const SlaImpact& s = *impact.sla;
    nlohmann::json sla{
        {"target", s.target},
        {"window_hours", s.window_hours},
        {"windows_per_year", s.windows_per_year},
        {"windows_observed", s.windows_observed},
        {"monthly_bill", s.monthly_bill ? nlohmann::json(*s.monthly_bill) : nlohmann::json()}};
    put(sla, "breach_probability", s.breach_probability);
    put(sla, "breached_windows_per_year", s.breached_windows_per_year);
    put(sla, "credit_fraction", s.credit_fraction);
    put(sla, "credited_windows_per_year", s.credited_windows_per_year);
    put(sla, "credits_per_year", s.credits_per_year);
    nlohmann::json tiers = nlohmann::json::array();
    for (const CreditTierImpact& t : s.tiers) {
      nlohmann::json row{{"threshold", t.threshold}, {"fraction", t.fraction}};
      put(row, "probability", t.probability);
      tiers.push_back(row);
    }
    sla["tiers"] = tiers;
    out["sla"] = sla;
  } else {
    out["sla"] = nullptr;
  }
  out["warnings"] = impact.warnings;
  return out;
}

}  // namespace outagesim::cost

// Reading the cost fields of a model: service "replication", "fixed_cost_per_month", "business".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "outagesim/error.h"
#include "outagesim/model/architecture.h"
#include "validation_context.h"

namespace outagesim::model {

// The largest money amount (USD) or volume a cost field may state: far beyond any real bill,
// and small enough that yearly totals over any model the loader accepts stay finite.
inline constexpr double MAX_AMOUNT = 1e15;

// A service's "replication": {"gb_per_month": 500, "price_per_gb": 0.02}.
std::optional<Replication> read_replication(ValidationContext& ctx, const Json& value,
                                            const std::string& path);

// Top-level "fixed_cost_per_month": USD >= 0 (0 when the value is wrong; a problem is reported).
double read_fixed_cost(ValidationContext& ctx, const Json& value, const std::string& path);

// Top-level "business": {"downtime_cost_per_hour": ..., "sla": {...}}.
std::optional<Business> read_business(ValidationContext& ctx, const Json& value,
                                      const std::string& path);

// Replication traffic that crosses a priced boundary needs a price: the model's "price_per_gb"
// or the catalog transfer price of the first replica's provider. One problem per service that
// has neither, at /services/<name>/replication.
std::vector<Problem> check_replication_prices(const Architecture& architecture,
                                              const std::string& file);

}  // namespace outagesim::model

// Stable keys of the random streams of a run: one per element, per active_passive service and
// per injected fault, each a hash of a name, so that the same element (or fault) draws the same
// numbers in any model that contains it (common random numbers across designs).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiled.h"
#include "outagesim/graph/plan.h"

namespace outagesim::sim {

// FNV-1a: a stable 32-bit hash of a name (the same on every platform and standard library).
std::uint32_t fnv1a(const std::string& text);

// Keys for the names in order: a hash of each, rehashed with a suffix, deterministically, when it
// is 0 (substream 0 is the per-replication stream) or collides with an earlier one (a collision
// would correlate two streams).
std::vector<std::uint32_t> distinct_keys(const std::vector<std::string>& names);

// Stream keys of every element (by id) and service (by position), followed by one per extra
// name (e.g. "fault:<name>"), all distinct: the element and service keys are the same whether
// or not extra names are given, unless an extra name collides (then only the extra one moves).
void stream_keys(const graph::Plan& plan, const Compiled& c, std::vector<std::uint32_t>& elements,
                 std::vector<std::uint32_t>& services,
                 const std::vector<std::string>& extra_names = {},
                 std::vector<std::uint32_t>* extra = nullptr);

}  // namespace outagesim::sim

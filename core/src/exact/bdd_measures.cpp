// Probability, Birnbaum importance and incident frequency of a structure BDD.
#include "bdd_measures.h"

#include <utility>

#include "buddy_session.h"

namespace outagesim::exact {

VariableData variable_data(const graph::Plan& plan, const VariableOrder& order) {
  VariableData data;
  for (int e : order.var_element) {
    // Context variables are always restricted away before a probability is taken.
    const model::FailureProcess& process =
        e >= 0 ? plan.element_process[e] : model::FailureProcess{};
    data.availability.push_back(process.availability());
    data.unavailability.push_back(e >= 0 ? process.mttr() / (process.mttf() + process.mttr())
                                         : 0.0);
    data.frequency.push_back(e >= 0 ? process.failure_frequency() : 0.0);
  }
  return data;
}

FlatBdd flatten(const bdd& f) {
  FlatBdd flat;
  flat.var = {-1, -1};
  flat.high = {0, 1};
  flat.low = {0, 1};
  const int root = f.id();
  if (root < 2) {
    flat.root = root;
    return flat;
  }
  // BuDDy node id -> position in post-order (-1 unseen, -2 being expanded). Kept between calls
  // and reset where touched: the node table can hold millions of nodes, a diagram a few.
  // Bounded by the node limit, like the table itself.
  thread_local std::vector<int> index;
  if (index.size() < static_cast<std::size_t>(bdd_getallocnum())) {
    index.assign(static_cast<std::size_t>(bdd_getallocnum()), -1);
  }
  std::vector<int> post;
  std::vector<std::pair<int, bool>> stack{{root, false}};
  while (!stack.empty()) {
    const auto [id, expanded] = stack.back();
    stack.pop_back();
    if (expanded) {
      index[id] = static_cast<int>(post.size());
      post.push_back(id);
      if (post.size() % 65536 == 0) bdd_checkpoint();
      continue;
    }
    if (id < 2 || index[id] != -1) continue;
    index[id] = -2;
    stack.push_back({id, true});
    stack.push_back({bdd_low(id), false});
    stack.push_back({bdd_high(id), false});
  }
  // Reverse post-order lists parents before children.
  const int n = static_cast<int>(post.size());
  auto position = [&](int id) { return id < 2 ? id : 2 + (n - 1 - index[id]); };
  flat.var.resize(n + 2);
  flat.high.resize(n + 2);
  flat.low.resize(n + 2);
  for (int k = 0; k < n; ++k) {
    const int id = post[k];
    const int i = 2 + (n - 1 - k);
    flat.var[i] = bdd_var(id);
    flat.high[i] = position(bdd_high(id));
    flat.low[i] = position(bdd_low(id));
  }
  for (int id : post) index[id] = -1;
  flat.root = 2;
  return flat;
}

double probability(const bdd& f, const VariableData& data) {
  const FlatBdd g = flatten(f);
  std::vector<double> p(g.size());
  p[0] = 0.0;
  p[1] = 1.0;
  for (int i = g.size() - 1; i >= 2; --i) {
    const int v = g.var[i];
    p[i] = data.availability[v] * p[g.high[i]] + data.unavailability[v] * p[g.low[i]];
  }
  return p[g.root];
}

StaticMeasure static_measure(const bdd& up, const VariableData& data) {
  const FlatBdd g = flatten(up);
  const int n = g.size();
  const int variables = static_cast<int>(data.availability.size());
  const std::vector<double>& a = data.availability;
  const std::vector<double>& q = data.unavailability;
  // Bottom-up: P(up) and P(down) below every node, each a sum of non-negative terms (P(down) is
  // not 1 - P(up), so a small unavailability keeps its relative accuracy).
  std::vector<double> pu(n), pd(n);
  pu[0] = 0.0, pu[1] = 1.0, pd[0] = 1.0, pd[1] = 0.0;
  for (int i = n - 1; i >= 2; --i) {
    const int v = g.var[i];
    pu[i] = a[v] * pu[g.high[i]] + q[v] * pu[g.low[i]];
    pd[i] = a[v] * pd[g.high[i]] + q[v] * pd[g.low[i]];
  }
  StaticMeasure m;
  m.availability = pu[g.root];
  m.unavailability = pd[g.root];
  m.birnbaum.assign(variables, 0.0);
  m.unavailability_if_down.assign(variables, 0.0);
  m.unavailability_if_up.assign(variables, 0.0);
  // Top-down: P(reaching each node). P(down | v fixed) sums, over the nodes on v,
  // P(reach) x P(down below the child taken) and, over the edges that jump over v's level,
  // P(reach) x P(edge) x P(down below): the latter go to every level jumped, by a difference
  // array over levels (long double: the running sum subtracts what it added).
  std::vector<int> level(variables);
  for (int v = 0; v < variables; ++v) level[v] = bdd_var2level(v);
  auto level_of = [&](int node) { return node < 2 ? variables : level[g.var[node]]; };
  std::vector<long double> jump(variables + 1, 0.0L);
  auto jump_over = [&](int from_level, int child, double weight) {
    if (from_level + 1 >= level_of(child)) return;
    jump[from_level + 1] += weight;
    jump[level_of(child)] -= weight;
  };
  jump_over(-1, g.root, pd[g.root]);
  std::vector<double> reach(n, 0.0);
  reach[g.root] = 1.0;
  for (int i = 2; i < n; ++i) {
    if (i % 65536 == 0) bdd_checkpoint();
    const int v = g.var[i], h = g.high[i], l = g.low[i];
    const double r = reach[i];
    // Monotone: the low child fails at least as often, so this difference has no cancellation.
    m.birnbaum[v] += r * (pd[l] - pd[h]);
    m.unavailability_if_up[v] += r * pd[h];
    m.unavailability_if_down[v] += r * pd[l];
    reach[h] += r * a[v];
    reach[l] += r * q[v];
    jump_over(level[v], h, r * a[v] * pd[h]);
    jump_over(level[v], l, r * q[v] * pd[l]);
  }
  std::vector<double> jumped(variables);
  long double running = 0.0L;
  for (int k = 0; k < variables; ++k) {
    running += jump[k];
    jumped[k] = static_cast<double>(running);
  }
  for (int v = 0; v < variables; ++v) {
    m.unavailability_if_up[v] += jumped[level[v]];
    m.unavailability_if_down[v] += jumped[level[v]];
  }
  double frequency = 0.0;
  for (int v = 0; v < variables; ++v) frequency += m.birnbaum[v] * data.frequency[v];
  m.frequency_per_hour = frequency;
  return m;
}

double critical_frequency(const bdd& f, const VariableData& data) {
  return static_measure(f, data).frequency_per_hour;
}

}  // namespace outagesim::exact

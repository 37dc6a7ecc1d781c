// Minimal cut sets: Rauzy's minsol into a zero-suppressed diagram, counting, best-first top-N,
// Fussell-Vesely.
#include "cut_sets.h"

#include <algorithm>
#include <limits>
#include <queue>
#include <string>

#include "buddy_session.h"
#include "outagesim/error.h"
#include "work_budget.h"

namespace outagesim::exact {

namespace {

constexpr int EMPTY = 0;                                   // no set
constexpr int BASE = 1;                                    // the empty set alone
constexpr int TERMINAL = std::numeric_limits<int>::max();  // level of both terminals: last

std::uint64_t pair_key(int a, int b) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
         static_cast<std::uint32_t>(b);
}

}  // namespace

CutSetFamily::CutSetFamily(const bdd& up) {
  limit_ = current_bdd_node_limit();
  nodes_ = {{TERMINAL, EMPTY, EMPTY}, {TERMINAL, BASE, BASE}};
  const int variables = bdd_varnum();
  level_var_.resize(variables);
  for (int v = 0; v < variables; ++v) level_var_[bdd_var2level(v)] = v;
  root_ = minsol(up.id());
  minsol_memo_ = {};
  keep_reachable();
}

// Drops the nodes that only intermediate results of `without` used (often most of them), so
// the walks below cost the size of the family's own diagram. Ascending ids stay bottom-up.
void CutSetFamily::keep_reachable() {
  std::vector<int> renamed(nodes_.size(), -1);
  renamed[EMPTY] = EMPTY;
  renamed[BASE] = BASE;
  std::vector<int> stack{root_};
  while (!stack.empty()) {
    const int z = stack.back();
    stack.pop_back();
    if (renamed[z] != -1) continue;
    renamed[z] = 0;  // reached; numbered below
    stack.push_back(nodes_[z].high);
    stack.push_back(nodes_[z].low);
  }
  std::vector<Node> kept{nodes_[EMPTY], nodes_[BASE]};
  for (std::size_t z = 2; z < nodes_.size(); ++z) {
    if (renamed[z] == -1) continue;
    renamed[z] = static_cast<int>(kept.size());
    kept.push_back({nodes_[z].level, renamed[nodes_[z].high], renamed[nodes_[z].low]});
  }
  root_ = renamed[root_];
  nodes_ = std::move(kept);
  unique_ = {};
  without_memo_ = {};
}

void CutSetFamily::check_budget() {
  if (nodes_.size() + without_memo_.size() > limit_) {
    throw ExactNotApplicable("the minimal cut sets' diagram needs more than " +
                             std::to_string(limit_) +
                             " nodes (the BDD node limit); use the Monte Carlo method");
  }
  if (nodes_.size() % 4096 == 0) work_checkpoint();
}

int CutSetFamily::make(int level, int high, int low) {
  if (high == EMPTY) return low;  // zero suppression: no set holds this variable
  const auto [it, inserted] =
      unique_.try_emplace(NodeKey{level, high, low}, static_cast<int>(nodes_.size()));
  if (inserted) {
    nodes_.push_back({level, high, low});
    check_budget();
  }
  return it->second;
}

// Sets of f that contain no set of g (both antichains over the same level order).
int CutSetFamily::without(int f, int g) {
  if (f == EMPTY || g == BASE) return EMPTY;  // g holds the empty set: every set goes
  if (g == EMPTY || f == BASE) return f;      // {} contains no non-empty set
  if (f == g) return EMPTY;
  const std::uint64_t key = pair_key(f, g);
  const auto found = without_memo_.find(key);
  if (found != without_memo_.end()) return found->second;
  const Node nf = nodes_[f], ng = nodes_[g];
  int result;
  if (nf.level < ng.level) {
    const int high = without(nf.high, g);
    result = make(nf.level, high, without(nf.low, g));
  } else if (nf.level > ng.level) {
    result = without(f, ng.low);  // sets of g with g's variable cannot lie inside sets of f
  } else {
    const int high = without(without(nf.high, ng.high), ng.low);
    result = make(nf.level, high, without(nf.low, ng.low));
  }
  without_memo_.emplace(key, result);
  check_budget();
  return result;
}

// Rauzy 1993 on the failure function !up, read off up's own nodes (failing a variable is its
// low edge): minsol = v.without(minsol(up|v down), K) + K with K = minsol(up|v up).
int CutSetFamily::minsol(int up_id) {
  if (up_id == 1) return EMPTY;  // up: no cut set
  if (up_id == 0) return BASE;   // down whatever else fails
  const auto found = minsol_memo_.find(up_id);
  if (found != minsol_memo_.end()) return found->second;
  const int level = bdd_var2level(bdd_var(up_id));
  const int k = minsol(bdd_high(up_id));
  const int with_v = without(minsol(bdd_low(up_id)), k);
  const int result = make(level, with_v, k);
  minsol_memo_.emplace(up_id, result);
  return result;
}

double CutSetFamily::count() const {
  std::vector<double> count(nodes_.size());
  count[EMPTY] = 0.0;
  count[BASE] = 1.0;
  for (std::size_t i = 2; i < nodes_.size(); ++i)
    count[i] = count[nodes_[i].high] + count[nodes_[i].low];
  return count[root_];
}

std::vector<std::vector<int>> CutSetFamily::smallest(std::size_t top_n,
                                                     const std::vector<double>& q) const {
  std::vector<std::vector<int>> best;
  if (top_n == 0 || root_ == EMPTY) return best;
  // Per node: the best completion below it (smallest size, then largest probability) and which
  // child leads to it.
  struct Bound {
    int size;
    double prob;
    bool high;
  };
  std::vector<Bound> bound(nodes_.size());
  bound[EMPTY] = {std::numeric_limits<int>::max() / 2, 0.0, false};
  bound[BASE] = {0, 1.0, false};
  for (std::size_t i = 2; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    const Bound high{bound[n.high].size + 1, bound[n.high].prob * q[level_var_[n.level]], true};
    const Bound low = bound[n.low];
    const bool take_high = high.size != low.size ? high.size < low.size : high.prob >= low.prob;
    bound[i] = take_high ? high : Bound{low.size, low.prob, false};
  }
  // Best-first over "deviations" (as in k-shortest paths): a state is a prefix of choices and
  // the node reached; popping it yields its best completion at once, followed greedily, and
  // pushes each branch that completion passed by. Every cut set is the best completion of
  // exactly one state, so N sets cost N pops and N x depth pushes, however many sets exist
  // and however many tie.
  struct Taken {
    int var, previous;
  };
  std::vector<Taken> taken;  // prefixes, shared: each entry points at the one before it
  struct State {
    int size;
    double prob;
    int node, path, taken_size;
    double taken_prob;
  };
  auto worse = [](const State& x, const State& y) {
    return x.size != y.size ? x.size > y.size : x.prob < y.prob;
  };
  std::priority_queue<State, std::vector<State>, decltype(worse)> queue(worse);
  auto push = [&](int node, int path, int taken_size, double taken_prob) {
    if (node == EMPTY) return;
    queue.push({taken_size + bound[node].size, taken_prob * bound[node].prob, node, path,
                taken_size, taken_prob});
  };
  push(root_, -1, 0, 1.0);
  while (!queue.empty() && best.size() < top_n) {
    State s = queue.top();
    queue.pop();
    work_checkpoint();
    while (s.node != BASE) {
      const Node& n = nodes_[s.node];
      const int v = level_var_[n.level];
      taken.push_back({v, s.path});
      const int with_v = static_cast<int>(taken.size()) - 1;
      if (bound[s.node].high) {
        push(n.low, s.path, s.taken_size, s.taken_prob);
        s = {0, 0.0, n.high, with_v, s.taken_size + 1, s.taken_prob * q[v]};
      } else {
        push(n.high, with_v, s.taken_size + 1, s.taken_prob * q[v]);
        s.node = n.low;
      }
    }
    std::vector<int> set;
    for (int p = s.path; p >= 0; p = taken[p].previous) set.push_back(taken[p].var);
    std::reverse(set.begin(), set.end());
    best.push_back(std::move(set));
  }
  return best;
}

std::vector<double> CutSetFamily::probability_of_cut_sets_with_each(
    const VariableData& data) const {
  const int variables = static_cast<int>(level_var_.size());
  std::vector<double> result(variables, 0.0);
  // closure[z]: "some set of z's family has all its variables down", built once per node.
  std::vector<bdd> closure(nodes_.size());
  closure[EMPTY] = bddfalse;
  closure[BASE] = bddtrue;
  for (std::size_t i = 2; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    closure[i] =
        bdd_ite(bdd_ithvar(level_var_[n.level]), closure[n.low], closure[n.high] | closure[n.low]);
    if (i % 64 == 0) bdd_checkpoint();
  }
  bdd_checkpoint();
  // Per variable: the closure of {C \ {v} : v in C}; below v's level it reuses the closures.
  std::vector<int> seen(nodes_.size(), -1);
  std::vector<bdd> with(nodes_.size());
  for (int level = 0; level < variables; ++level) {
    const int v = level_var_[level];
    // Nodes above `level`, children first (ids ascend bottom-up).
    std::vector<int> above;
    std::vector<int> stack{root_};
    while (!stack.empty()) {
      const int z = stack.back();
      stack.pop_back();
      if (z < 2 || nodes_[z].level >= level || seen[z] == level) continue;
      seen[z] = level;
      above.push_back(z);
      stack.push_back(nodes_[z].high);
      stack.push_back(nodes_[z].low);
    }
    std::sort(above.begin(), above.end());
    auto part = [&](int z) -> bdd {
      if (z < 2 || nodes_[z].level > level) return bddfalse;
      if (nodes_[z].level == level) return closure[nodes_[z].high];
      return with[z];
    };
    for (int z : above) {
      const Node& n = nodes_[z];
      const bdd low = part(n.low);
      with[z] = bdd_ite(bdd_ithvar(level_var_[n.level]), low, part(n.high) | low);
    }
    const bdd rest = part(root_);
    bdd_checkpoint();
    // v is not in `rest`: the union over cut sets with v is (v down) and (the rest of one down).
    result[v] = data.unavailability[v] * probability(rest, data);
    for (int z : above) with[z] = bddfalse;
  }
  return result;
}

bdd CutSetFamily::as_bdd() const {
  std::vector<bdd> f(nodes_.size());
  f[EMPTY] = bddfalse;
  f[BASE] = bddtrue;
  for (std::size_t i = 2; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    // A set without this variable must have it false in the set-family reading.
    f[i] = bdd_ite(bdd_ithvar(level_var_[n.level]), f[n.high], f[n.low]);
  }
  return f[root_];
}

}  // namespace outagesim::exact

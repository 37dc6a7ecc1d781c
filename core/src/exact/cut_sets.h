// Minimal cut sets of a structure BDD (Rauzy's minsol into a zero-suppressed diagram).
#pragma once

#include <bdd.h>

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "bdd_measures.h"

namespace outagesim::exact {

// The family of minimal cut sets of a monotone structure function, held as a zero-suppressed
// decision diagram (ZBDD) of its own: a node is "sets with its variable (high), sets without
// (low)", and a node whose high child is the empty family is never made. Computed with Rauzy's
// minsol and its `without` operation on the BDD itself, memoised, so no path of the BDD or cut
// set is ever listed: the diagram stays about the size of the BDD while the family can hold
// millions of sets. BuDDy has no ZBDDs; this is the part of one that minimal cut sets need.
//
// Its nodes (and the memo of `without`) count against the current BDD node limit
// (work_budget.h): past it, ExactNotApplicable.
class CutSetFamily {
 public:
  // `up` is the structure function (true = up) over element up-variables, in the current
  // BuDDy session; variables are taken in BuDDy's current level order.
  explicit CutSetFamily(const bdd& up);

  double count() const;  // number of minimal cut sets (a double: it can be astronomical)
  int node_count() const { return static_cast<int>(nodes_.size()); }

  // The `top_n` smallest cut sets, most probable first among equal sizes; q[v] is the
  // unavailability of variable v. Each cut set lists variables in level order. Best-first over
  // deviations from each node's best completion: N sets cost N pops and N x depth pushes,
  // whatever the number of cut sets and however many tie.
  std::vector<std::vector<int>> smallest(std::size_t top_n, const std::vector<double>& q) const;

  // Per variable v: P(some minimal cut set that contains v has all its elements down), the
  // numerator of Fussell-Vesely. Exact: the union over those cut sets, through
  // BDDs of their closures, the closures of the diagram's nodes built once for all variables.
  std::vector<double> probability_of_cut_sets_with_each(const VariableData& data) const;

  // The cut sets as a BDD read as a set family (a path to true lists the variables taken on
  // their high edge), for checks against other methods.
  bdd as_bdd() const;

 private:
  // Node 0: the empty family; node 1: the family holding the empty set. Children always have
  // smaller ids than their parents, so an ascending loop is a bottom-up walk.
  struct Node {
    int level, high, low;
  };
  struct NodeKey {
    int level, high, low;
    bool operator==(const NodeKey&) const = default;
  };
  struct NodeKeyHash {
    std::size_t operator()(const NodeKey& k) const {
      std::uint64_t h = static_cast<std::uint32_t>(k.high);
      h = h * 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint32_t>(k.low);
      h = h * 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint32_t>(k.level);
      return static_cast<std::size_t>(h ^ (h >> 29));
    }
  };
  int make(int level, int high, int low);
  int without(int f, int g);
  int minsol(int up_id);
  void check_budget();
  void keep_reachable();

  std::vector<Node> nodes_;
  std::vector<int> level_var_;  // BuDDy level -> variable
  std::unordered_map<NodeKey, int, NodeKeyHash> unique_;
  std::unordered_map<std::uint64_t, int> without_memo_;
  std::unordered_map<int, int> minsol_memo_;
  std::size_t limit_ = 0;
  int root_ = 0;
};

}  // namespace outagesim::exact

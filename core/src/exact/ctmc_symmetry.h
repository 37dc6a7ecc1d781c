// Interchangeable replicas of the Markov chain, lumped into counts (exact, strong lumpability).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "outagesim/graph/plan.h"

namespace outagesim::exact {

// A set of replica blocks that can be permuted among themselves without changing the model:
// each block is a replica's component and the failure domains that hold nothing else (a zone of
// its own), with the same failure and repair rates position by position.
struct ReplicaClass {
  std::vector<std::vector<int>> blocks;  // per block: its chain bits, position by position
};

// The permutations of interchangeable replicas that map the chain onto itself. A permutation of
// that group preserves every transition rate and every measure, so the partition of states into
// orbits is strongly lumpable: exploring one representative per orbit (blocks sorted by their
// bit pattern) and summing its rates into orbits gives the exact lumped chain.
class ChainSymmetry {
 public:
  ChainSymmetry() = default;
  explicit ChainSymmetry(std::vector<ReplicaClass> classes);

  bool empty() const { return classes_.empty(); }
  const std::vector<ReplicaClass>& classes() const { return classes_; }
  // Replicas lumped (blocks in classes of two or more).
  std::size_t lumped_replicas() const;

  // Rewrites `state` (chain bits first, one bit per element, 1 = down) into the representative
  // of its orbit: within each class, blocks in ascending order of their bit pattern.
  void canonicalize(std::string& state) const;

  // log2 of the number of orbits of the element bits: each class of n blocks of b bits has
  // C(n + 2^b - 1, n) multisets instead of 2^(n b) patterns; other bits count 2 each.
  double log2_orbits(std::size_t chain_bits) const;

 private:
  std::vector<ReplicaClass> classes_;
};

// The interchangeable replicas of active_active services. `element_bit` gives each element's
// chain bit (-1 when it has none), `fail_rate` and `repair_rate` each bit's rates. A replica
// qualifies when its component is the replica of no other service, and two replicas of one
// service are interchangeable when their blocks match position by position (kind, rates), the
// rest of their support is the same set of elements, their dependencies see the same candidate
// replicas, and every dependent replica's scope holds both or neither of them.
ChainSymmetry find_chain_symmetry(const graph::Plan& plan, const std::vector<int>& element_bit,
                                  const std::vector<double>& fail_rate,
                                  const std::vector<double>& repair_rate);

}  // namespace outagesim::exact

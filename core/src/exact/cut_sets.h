// Minimal cut sets of a structure BDD (Rauzy's minsol) and what follows from them.
#pragma once

#include <bdd.h>

#include <cstddef>
#include <vector>

#include "bdd_measures.h"

namespace outagesim::exact {

// The family of minimal cut sets of a monotone structure function, encoded as a BDD read as
// a set family: a path to true lists the variables taken on their high edge. Computed with
// Rauzy's minsol over the failure function (2nd-order recursion with "without").
class CutSetFamily {
 public:
  // `up` is the structure function (true = up) over element up-variables.
  explicit CutSetFamily(const bdd& up);

  const bdd& family() const { return family_; }
  double count() const;  // number of minimal cut sets (a double: it can be astronomical)

  // The `top_n` smallest cut sets, most probable first among equal sizes; q[v] is the
  // unavailability of variable v. Each cut set lists variables in increasing order.
  std::vector<std::vector<int>> smallest(std::size_t top_n, const std::vector<double>& q) const;

  // P(some minimal cut set that contains v has all its elements down): the numerator of
  // Fussell-Vesely. Exact (the union over those cut sets, through a BDD of their closure).
  double probability_of_cut_sets_with(int v, const VariableData& data) const;

 private:
  bdd family_;
};

}  // namespace outagesim::exact

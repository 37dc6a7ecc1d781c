// Minimal cut sets through Rauzy's minsol on the failure function, top-N enumeration, FV.
#include "cut_sets.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <unordered_map>
#include <utility>

#include "bdd_measures.h"

namespace outagesim::exact {

namespace {

struct PairHash {
  std::size_t operator()(const std::pair<int, int>& p) const {
    return std::hash<long long>()((static_cast<long long>(p.first) << 32) ^ p.second);
  }
};

// A set-family node: sets with v (high) and sets without v (low). Built with ite, which gives
// exactly that node as long as high != low, which holds for every antichain built here.
bdd make_node(int v, const bdd& high, const bdd& low) { return bdd_ite(bdd_ithvar(v), high, low); }

// Sets of f that contain no set of g (both families over the same variable order).
class Without {
 public:
  bdd operator()(const bdd& f, const bdd& g) {
    if (f == bddfalse || g == bddtrue) return bddfalse;  // g holds the empty set: all removed
    if (g == bddfalse) return f;
    if (f == bddtrue) return bddtrue;  // {} contains no non-empty set
    const auto key = std::make_pair(f.id(), g.id());
    const auto found = memo_.find(key);
    if (found != memo_.end()) return found->second;
    const int vf = bdd_var(f), vg = bdd_var(g);
    bdd result;
    if (vf < vg) {
      result = make_node(vf, (*this)(bdd_high(f), g), (*this)(bdd_low(f), g));
    } else if (vf > vg) {
      result = (*this)(f, bdd_low(g));  // sets of g with vg cannot be inside sets of f
    } else {
      const bdd high = (*this)((*this)(bdd_high(f), bdd_high(g)), bdd_low(g));
      result = make_node(vf, high, (*this)(bdd_low(f), bdd_low(g)));
    }
    memo_.emplace(key, result);
    return result;
  }

 private:
  std::unordered_map<std::pair<int, int>, bdd, PairHash> memo_;
};

// Minimal solutions of the failure function `down` (over up-variables: failing variable v is
// its low edge). Rauzy 1993: minsol(F) = v.without(minsol(F|v failed), K) + K, K = minsol(F|v up).
class MinSol {
 public:
  bdd operator()(const bdd& down) {
    if (down == bddfalse || down == bddtrue) return down;
    const auto found = memo_.find(down.id());
    if (found != memo_.end()) return found->second;
    const int v = bdd_var(down);
    const bdd k = (*this)(bdd_high(down));
    const bdd with_v = without_((*this)(bdd_low(down)), k);
    const bdd result = make_node(v, with_v, k);
    memo_.emplace(down.id(), result);
    return result;
  }

 private:
  std::unordered_map<int, bdd> memo_;
  Without without_;
};

double count_rec(const bdd& f, std::unordered_map<int, double>& memo) {
  if (f == bddfalse) return 0.0;
  if (f == bddtrue) return 1.0;
  const auto found = memo.find(f.id());
  if (found != memo.end()) return found->second;
  const double c = count_rec(bdd_high(f), memo) + count_rec(bdd_low(f), memo);
  memo.emplace(f.id(), c);
  return c;
}

// Sets containing v, with v removed (an antichain again, since the family is one).
bdd cofactor_with(const bdd& f, int v, std::unordered_map<int, bdd>& memo) {
  if (f == bddfalse || f == bddtrue) return bddfalse;
  const int u = bdd_var(f);
  if (u > v) return bddfalse;
  if (u == v) return bdd_high(f);
  const auto found = memo.find(f.id());
  if (found != memo.end()) return found->second;
  const bdd result =
      make_node(u, cofactor_with(bdd_high(f), v, memo), cofactor_with(bdd_low(f), v, memo));
  memo.emplace(f.id(), result);
  return result;
}

// The monotone failure function "some set of the family has all its variables false".
bdd closure(const bdd& f, std::unordered_map<int, bdd>& memo) {
  if (f == bddfalse || f == bddtrue) return f;
  const auto found = memo.find(f.id());
  if (found != memo.end()) return found->second;
  const bdd low = closure(bdd_low(f), memo);
  const bdd result = bdd_ite(bdd_ithvar(bdd_var(f)), low, closure(bdd_high(f), memo) | low);
  memo.emplace(f.id(), result);
  return result;
}

}  // namespace

CutSetFamily::CutSetFamily(const bdd& up) {
  MinSol minsol;
  family_ = minsol(!up);
}

double CutSetFamily::count() const {
  std::unordered_map<int, double> memo;
  return count_rec(family_, memo);
}

std::vector<std::vector<int>> CutSetFamily::smallest(std::size_t top_n,
                                                     const std::vector<double>& q) const {
  std::vector<std::vector<int>> best;
  if (top_n == 0 || family_ == bddfalse) return best;
  // Per node: the smallest set size below it and the largest probability among those sizes,
  // so the search can skip every branch that cannot beat the current N-th cut set.
  struct Bound {
    int size;
    double prob;
  };
  std::unordered_map<int, Bound> bound;
  std::function<Bound(const bdd&)> bound_of = [&](const bdd& f) -> Bound {
    if (f == bddtrue) return {0, 1.0};
    if (f == bddfalse) return {std::numeric_limits<int>::max() / 2, 0.0};
    const auto found = bound.find(f.id());
    if (found != bound.end()) return found->second;
    Bound high = bound_of(bdd_high(f));
    high.size += 1;
    high.prob *= q[bdd_var(f)];
    const Bound low = bound_of(bdd_low(f));
    Bound b;
    if (high.size != low.size) {
      b = high.size < low.size ? high : low;
    } else {
      b = {high.size, std::max(high.prob, low.prob)};
    }
    bound.emplace(f.id(), b);
    return b;
  };
  // Candidates kept sorted: smaller first, then more probable.
  auto better = [](int s1, double p1, int s2, double p2) { return s1 != s2 ? s1 < s2 : p1 > p2; };
  std::multimap<std::pair<int, double>, std::vector<int>,
                std::function<bool(const std::pair<int, double>&, const std::pair<int, double>&)>>
      kept([&](const auto& x, const auto& y) {
        return better(x.first, x.second, y.first, y.second);
      });
  std::vector<int> path;
  std::function<void(const bdd&, double)> walk = [&](const bdd& f, double prob) {
    if (f == bddfalse) return;
    if (kept.size() >= top_n) {
      const Bound b = bound_of(f);
      const auto& worst = std::prev(kept.end())->first;
      const int size = static_cast<int>(path.size()) + b.size;
      if (!better(size, prob * b.prob, worst.first, worst.second)) return;
    }
    if (f == bddtrue) {
      kept.emplace(std::make_pair(static_cast<int>(path.size()), prob), path);
      if (kept.size() > top_n) kept.erase(std::prev(kept.end()));
      return;
    }
    const int v = bdd_var(f);
    path.push_back(v);
    walk(bdd_high(f), prob * q[v]);
    path.pop_back();
    walk(bdd_low(f), prob);
  };
  walk(family_, 1.0);
  for (auto& entry : kept) best.push_back(entry.second);
  return best;
}

double CutSetFamily::probability_of_cut_sets_with(int v, const VariableData& data) const {
  std::unordered_map<int, bdd> memo_cofactor, memo_closure;
  const bdd rest = closure(cofactor_with(family_, v, memo_cofactor), memo_closure);
  // v is not in `rest`, so the union over cut sets with v is (v down) and (rest of one down).
  return data.unavailability[v] * probability(rest, data);
}

}  // namespace outagesim::exact

// Finding interchangeable replica blocks and mapping chain states to their orbit representative.
#include "ctmc_symmetry.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>

namespace outagesim::exact {

namespace {

bool bit_of(const std::string& state, int b) {
  return (static_cast<unsigned char>(state[b / 8]) >> (b % 8)) & 1u;
}

void set_bit(std::string& state, int b, bool down) {
  auto byte = static_cast<unsigned char>(state[b / 8]);
  byte = down ? (byte | (1u << (b % 8))) : (byte & ~(1u << (b % 8)));
  state[b / 8] = static_cast<char>(byte);
}

}  // namespace

ChainSymmetry::ChainSymmetry(std::vector<ReplicaClass> classes) : classes_(std::move(classes)) {}

std::size_t ChainSymmetry::lumped_replicas() const {
  std::size_t n = 0;
  for (const ReplicaClass& c : classes_) n += c.blocks.size();
  return n;
}

void ChainSymmetry::canonicalize(std::string& state) const {
  std::vector<std::uint32_t> patterns;
  for (const ReplicaClass& c : classes_) {
    patterns.clear();
    for (const std::vector<int>& block : c.blocks) {
      std::uint32_t p = 0;
      for (std::size_t i = 0; i < block.size(); ++i) p |= (bit_of(state, block[i]) ? 1u : 0u) << i;
      patterns.push_back(p);
    }
    if (std::is_sorted(patterns.begin(), patterns.end())) continue;
    std::sort(patterns.begin(), patterns.end());
    for (std::size_t k = 0; k < c.blocks.size(); ++k) {
      const std::vector<int>& block = c.blocks[k];
      for (std::size_t i = 0; i < block.size(); ++i)
        set_bit(state, block[i], (patterns[k] >> i) & 1u);
    }
  }
}

double ChainSymmetry::log2_orbits(std::size_t chain_bits) const {
  double log2 = static_cast<double>(chain_bits);
  for (const ReplicaClass& c : classes_) {
    const double n = static_cast<double>(c.blocks.size());
    const double b = static_cast<double>(c.blocks.front().size());
    const double patterns = std::exp2(b);
    // log2 C(n + P - 1, n), in place of the n b bits the class would take unlumped.
    const double multisets =
        (std::lgamma(n + patterns) - std::lgamma(n + 1.0) - std::lgamma(patterns)) / std::log(2.0);
    log2 += multisets - n * b;
  }
  return log2;
}

ChainSymmetry find_chain_symmetry(const graph::Plan& plan, const std::vector<int>& element_bit,
                                  const std::vector<double>& fail_rate,
                                  const std::vector<double>& repair_rate) {
  const model::Architecture& a = plan.architecture;
  std::vector<int> uses(plan.component_count, 0);
  for (const model::Service& s : a.services) {
    for (int c : s.replicas) ++uses[c];
  }
  std::vector<ReplicaClass> classes;
  for (std::size_t s = 0; s < a.services.size(); ++s) {
    const model::Service& service = a.services[s];
    const int n = static_cast<int>(service.replicas.size());
    // active_passive replicas are told apart by their order (serving replica, failover target).
    if (service.mode != model::RedundancyMode::active_active || n < 2) continue;
    bool in_chain = false;
    for (int c : service.replicas) {
      for (const int* e = plan.component_support.begin(c); e != plan.component_support.end(c); ++e)
        in_chain = in_chain || element_bit[*e] >= 0;
    }
    if (!in_chain) continue;
    // Per replica: the dependent replicas' scope rows on this service that hold it (sparse, so
    // that the work stays proportional to the plan's scope rows).
    std::vector<std::vector<int>> held_by(n);
    int row_number = 0;
    for (std::size_t t = 0; t < a.services.size(); ++t) {
      const model::Service& dependent = a.services[t];
      for (std::size_t j = 0; j < dependent.depends_on.size(); ++j) {
        if (dependent.depends_on[j].service != static_cast<int>(s)) continue;
        for (std::size_t q = 0; q < dependent.replicas.size(); ++q, ++row_number) {
          const int row =
              plan.scope_row(static_cast<int>(t), static_cast<int>(q), static_cast<int>(j));
          for (const int* r = plan.scope_candidates.begin(row); r != plan.scope_candidates.end(row);
               ++r) {
            held_by[*r].push_back(row_number);
          }
        }
      }
    }
    // Replicas with equal signatures are interchangeable: a transposition of two of them maps
    // every rate, every health rule and every scope onto itself.
    std::map<std::vector<double>, std::vector<std::vector<int>>> groups;
    for (int r = 0; r < n; ++r) {
      const int c = service.replicas[r];
      if (uses[c] != 1) continue;
      std::vector<double> signature;
      std::vector<int> block;
      const int* support = plan.component_support.begin(c);
      const int* end = plan.component_support.end(c);
      // The component, then the domains that hold no other component (innermost first).
      for (; support != end && plan.element_components.count(*support) == 1; ++support) {
        const int e = *support;
        const model::FailureProcess& p = plan.element_process[e];
        const int bit = element_bit[e];
        signature.insert(
            signature.end(),
            {static_cast<double>(plan.element_kind[e]), p.never_fails ? 1.0 : 0.0, p.mttf(),
             p.mttr(), bit < 0 ? -1.0 : fail_rate[bit], bit < 0 ? -1.0 : repair_rate[bit]});
        if (bit >= 0) block.push_back(bit);
      }
      if (block.empty()) continue;  // nothing of it is in the chain
      signature.push_back(-1.0);
      for (; support != end; ++support) signature.push_back(*support);  // shared domains
      for (std::size_t j = 0; j < service.depends_on.size(); ++j) {
        const int row = plan.scope_row(static_cast<int>(s), r, static_cast<int>(j));
        std::vector<int> candidates(plan.scope_candidates.begin(row),
                                    plan.scope_candidates.end(row));
        std::sort(candidates.begin(), candidates.end());
        signature.push_back(-2.0);
        signature.insert(signature.end(), candidates.begin(), candidates.end());
      }
      signature.push_back(-3.0);
      signature.insert(signature.end(), held_by[r].begin(), held_by[r].end());
      groups[signature].push_back(std::move(block));
    }
    for (auto& [signature, blocks] : groups) {
      if (blocks.size() >= 2) classes.push_back({std::move(blocks)});
    }
  }
  return ChainSymmetry(std::move(classes));
}

}  // namespace outagesim::exact

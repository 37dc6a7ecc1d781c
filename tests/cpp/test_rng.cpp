// The Philox4x32-10 generator: Random123 known-answer vectors, pinned stream values, and the
// independence of a replication's stream from everything but (seed, replication).
#include <catch2/catch.hpp>
#include <cstdint>
#include <set>

#include "outagesim/sim/rng.h"

using namespace outagesim::sim;

TEST_CASE("philox4x32-10 matches the Random123 known-answer vectors", "[rng]") {
  // tests/kat_vectors of github.com/DEShawResearch/random123: counter, key -> output.
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
        PhiloxCounter{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
  CHECK(philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                      {0xffffffffu, 0xffffffffu}) ==
        PhiloxCounter{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
  CHECK(philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                      {0xa4093822u, 0x299f31d0u}) ==
        PhiloxCounter{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});
}

TEST_CASE("stream golden values for seed 42, replication 7", "[rng]") {
  Stream s(42, 7);
  CHECK(s.next_u64() == 0xe55410cc67ee6f2cull);
  CHECK(s.next_u64() == 0x557398d36c7eca35ull);
  CHECK(s.next_u64() == 0x600f6196e5dde940ull);
  CHECK(s.next_u64() == 0x2c8ed8398fcdf8f1ull);
  s.reset(42, 7);
  CHECK(s.uniform() == 0.89581398954754266);
  CHECK(s.uniform() == 0.33379511987413502);
  CHECK(s.uniform() == 0.37523469862013992);
}

TEST_CASE("a stream depends only on (seed, replication)", "[rng]") {
  Stream a(5, 123);
  Stream other(5, 122);
  for (int i = 0; i < 1000; ++i) other.next_u64();  // use of another stream changes nothing
  Stream b(5, 123);
  for (int i = 0; i < 100; ++i) REQUIRE(a.next_u64() == b.next_u64());

  // Different replications and seeds give different streams.
  std::set<std::uint64_t> firsts;
  for (std::uint64_t seed = 1; seed <= 20; ++seed)
    for (std::int64_t rep = 0; rep < 50; ++rep) firsts.insert(Stream(seed, rep).next_u64());
  CHECK(firsts.size() == 1000u);
}

TEST_CASE("uniforms stay in their intervals and have mean 1/2", "[rng]") {
  Stream s(9, 0);
  const int n = 200000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    const double v = s.uniform_pos();
    REQUIRE(v > 0.0);
    REQUIRE(v <= 1.0);
    sum += u;
  }
  // 95% interval of the mean of n uniforms: 1.96 * sqrt(1/12 / n).
  CHECK(std::abs(sum / n - 0.5) <= 1.96 * std::sqrt(1.0 / 12.0 / n));
}

// Counter-based random numbers (Philox4x32-10): replication i draws from a stream that is a pure
// function of (seed, i), so results never depend on threads or scheduling.
#pragma once

#include <array>
#include <cstdint>

namespace outagesim::sim {

using PhiloxCounter = std::array<std::uint32_t, 4>;
using PhiloxKey = std::array<std::uint32_t, 2>;

// One Philox4x32-10 block (Salmon et al., SC'11; constants and key schedule of Random123).
inline PhiloxCounter philox4x32_10(PhiloxCounter ctr, PhiloxKey key) {
  constexpr std::uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u;
  constexpr std::uint32_t W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += W0;
      key[1] += W1;
    }
    const std::uint64_t p0 = static_cast<std::uint64_t>(M0) * ctr[0];
    const std::uint64_t p1 = static_cast<std::uint64_t>(M1) * ctr[2];
    ctr = {static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0], static_cast<std::uint32_t>(p1),
           static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1], static_cast<std::uint32_t>(p0)};
  }
  return ctr;
}

// The random stream of one replication. Key = the 64-bit seed; counter = (block number,
// replication index). Each block gives two 64-bit words. 2^64 blocks per stream, 2^64 streams.
// A nonzero `substream` (e.g. a hash of an element's name) is xor-ed into the high word of the
// block number: substreams of one replication are disjoint as long as each uses < 2^32 blocks,
// and substream 0 is the plain stream, bit for bit.
class Stream {
 public:
  Stream() = default;
  Stream(std::uint64_t seed, std::uint64_t stream_index, std::uint32_t substream = 0) {
    reset(seed, stream_index, substream);
  }

  void reset(std::uint64_t seed, std::uint64_t stream_index, std::uint32_t substream = 0) {
    key_ = {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
    stream_ = stream_index;
    substream_ = substream;
    block_ = 0;
    index_ = 2;
  }

  std::uint64_t next_u64() {
    if (index_ == 2) refill();
    return buffer_[index_++];
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // Uniform on (0, 1]: safe for log().
  double uniform_pos() { return static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53; }

  std::uint64_t blocks_used() const { return block_; }

 private:
  void refill() {
    const PhiloxCounter out = philox4x32_10(
        {static_cast<std::uint32_t>(block_), static_cast<std::uint32_t>(block_ >> 32) ^ substream_,
         static_cast<std::uint32_t>(stream_), static_cast<std::uint32_t>(stream_ >> 32)},
        key_);
    ++block_;
    buffer_[0] = (static_cast<std::uint64_t>(out[1]) << 32) | out[0];
    buffer_[1] = (static_cast<std::uint64_t>(out[3]) << 32) | out[2];
    index_ = 0;
  }

  PhiloxKey key_{0, 0};
  std::uint64_t stream_ = 0;
  std::uint32_t substream_ = 0;
  std::uint64_t block_ = 0;
  std::uint64_t buffer_[2] = {0, 0};
  int index_ = 2;
};

}  // namespace outagesim::sim

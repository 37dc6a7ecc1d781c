// A fixed pool of std::threads that runs the replications of one batch; the calling thread works
// too, so threads == 1 starts no thread at all.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace outagesim::sim {

class BatchPool {
 public:
  using Task = std::function<void(int worker, std::int64_t index)>;

  explicit BatchPool(int threads);
  ~BatchPool();
  BatchPool(const BatchPool&) = delete;
  BatchPool& operator=(const BatchPool&) = delete;

  int size() const { return static_cast<int>(threads_.size()) + 1; }
  // Calls task(worker, i) for every i in [0, count) and returns when all are done. The first
  // exception thrown by a task is rethrown here.
  void run(std::int64_t count, const Task& task);

 private:
  void work(int worker);
  void drain(int worker);

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable start_cv_, done_cv_;
  std::uint64_t generation_ = 0;
  int busy_ = 0;
  bool stop_ = false;
  const Task* task_ = nullptr;
  std::int64_t count_ = 0;
  std::atomic<std::int64_t> next_{0};
  std::exception_ptr error_;
};

}  // namespace outagesim::sim

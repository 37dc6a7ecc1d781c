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

// The workers a run uses: `threads` (capped at max_threads), or every core for 0.
int resolve_threads(int threads, int max_threads);

class BatchPool {
 public:
  using Task = std::function<void(int worker, std::int64_t index)>;
  // Starts one worker thread; throws std::system_error when the system refuses (the seam lets a
  // test refuse threads without exhausting the machine).
  using ThreadFactory = std::function<std::thread(std::function<void()>)>;

  // Starts threads - 1 workers. When the system refuses a thread (std::system_error: process or
  // memory limits), the pool keeps the workers it got: size() says how many; results never
  // depend on it. Any other failure stops and joins the workers started, then propagates.
  explicit BatchPool(int threads, const ThreadFactory& factory = {});
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
  void shutdown();

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

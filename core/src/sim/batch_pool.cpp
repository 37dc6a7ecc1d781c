// The thread pool of batch_pool.h.
#include "batch_pool.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace outagesim::sim {

int resolve_threads(int threads, int max_threads) {
  if (threads > 0) return std::min(threads, max_threads);
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware > 0 ? static_cast<int>(std::min<unsigned>(hardware, max_threads)) : 1;
}

BatchPool::BatchPool(int threads, const ThreadFactory& factory) {
  // Workers must be stopped and joined before the members they wait on are destroyed: an
  // exception escaping this constructor with workers alive would destroy the condition
  // variables under them (a deadlock in pthread_cond_destroy) and then terminate.
  try {
    threads_.reserve(static_cast<std::size_t>(threads > 1 ? threads - 1 : 0));
    for (int w = 1; w < threads; ++w) {
      std::function<void()> body = [this, w] { work(w); };
      try {
        threads_.push_back(factory ? factory(std::move(body)) : std::thread(std::move(body)));
      } catch (const std::system_error&) {
        break;  // the system gives no more threads: run with those started (worker ids 0..w-1)
      }
    }
  } catch (...) {
    shutdown();
    throw;
  }
}

BatchPool::~BatchPool() { shutdown(); }

void BatchPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  start_cv_.notify_all();
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
}

void BatchPool::drain(int worker) {
  for (;;) {
    const std::int64_t i = next_.fetch_add(1, std::memory_order_relaxed);
    if (i >= count_) return;
    try {
      (*task_)(worker, i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!error_) error_ = std::current_exception();
      next_.store(count_, std::memory_order_relaxed);  // stop handing out work
      return;
    }
  }
}

void BatchPool::work(int worker) {
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      start_cv_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    drain(worker);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (--busy_ == 0) done_cv_.notify_all();
    }
  }
}

void BatchPool::run(std::int64_t count, const Task& task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    task_ = &task;
    count_ = count;
    next_.store(0, std::memory_order_relaxed);
    error_ = nullptr;
    busy_ = static_cast<int>(threads_.size());
    ++generation_;
  }
  start_cv_.notify_all();
  drain(0);
  {
    std::unique_lock<std::mutex> lock(mutex_);
    done_cv_.wait(lock, [&] { return busy_ == 0; });
  }
  if (error_) std::rethrow_exception(error_);
}

}  // namespace outagesim::sim

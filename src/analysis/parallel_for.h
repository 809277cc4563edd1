#pragma once
// Runs fn(index, worker) for index in [0, n) on `workers` threads, handing out indexes one at a
// time (zones differ widely in cost). Rethrows the first error; stops early on cancel.

#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "core/progress.h"

namespace urbangis {

inline void parallelFor(size_t n, unsigned workers, const Progress& progress, std::string_view stage,
                        const std::function<void(size_t index, unsigned worker)>& fn) {
  std::atomic<size_t> next{0}, done{0};
  std::exception_ptr failure;
  std::mutex failureMutex;
  std::atomic<bool> stop{false};
  const auto work = [&](unsigned worker) {
    try {
      for (size_t index; !stop && (index = next++) < n;) {
        fn(index, worker);
        const size_t finished = ++done;
        if (worker == 0) {
          progress.report(stage, static_cast<double>(finished) / static_cast<double>(n));
          progress.checkCancelled();
        }
      }
    } catch (...) {
      std::lock_guard lock(failureMutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned worker = 1; worker < workers; ++worker) threads.emplace_back(work, worker);
  work(0);
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace urbangis

#pragma once
// Streams Arrow batches from a reader on the calling thread to worker threads: reading (GDAL,
// one thread) overlaps with processing (ours, every core). A bounded queue keeps memory flat
// however many features stream through; the first error or a cancel stops everything.

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/progress.h"
#include "io/sources/arrow_batches.h"

namespace urbangis {

// Calls process(batch, worker) for every batch, worker in [0, workers). `afterRead(rows)` runs on
// the reading thread after each batch is read (progress reporting).
inline void runBatchPipeline(ArrowBatchReader& reader, unsigned workers, const Progress& progress,
                             const std::function<void(const ArrowBatch&, unsigned)>& process,
                             const std::function<void(int64_t)>& afterRead) {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<ArrowBatch> queue;
  const size_t capacity = 2 * static_cast<size_t>(workers);
  bool finished = false;
  std::exception_ptr failure;

  std::vector<std::thread> threads;
  for (unsigned worker = 0; worker < workers; ++worker)
    threads.emplace_back([&, worker] {
      for (;;) {
        ArrowBatch batch;
        {
          std::unique_lock lock(mutex);
          changed.wait(lock, [&] { return !queue.empty() || finished || failure; });
          if (failure || queue.empty()) return;
          batch = std::move(queue.front());
          queue.pop_front();
        }
        changed.notify_all();
        try {
          process(batch, worker);
        } catch (...) {
          std::lock_guard lock(mutex);
          if (!failure) failure = std::current_exception();
          changed.notify_all();
          return;
        }
      }
    });

  try {
    while (auto batch = reader.next()) {
      const int64_t rows = batch->size();
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return queue.size() < capacity || failure; });
        if (failure) break;
        queue.push_back(std::move(*batch));
      }
      changed.notify_all();
      afterRead(rows);
      progress.checkCancelled();
    }
  } catch (...) {
    std::lock_guard lock(mutex);
    if (!failure) failure = std::current_exception();
  }
  {
    std::lock_guard lock(mutex);
    finished = true;
  }
  changed.notify_all();
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace urbangis

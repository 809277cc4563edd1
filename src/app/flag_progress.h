#pragma once
// Progress for work on a worker thread that shows nothing and stops when its flag is set. The
// flag is shared, so the worker can still read it after whoever set it (a panel, the window)
// is gone.

#include <atomic>
#include <memory>

#include "core/progress.h"

namespace urbangis::viewer {

class FlagProgress final : public Progress {
 public:
  explicit FlagProgress(std::shared_ptr<std::atomic<bool>> cancel) : cancel_(std::move(cancel)) {}
  void report(std::string_view, double) const override {}
  bool cancelled() const override { return cancel_->load(); }

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace urbangis::viewer

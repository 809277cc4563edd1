#pragma once
// Progress for work on a worker thread, stopped when its flag is set. The flag is shared, so the
// worker can still read it after whoever set it (a panel, the window) is gone. FlagProgress shows
// nothing; PostedProgress hands each fraction to the UI thread, to a receiver that may be gone by
// then (it is skipped).

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

#include <atomic>
#include <functional>
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

template <typename Receiver>
class PostedProgress final : public Progress {
 public:
  // `show` runs on the UI thread with the receiver, while it lives, for every fraction reported
  // (negative: a stage of unknown length).
  PostedProgress(QPointer<Receiver> receiver, std::function<void(Receiver&, double)> show,
                 std::shared_ptr<std::atomic<bool>> cancel)
      : receiver_(std::move(receiver)), show_(std::move(show)), cancel_(std::move(cancel)) {}
  void report(std::string_view, double fraction) const override {
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [receiver = receiver_, show = show_, fraction] {
          if (receiver) show(*receiver, fraction);
        },
        Qt::QueuedConnection);
  }
  bool cancelled() const override { return cancel_->load(); }

 private:
  QPointer<Receiver> receiver_;
  std::function<void(Receiver&, double)> show_;
  std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace urbangis::viewer

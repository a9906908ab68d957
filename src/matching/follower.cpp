#include "matching/matching.h"

namespace craftlink::matching {

MatchFollower::MatchFollower(MatchEngine& engine, FollowerOptions options)
    : engine_(engine), options_(options), thread_([this] { Run(); }) {}

MatchFollower::~MatchFollower() { Stop(); }

void MatchFollower::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

Status MatchFollower::last_error() const {
  std::lock_guard lock(error_mu_);
  return last_error_;
}

void MatchFollower::Run() {
  storage::Store* store = engine_.store();
  if (!store) {
    std::lock_guard lock(error_mu_);
    last_error_ = Status::Invalid("the engine was not built from a store: nothing to follow");
    return;
  }
  while (!stop_) {
    // Short waits keep Stop() prompt; the store polls or is notified within them.
    auto changed = store->WaitForChange(engine_.applied_seq(), options_.wait);
    Status s = changed.ok() ? (*changed ? engine_.CatchUp() : Status::Ok()) : changed.status();
    {
      std::lock_guard lock(error_mu_);
      last_error_ = s;
    }
    if (!s.ok()) {
      // Back off, but in small steps so Stop() is not held up.
      const auto until = std::chrono::steady_clock::now() + options_.retry;
      while (!stop_ && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  }
}

}  // namespace craftlink::matching

#pragma once

// A webhook endpoint on loopback for tests: POST /hook keeps every request
// it gets and answers with whatever `answer` says for the n-th one (n from
// 0), which may also take its time.

#include <httplib.h>

#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace craftlink::testing {

class WebhookReceiver {
 public:
  // The status to answer the n-th request with.
  using Answer = std::function<int(size_t n)>;

  explicit WebhookReceiver(Answer answer) : answer_(std::move(answer)) {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      size_t n = 0;
      {
        std::lock_guard lock(mutex_);
        n = received_.size();
        received_.push_back(req);
      }
      res.status = answer_(n);  // outside the lock: an answer may wait
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~WebhookReceiver() {
    server_.stop();
    thread_.join();
  }
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  int port() const { return port_; }
  std::vector<httplib::Request> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  Answer answer_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<httplib::Request> received_;
};

}  // namespace craftlink::testing

#pragma once

// The real `craftlink` binary as a child process: CLI commands run to the
// end, and `craftlink serve` kept running with its output collected, for
// tests of what only a separate process shows (several instances on one
// database, command-line flags, signals).

#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace craftlink::testing {

// The binary this build made.
std::string CraftlinkBinary();

struct CommandResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string output;  // stdout and stderr together
};

// Runs `args` (args[0] is the program) to the end, feeding `input` on stdin.
CommandResult RunCommand(const std::vector<std::string>& args, const std::string& input = "");

// `craftlink serve ARGS… --host 127.0.0.1 --port 0`, killed with SIGKILL
// if still running when destroyed. A thread drains its output so that the
// request log never fills the pipe and blocks the server. Not thread-safe
// apart from output(), which any thread may call.
class ServeProcess {
 public:
  explicit ServeProcess(const std::vector<std::string>& serve_args);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // The port from the start-up line "…http://127.0.0.1:PORT/…", or 0 when
  // it was not printed within `timeout` (the process failed or is slow).
  int WaitForPort(std::chrono::seconds timeout);
  // Sends SIGTERM; true when the signal was delivered.
  bool Terminate();
  // Exit code, or -1 if it had not exited within `timeout`. Once it has
  // exited, output() holds everything it wrote.
  int WaitForExit(std::chrono::seconds timeout);

  pid_t pid() const { return pid_; }
  std::string output();

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
  std::thread reader_;
  std::mutex mutex_;
  std::string output_;
};

}  // namespace craftlink::testing

#include "support/serve_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

extern char** environ;

namespace craftlink::testing {
namespace {

// Spawns `args` with stdin from `stdin_fd` and stdout and stderr into
// `out_fd`. Both descriptors are the parent's to close.
pid_t Spawn(const std::vector<std::string>& args, int stdin_fd, int out_fd) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 2);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

int DecodeStatus(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

// Reads `fd` to its end, then closes it.
std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

}  // namespace

std::string CraftlinkBinary() { return std::string(CRAFTLINK_TEST_BINARY_DIR) + "/apps/craftlink/craftlink"; }

CommandResult RunCommand(const std::vector<std::string>& args, const std::string& input) {
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0) return {};
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    return {};
  }
  const pid_t pid = Spawn(args, in[0], out[1]);
  close(in[0]);
  close(out[1]);
  // Inputs are a password line: far below the pipe's buffer, so writing
  // before reading cannot deadlock.
  const bool fed = input.empty() || write(in[1], input.data(), input.size()) == static_cast<ssize_t>(input.size());
  close(in[1]);
  CommandResult result;
  result.output = ReadAll(out[0]);
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid && fed) result.exit_code = DecodeStatus(status);
  return result;
}

ServeProcess::ServeProcess(const std::vector<std::string>& serve_args) {
  std::vector<std::string> args{CraftlinkBinary(), "serve"};
  args.insert(args.end(), serve_args.begin(), serve_args.end());
  args.insert(args.end(), {"--host", "127.0.0.1", "--port", "0"});
  const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  int fds[2];
  if (devnull < 0 || pipe2(fds, O_CLOEXEC) != 0) {
    if (devnull >= 0) close(devnull);
    return;
  }
  pid_ = Spawn(args, devnull, fds[1]);
  close(devnull);
  close(fds[1]);
  reader_ = std::thread([this, fd = fds[0]] {
    char buf[4096];
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) {
      std::lock_guard lock(mutex_);
      output_.append(buf, static_cast<size_t>(n));
    }
    close(fd);
  });
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0 && !exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (reader_.joinable()) reader_.join();
}

int ServeProcess::WaitForPort(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string marker = "http://127.0.0.1:";
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mutex_);
      const size_t at = output_.find(marker);
      if (at != std::string::npos && output_.find('/', at + marker.size()) != std::string::npos) {
        return std::atoi(output_.c_str() + at + marker.size());
      }
    }
    if (pid_ <= 0 || WaitForExit(std::chrono::seconds(0)) >= 0) return 0;  // it gave up
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return 0;
}

bool ServeProcess::Terminate() { return pid_ > 0 && !exited_ && kill(pid_, SIGTERM) == 0; }

int ServeProcess::WaitForExit(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    int status = 0;
    if (!exited_ && waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      exit_code_ = DecodeStatus(status);
      if (reader_.joinable()) reader_.join();  // the pipe is at its end
    }
    if (exited_) return exit_code_;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  } while (std::chrono::steady_clock::now() < deadline);
  return -1;
}

std::string ServeProcess::output() {
  std::lock_guard lock(mutex_);
  return output_;
}

}  // namespace craftlink::testing

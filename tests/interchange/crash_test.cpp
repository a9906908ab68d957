// Kills `craftlink import` with SIGKILL at random moments and checks what
// a crash may leave behind: an intact database in which every imported file
// (one transaction each) is either wholly present or wholly absent.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "support/test_database.h"

extern char** environ;

namespace craftlink {
namespace {

const std::string kCraftlink = std::string(CRAFTLINK_TEST_BINARY_DIR) + "/apps/craftlink/craftlink";
constexpr int kFiles = 4;
constexpr int kRowsPerFile = 5000;

pid_t Spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

int RunToEnd(const std::vector<std::string>& args) {
  const pid_t pid = Spawn(args);
  if (pid < 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct DbCheck {
  std::string integrity;
  std::vector<int64_t> rows_per_file;
};

DbCheck Inspect(const std::filesystem::path& path) {
  DbCheck out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    out.integrity = "cannot open";
    return out;
  }
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  if (sqlite3_step(stmt) == SQLITE_ROW) out.integrity = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM craftsmen WHERE id >= ?1 AND id < ?2", -1, &stmt, nullptr);
  for (int f = 0; f < kFiles; ++f) {
    const std::string lo = "F" + std::to_string(f) + "-";
    const std::string hi = "F" + std::to_string(f) + ".";
    sqlite3_bind_text(stmt, 1, lo.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, hi.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(stmt);
    out.rows_per_file.push_back(sqlite3_column_int64(stmt, 0));
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

// Writes kFiles files of craftsmen whose ids say which file they are in.
std::vector<std::string> WriteFiles(const std::filesystem::path& dir) {
  std::vector<std::string> files;
  for (int f = 0; f < kFiles; ++f) {
    const auto path = dir / ("craftsmen-" + std::to_string(f) + ".jsonl");
    std::ofstream out(path);
    for (int i = 0; i < kRowsPerFile; ++i) {
      out << R"({"id":"F)" << f << "-" << i << R"(","name":"工匠)" << i
          << R"(","region":"510107","skills":["钨极氩弧焊","焊接变形控制"],"bio":")"
          << std::string(400, 'x') << R"(","capacity_per_month":2})" << "\n";
    }
    files.push_back(path.string());
  }
  return files;
}

int Iterations() {
  const char* env = std::getenv("CRAFTLINK_CRASH_ITERATIONS");
  return env != nullptr ? std::max(1, std::atoi(env)) : 50;
}

TEST(CrashTest, KilledImportsLeaveWholeFilesOrNothing) {
  const auto dir = testing::MakeTempDir("craftlink-crash");
  const auto files = WriteFiles(dir);
  // Time one complete import to spread the kills over its whole length.
  const auto timing_db = dir / "timing.db";
  ASSERT_EQ(RunToEnd({kCraftlink, "init", "--db", "sqlite:" + timing_db.string()}), 0);
  std::vector<std::string> import = {kCraftlink, "import", "--db", "sqlite:" + timing_db.string()};
  import.insert(import.end(), files.begin(), files.end());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(RunToEnd(import), 0);
  const auto full = std::chrono::steady_clock::now() - start;

  std::mt19937 rng(12345);
  int partial = 0;
  for (int it = 0; it < Iterations(); ++it) {
    const auto db = dir / ("crash-" + std::to_string(it) + ".db");
    ASSERT_EQ(RunToEnd({kCraftlink, "init", "--db", "sqlite:" + db.string()}), 0);
    import[3] = "sqlite:" + db.string();
    const pid_t pid = Spawn(import);
    ASSERT_GT(pid, 0);
    std::uniform_int_distribution<int64_t> delay(0, std::chrono::duration_cast<std::chrono::microseconds>(full).count());
    std::this_thread::sleep_for(std::chrono::microseconds(delay(rng)));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);

    const DbCheck check = Inspect(db);
    ASSERT_EQ(check.integrity, "ok") << "iteration " << it;
    int complete = 0;
    for (int f = 0; f < kFiles; ++f) {
      const int64_t n = check.rows_per_file[f];
      ASSERT_TRUE(n == 0 || n == kRowsPerFile) << "iteration " << it << " file " << f << " has " << n << " rows";
      complete += n == kRowsPerFile ? 1 : 0;
    }
    if (complete > 0 && complete < kFiles) ++partial;
    std::filesystem::remove(db);
    std::filesystem::remove(db.string() + "-wal");
    std::filesystem::remove(db.string() + "-shm");
  }
  // The kills must actually land mid-import for the test to mean anything.
  EXPECT_GT(partial, 0) << "no kill landed between two committed files";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace craftlink

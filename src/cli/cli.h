// cli: the `craftlink` command line — one file per subcommand, each parsing
// its flags and calling a plain function of the layer below. Errors become
// messages on stderr and non-zero exit codes here and nowhere else.
#pragma once

#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "core/status.h"
#include "storage/store.h"

namespace craftlink::cli {

// Exit codes: 0 done; 1 the command failed (message on stderr); 2 bad usage.
inline constexpr int kExitFailure = 1;

struct CommandContext {
  std::ostream& out = std::cout;
  std::ostream& err = std::cerr;
  int exit_code = 0;

  // Prints "错误：…" and records the failure.
  void Fail(const Status& status);
  void Fail(const std::string& message);
};

// Adds the --db option every subcommand takes.
CLI::Option* AddDbOption(CLI::App& command, std::string& url);

// Opens a database that `craftlink init` has set up; a clear error otherwise.
Result<std::unique_ptr<storage::Store>> OpenInitializedStore(const std::string& url);

void AddInitCommand(CLI::App& app, CommandContext& ctx);
void AddOrgCommand(CLI::App& app, CommandContext& ctx);
void AddImportCommand(CLI::App& app, CommandContext& ctx);
void AddExportCommand(CLI::App& app, CommandContext& ctx);
void AddStatsCommand(CLI::App& app, CommandContext& ctx);
void AddGenCommand(CLI::App& app, CommandContext& ctx);
void AddBackupCommands(CLI::App& app, CommandContext& ctx);
void AddServeCommand(CLI::App& app, CommandContext& ctx);
void AddUserCommand(CLI::App& app, CommandContext& ctx);
void AddMatchCommand(CLI::App& app, CommandContext& ctx);
void AddEvalCommand(CLI::App& app, CommandContext& ctx);
void AddDispatchCommand(CLI::App& app, CommandContext& ctx);
void AddKpiCommand(CLI::App& app, CommandContext& ctx);
void AddSweepCommand(CLI::App& app, CommandContext& ctx);

// Parses argv and runs the chosen subcommand; returns the exit code.
int Main(int argc, char** argv);

}  // namespace craftlink::cli

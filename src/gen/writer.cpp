// Generate(): streams records to JSON Lines files without keeping them.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

#include "domain/codec.h"
#include "gen/generator.h"

namespace craftlink::gen {
namespace {

namespace fs = std::filesystem;

// Records per unit of work: large enough that a thread start is noise,
// small enough that the buffers in flight stay a few megabytes.
constexpr size_t kChunkRecords = 2048;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

Status WriteError(const fs::path& path) {
  return Status::IoError("写入失败 (cannot write) " + path.string() + ": " + std::strerror(errno));
}

unsigned ThreadCount(unsigned requested) {
  if (requested > 0) return requested;
  return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

// Serialises records [begin, end) into `out`, one JSON object per line.
template <typename Make>
Status RenderChunk(const Make& make, size_t begin, size_t end, std::string& out) {
  out.clear();
  try {
    for (size_t i = begin; i < end; ++i) {
      out.append(domain::ToJsonText(make(i)));
      out.push_back('\n');
    }
  } catch (const std::exception& e) {  // allocation failure
    return Status::Internal(std::string("生成记录失败 (cannot render a record): ") + e.what());
  }
  return Status::Ok();
}

// Renders chunks first, first + 1, ... into `chunks` on one thread each; the
// caller writes them in order, so the bytes never depend on the thread count.
template <typename Make>
class RoundRenderer {
 public:
  RoundRenderer(const Make& make, size_t count) : make_(make), count_(count) {}

  void Start(size_t first, std::vector<std::string>& chunks) {
    statuses_.assign(chunks.size(), Status::Ok());
    for (size_t k = 0; k < chunks.size(); ++k) {
      const size_t begin = std::min(count_, (first + k) * kChunkRecords);
      const size_t end = std::min(count_, begin + kChunkRecords);
      threads_.emplace_back([this, k, begin, end, &chunks] {
        statuses_[k] = RenderChunk(make_, begin, end, chunks[k]);
      });
    }
  }

  Status Finish() {
    for (std::thread& t : threads_) t.join();
    threads_.clear();
    for (const Status& s : statuses_) CRAFTLINK_RETURN_IF_ERROR(s);
    return Status::Ok();
  }

 private:
  const Make& make_;
  size_t count_;
  std::vector<std::thread> threads_;
  std::vector<Status> statuses_;
};

Status WriteAll(std::FILE* file, const fs::path& path, std::vector<std::string>& chunks) {
  for (std::string& chunk : chunks) {
    if (!chunk.empty() && std::fwrite(chunk.data(), 1, chunk.size(), file) != chunk.size()) return WriteError(path);
    chunk.clear();
  }
  return Status::Ok();
}

// Double-buffered: one round of chunks is written while the next renders.
template <typename Make>
Status WriteChunks(std::FILE* file, const fs::path& path, size_t count, unsigned threads, const Make& make) {
  const size_t total_chunks = (count + kChunkRecords - 1) / kChunkRecords;
  const size_t width = std::min<size_t>(ThreadCount(threads), std::max<size_t>(total_chunks, 1));
  std::vector<std::string> writing(width), rendering(width);
  RoundRenderer<Make> renderer(make, count);
  for (size_t first = 0; first < total_chunks; first += width) {
    renderer.Start(first, rendering);
    Status written = WriteAll(file, path, writing);
    CRAFTLINK_RETURN_IF_ERROR(renderer.Finish());
    CRAFTLINK_RETURN_IF_ERROR(written);
    std::swap(writing, rendering);
  }
  return WriteAll(file, path, writing);
}

// Writes `count` records made by `make` to `path`; a reader never sees a
// half-written file because it appears under its name only when complete.
template <typename Make>
Status WriteRecords(const fs::path& path, size_t count, unsigned threads, const Make& make) {
  fs::path tmp = path;
  tmp += ".tmp";
  File file(std::fopen(tmp.c_str(), "wb"));
  if (!file) return WriteError(tmp);
  Status status = WriteChunks(file.get(), tmp, count, threads, make);
  if (status.ok() && std::fclose(file.release()) != 0) status = WriteError(tmp);
  std::error_code ec;
  if (status.ok()) {
    fs::rename(tmp, path, ec);
    if (ec) status = Status::IoError("无法重命名 (cannot rename) " + tmp.string() + ": " + ec.message());
  }
  if (!status.ok()) fs::remove(tmp, ec);
  return status;
}

}  // namespace

Status Generate(const GenOptions& options, const fs::path& out_dir) {
  if (options.needs > 0 && options.enterprises == 0) {
    return Status::Invalid("生成需求时企业数不能为 0 (needs must reference enterprises)", "enterprises");
  }
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Status::IoError("无法创建目录 (cannot create) " + out_dir.string() + ": " + ec.message());
  const Generator gen(options);
  const unsigned t = options.threads;
  CRAFTLINK_RETURN_IF_ERROR(WriteRecords(out_dir / "craftsmen.jsonl", options.craftsmen, t,
                                         [&](size_t i) { return gen.MakeCraftsman(i); }));
  CRAFTLINK_RETURN_IF_ERROR(WriteRecords(out_dir / "enterprises.jsonl", options.enterprises, t,
                                         [&](size_t i) { return gen.MakeEnterprise(i); }));
  CRAFTLINK_RETURN_IF_ERROR(
      WriteRecords(out_dir / "needs.jsonl", options.needs, t, [&](size_t i) { return gen.MakeNeed(i); }));
  return WriteRecords(out_dir / "results.jsonl", options.results, t, [&](size_t i) { return gen.MakeResult(i); });
}

}  // namespace craftlink::gen

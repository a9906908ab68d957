#include "interchange/row_source.h"

#include <algorithm>

#include "core/utf8.h"
#include "interchange/columns.h"

namespace craftlink::interchange {
namespace {

using domain::RecordKind;
constexpr size_t kRawKeptBytes = 2000;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether the invalid bytes look like GBK/GB18030 double-byte Chinese.
bool LooksLikeGbk(std::string_view line) {
  size_t pairs = 0;
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    const auto a = static_cast<unsigned char>(line[i]);
    const auto b = static_cast<unsigned char>(line[i + 1]);
    if (a >= 0x81 && a <= 0xFE && b >= 0x40 && b <= 0xFE && b != 0x7F) {
      ++pairs;
      ++i;
    }
  }
  return pairs >= 2;
}

// Checks whole lines `text`, the first of which is line `lines_before + 1`.
// A line with a NUL byte is reported as binary even when it is also not UTF-8,
// and the first bad line wins.
Status CheckTextLines(const std::filesystem::path& path, std::string_view text, size_t lines_before) {
  const size_t nul = text.find('\0');
  const size_t bad = utf8::FirstInvalidOffset(text);
  if (nul == std::string_view::npos && bad == std::string_view::npos) return Status::Ok();
  auto line_of = [&](size_t offset) {
    return lines_before + 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
  };
  if (nul != std::string_view::npos && (bad == std::string_view::npos || line_of(nul) <= line_of(bad))) {
    return Status::Invalid(path.string() + ":" + std::to_string(line_of(nul)) +
                           ": 文件含有二进制内容，不是文本文件，未导入任何数据 (binary content, nothing imported)");
  }
  const size_t line_start = bad == 0 ? 0 : text.rfind('\n', bad - 1) + 1;  // npos + 1 == 0
  const std::string_view line = text.substr(line_start, text.find('\n', bad) - line_start);
  const std::string guess = LooksLikeGbk(line) ? "，看起来是 GBK/GB18030 编码" : "";
  return Status::Invalid(path.string() + ":" + std::to_string(line_of(bad)) + ": 文件不是 UTF-8 编码" + guess +
                         "。请在 Excel/WPS 中另存为「CSV UTF-8」或用 iconv 转换后再导入，未导入任何数据 "
                         "(not UTF-8, nothing imported)");
}

std::string Truncated(std::string s) {
  if (s.size() <= kRawKeptBytes) return s;
  size_t cut = kRawKeptBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

}  // namespace

Result<FileFormat> FormatFromPath(const std::filesystem::path& path) {
  const std::string ext = Lower(path.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return FileFormat::kJsonLines;
  if (ext == ".csv") return FileFormat::kCsv;
  return Status::Invalid(path.string() + ": 不支持的文件类型「" + ext +
                         "」，请使用 .jsonl 或 .csv（Excel 请另存为 CSV UTF-8）(unsupported file type)");
}

Result<RecordKind> KindFromPath(const std::filesystem::path& path) {
  const std::string stem = Lower(path.stem().string());
  struct Hint {
    std::string_view word;
    RecordKind kind;
  };
  static const Hint kHints[] = {
      {"craftsmen", RecordKind::kCraftsman}, {"craftsman", RecordKind::kCraftsman}, {"工匠", RecordKind::kCraftsman},
      {"enterprises", RecordKind::kEnterprise}, {"enterprise", RecordKind::kEnterprise}, {"企业需求", RecordKind::kNeed},
      {"needs", RecordKind::kNeed}, {"need", RecordKind::kNeed}, {"需求", RecordKind::kNeed},
      {"results", RecordKind::kResult}, {"result", RecordKind::kResult}, {"成果", RecordKind::kResult},
      {"企业", RecordKind::kEnterprise},
  };
  for (const Hint& h : kHints) {
    if (stem.find(h.word) != std::string::npos) return h.kind;
  }
  return Status::Invalid(path.string() +
                             ": 无法从文件名判断数据种类，请用 --kind craftsmen|enterprises|needs|results 指定 "
                             "(cannot tell the kind from the file name)",
                         "kind");
}

// Reads 1 MiB blocks rather than lines: the check passes over every byte of
// files of a gigabyte and more.
Status CheckUtf8Text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path.string() + ": 无法打开文件 (cannot open)");
  constexpr size_t kBlockBytes = size_t{1} << 20;
  std::string buffer;  // the unchecked tail: part of one line, no newline in it
  size_t lines_before = 0;
  bool at_end = false;
  while (!at_end) {
    const size_t kept = buffer.size();
    buffer.resize(kept + kBlockBytes);
    in.read(buffer.data() + kept, static_cast<std::streamsize>(kBlockBytes));
    buffer.resize(kept + static_cast<size_t>(in.gcount()));
    if (in.bad()) return Status::IoError(path.string() + ": 读取失败 (read error)");
    at_end = !in;
    // Only the fresh bytes can hold a newline; a long line is not rescanned.
    const size_t newline = std::string_view(buffer).substr(kept).rfind('\n');
    const size_t checked = at_end ? buffer.size() : newline == std::string_view::npos ? 0 : kept + newline + 1;
    const std::string_view lines(buffer.data(), checked);
    CRAFTLINK_RETURN_IF_ERROR(CheckTextLines(path, lines, lines_before));
    lines_before += static_cast<size_t>(std::count(lines.begin(), lines.end(), '\n'));
    buffer.erase(0, checked);
  }
  return Status::Ok();
}

Result<std::unique_ptr<RowSource>> RowSource::Open(const std::filesystem::path& path, FileFormat format,
                                                   RecordKind kind, size_t max_line_bytes) {
  std::unique_ptr<RowSource> source(new RowSource(format, kind, max_line_bytes));
  source->in_.open(path, std::ios::binary);
  if (!source->in_) return Status::IoError(path.string() + ": 无法打开文件 (cannot open)");
  if (format == FileFormat::kCsv) {
    source->csv_ = std::make_unique<CsvReader>(source->in_);
    CRAFTLINK_RETURN_IF_ERROR(source->ReadCsvHeader());
  }
  return source;
}

Result<std::optional<SourceRow>> RowSource::Next() {
  auto row = NextUnparsed();
  if (row.ok() && row->has_value()) Parse(**row);
  return row;
}

Result<std::optional<SourceRow>> RowSource::NextUnparsed() {
  return format_ == FileFormat::kJsonLines ? NextJsonLine() : NextCsvRecord();
}

void RowSource::Parse(SourceRow& row) {
  if (row.text.empty()) return;
  // Depth is bounded: nlohmann parses iteratively only up to what the
  // input nests, and a row this deep is refused by the codec anyway.
  auto j = nlohmann::json::parse(row.text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    row.object = Status::Invalid("不是合法的 JSON（可能被截断或缺少引号、逗号）(malformed JSON)");
  } else if (!j.is_object()) {
    row.object = Status::Invalid("每行必须是一个 JSON 对象 {...} (expected a JSON object)");
  } else {
    row.object = std::move(j);
  }
  SetDecoded(row);
}

void RowSource::SetDecoded(SourceRow& row) {
  row.raw = Truncated(std::move(row.text));
  row.text.clear();
}

Result<std::optional<SourceRow>> RowSource::NextJsonLine() {
  std::string line;
  while (std::getline(in_, line)) {
    ++line_;
    if (line_ == 1) line = std::string(utf8::StripBom(line));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (line.front() != '{' && utf8::Trim(line).empty())) continue;  // Trim copies
    SourceRow row;
    row.line = line_;
    if (line.size() > max_line_bytes_) {
      row.object = Status::Invalid("这一行有 " + std::to_string(line.size()) + " 字节，超过上限 " +
                                   std::to_string(max_line_bytes_) + " (line too long)");
      row.raw = Truncated(std::move(line));
      return std::optional<SourceRow>(std::move(row));
    }
    row.text = std::move(line);
    return std::optional<SourceRow>(std::move(row));
  }
  return std::optional<SourceRow>();
}

Status RowSource::ReadCsvHeader() {
  auto header = csv_->Next();
  if (!header.ok()) return header.status();
  if (!header->has_value()) return Status::Invalid("CSV 文件是空的，缺少表头行 (empty CSV, no header row)");
  for (const std::string& cell : **header) header_fields_.push_back(FieldForHeader(kind_, cell));
  const bool has_id = std::find(header_fields_.begin(), header_fields_.end(), "id") != header_fields_.end();
  if (!has_id) {
    return Status::Invalid("CSV 表头缺少「编号」(id) 列；第一行应为列名，例如 编号,姓名,技能 (header has no id column)");
  }
  return Status::Ok();
}

Result<std::optional<SourceRow>> RowSource::NextCsvRecord() {
  while (true) {
    auto record = csv_->Next();
    if (!record.ok()) return record.status();
    if (!record->has_value()) return std::optional<SourceRow>();
    std::vector<std::string>& cells = **record;  // moved into the row below
    const bool blank = std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return utf8::Trim(c).empty(); });
    if (blank) continue;
    SourceRow row;
    row.line = csv_->line();
    std::string raw;
    for (const auto& c : cells) raw += (raw.empty() ? "" : ",") + c;
    row.raw = Truncated(std::move(raw));
    if (cells.size() != header_fields_.size()) {
      row.object = Status::Invalid("有 " + std::to_string(cells.size()) + " 列，表头有 " +
                                   std::to_string(header_fields_.size()) + " 列 (column count mismatch)");
      return std::optional<SourceRow>(std::move(row));
    }
    std::vector<std::pair<std::string, nlohmann::json>> pairs;
    pairs.reserve(cells.size());
    for (size_t i = 0; i < cells.size(); ++i) pairs.emplace_back(header_fields_[i], std::move(cells[i]));
    row.object = RecordJsonFromCells(kind_, pairs);
    return std::optional<SourceRow>(std::move(row));
  }
}

}  // namespace craftlink::interchange

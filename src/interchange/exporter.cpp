#include "interchange/exporter.h"

#include <nlohmann/json.hpp>

#include "domain/codec.h"
#include "interchange/columns.h"
#include "interchange/csv.h"

namespace craftlink::interchange {
namespace {

constexpr char kExtraHeader[] = "其他字段";

std::vector<std::string> CsvHeader(const ExportOptions& options) {
  std::vector<std::string> header;
  for (const Column& c : ColumnsOf(options.kind)) {
    header.emplace_back(options.chinese_headers ? c.chinese : c.field);
  }
  header.emplace_back(options.chinese_headers ? kExtraHeader : "extra");
  return header;
}

std::vector<std::string> CsvRow(const nlohmann::json& record, domain::RecordKind kind) {
  std::vector<std::string> row;
  nlohmann::json rest = record;
  for (const Column& c : ColumnsOf(kind)) {
    auto it = record.find(std::string(c.field));
    row.push_back(it == record.end() ? "" : JsonToCell(*it));
    rest.erase(std::string(c.field));
  }
  row.push_back(rest.empty() ? "" : rest.dump());
  return row;
}

template <typename Record>
storage::Visitor<Record> Writer(const ExportOptions& options, std::ostream& out, size_t& count) {
  return [&options, &out, &count](Record&& r) {
    if (options.format == FileFormat::kJsonLines) {
      out << domain::ToJsonText(r) << '\n';
    } else {
      WriteCsvRow(out, CsvRow(domain::ToJson(r), options.kind));
    }
    ++count;
    return static_cast<bool>(out);
  };
}

}  // namespace

Result<size_t> ExportRecords(storage::Store& store, const ExportOptions& options, std::ostream& out) {
  if (options.format == FileFormat::kCsv) {
    out << "\xEF\xBB\xBF";
    WriteCsvRow(out, CsvHeader(options));
  }
  storage::ScanOptions scan{.org_id = options.org_id, .include_archived = options.include_archived};
  size_t count = 0;
  Status s;
  switch (options.kind) {
    case domain::RecordKind::kCraftsman:
      s = store.ScanCraftsmen(scan, Writer<domain::Craftsman>(options, out, count));
      break;
    case domain::RecordKind::kEnterprise:
      s = store.ScanEnterprises(scan, Writer<domain::Enterprise>(options, out, count));
      break;
    case domain::RecordKind::kNeed:
      s = store.ScanNeeds(scan, Writer<domain::Need>(options, out, count));
      break;
    case domain::RecordKind::kResult:
      s = store.ScanResults(scan, Writer<domain::InnovationResult>(options, out, count));
      break;
  }
  if (!s.ok()) return s;
  out.flush();
  if (!out) return Status::IoError("写出失败 (write failed)");
  return count;
}

}  // namespace craftlink::interchange

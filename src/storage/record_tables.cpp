#include "storage/record_tables.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/codec.h"
#include "storage/record_order.h"

namespace craftlink::storage {
namespace {

using domain::RecordKind;

// Stored bodies are written by ToJson; a body that does not decode means the
// database was changed behind the store's back.
template <typename Record, typename Decoder>
Result<Record> DecodeBody(std::string_view body, Decoder decode) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corruption("stored record body is not valid JSON");
  auto record = decode(j);
  if (!record.ok()) return Status::Corruption("stored record does not decode: " + record.status().ToString());
  return record;
}

// A row built from temporaries, each moved in: a braced list would copy
// every string, the body included.
template <typename... Values>
std::vector<SqlValue> MakeRow(Values&&... values) {
  std::vector<SqlValue> row;
  row.reserve(sizeof...(values));
  (row.emplace_back(std::forward<Values>(values)), ...);
  return row;
}

// The record's interchange JSON, moved into its value rather than copied.
template <typename Record>
SqlValue Body(const Record& record) {
  return SqlValue{domain::ToJsonText(record)};
}

}  // namespace

std::string SearchText(std::initializer_list<std::string_view> parts,
                       std::initializer_list<const std::vector<std::string>*> lists) {
  size_t size = 0;
  for (std::string_view p : parts) size += p.size() + 1;
  for (const auto* list : lists) {
    for (const std::string& s : *list) size += s.size() + 1;
  }
  std::string out;
  out.reserve(size);
  // ASCII only, byte by byte (what std::tolower does in the C locale, without
  // a call per byte): multi-byte UTF-8 sequences pass through unchanged.
  auto add = [&](std::string_view s) {
    if (s.empty()) return;
    if (!out.empty()) out.push_back(' ');
    const size_t at = out.size();
    out.append(s);
    for (size_t i = at; i < out.size(); ++i) {
      if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] - 'A' + 'a');
    }
  };
  for (std::string_view p : parts) add(p);
  for (const auto* list : lists) {
    for (const std::string& s : *list) add(s);
  }
  return out;
}

const UpsertSpec& RecordTable<domain::Craftsman>::Spec() {
  static const UpsertSpec kSpec{"craftsmen",
                                {"id", "org_id", "name", "region", "capacity_per_month", "available", "archived",
                                 "search_text", "body"},
                                {"id"}};
  return kSpec;
}

std::vector<SqlValue> RecordTable<domain::Craftsman>::Row(const domain::Craftsman& c) {
  return MakeRow(Text(c.id),
                 Text(c.meta.org_id),
                 Text(c.name),
                 Text(c.region),
                 Int(c.capacity_per_month),
                 Int(c.available ? 1 : 0),
                 Int(c.meta.archived ? 1 : 0),
                 SqlValue(SearchText({c.id, c.name, c.title, c.employer, c.bio, c.studio}, {&c.skills})),
                 Body(c));
}

Result<domain::Craftsman> RecordTable<domain::Craftsman>::Decode(std::string_view body) {
  return DecodeBody<domain::Craftsman>(body, domain::CraftsmanFromJson);
}

const UpsertSpec& RecordTable<domain::Enterprise>::Spec() {
  static const UpsertSpec kSpec{
      "enterprises",
      {"id", "org_id", "name", "uscc", "industry", "region", "archived", "search_text", "body"},
      {"id"}};
  return kSpec;
}

std::vector<SqlValue> RecordTable<domain::Enterprise>::Row(const domain::Enterprise& e) {
  return MakeRow(Text(e.id), Text(e.meta.org_id), Text(e.name), Text(e.uscc), Text(e.industry), Text(e.region),
                 Int(e.meta.archived ? 1 : 0),
                 SqlValue(SearchText({e.id, e.name, e.uscc})),
                 Body(e));
}

Result<domain::Enterprise> RecordTable<domain::Enterprise>::Decode(std::string_view body) {
  return DecodeBody<domain::Enterprise>(body, domain::EnterpriseFromJson);
}

const UpsertSpec& RecordTable<domain::Need>::Spec() {
  static const UpsertSpec kSpec{"needs",
                                {"id", "org_id", "enterprise_id", "kind", "industry", "region", "onsite", "status",
                                 "posted", "confidential", "archived", "search_text", "body"},
                                {"id"}};
  return kSpec;
}

std::vector<SqlValue> RecordTable<domain::Need>::Row(const domain::Need& n) {
  return MakeRow(Text(n.id),
                 Text(n.meta.org_id),
                 Text(n.enterprise_id),
                 Text(n.kind ? std::string(domain::ServiceKindCode(*n.kind)) : std::string()),
                 Text(n.industry),
                 Text(n.region),
                 Int(n.onsite ? 1 : 0),
                 Text(std::string(domain::NeedStatusCode(n.status))),
                 Text(n.posted),
                 Int(n.confidential ? 1 : 0),
                 Int(n.meta.archived ? 1 : 0),
                 SqlValue(SearchText({n.id, n.title, n.description}, {&n.skills})),
                 Body(n));
}

Result<domain::Need> RecordTable<domain::Need>::Decode(std::string_view body) {
  return DecodeBody<domain::Need>(body, domain::NeedFromJson);
}

const UpsertSpec& RecordTable<domain::InnovationResult>::Spec() {
  static const UpsertSpec kSpec{
      "results", {"id", "org_id", "title", "maturity", "archived", "search_text", "body"}, {"id"}};
  return kSpec;
}

std::vector<SqlValue> RecordTable<domain::InnovationResult>::Row(const domain::InnovationResult& r) {
  return MakeRow(Text(r.id),
                 Text(r.meta.org_id),
                 Text(r.title),
                 Text(std::string(domain::MaturityChinese(r.maturity))),
                 Int(r.meta.archived ? 1 : 0),
                 SqlValue(SearchText({r.id, r.title, r.summary, r.studio}, {&r.fields})),
                 Body(r));
}

Result<domain::InnovationResult> RecordTable<domain::InnovationResult>::Decode(std::string_view body) {
  return DecodeBody<domain::InnovationResult>(body, domain::InnovationResultFromJson);
}

// Taken from Row() itself, so a resumed scan compares against exactly what
// was written for the record. Row() serialises the whole record: callers
// ask once per page or chunk, not per row.
template <typename Record>
Result<std::string> SortValueOf(const Record& record, std::string_view column) {
  const auto& columns = RecordTable<Record>::Spec().columns;
  const auto at = std::find(columns.begin(), columns.end(), column);
  if (at == columns.end() || column == "body" || column == "search_text") {
    return Status::Invalid("cannot sort " + RecordTable<Record>::Spec().table + " by " + std::string(column), "sort");
  }
  const SqlValue value = RecordTable<Record>::Row(record)[static_cast<size_t>(at - columns.begin())];
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  // Integer columns would need typed cursors (and no COLLATE on PostgreSQL).
  return Status::Invalid("cannot sort " + RecordTable<Record>::Spec().table + " by the number column " +
                             std::string(column),
                         "sort");
}

template Result<std::string> SortValueOf(const domain::Craftsman&, std::string_view);
template Result<std::string> SortValueOf(const domain::Enterprise&, std::string_view);
template Result<std::string> SortValueOf(const domain::Need&, std::string_view);
template Result<std::string> SortValueOf(const domain::InnovationResult&, std::string_view);

const std::string& TableName(RecordKind kind) {
  static const std::string kNames[] = {"craftsmen", "enterprises", "needs", "results"};
  return kNames[static_cast<int>(kind)];
}

}  // namespace craftlink::storage

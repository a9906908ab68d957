#include "services/import_service.h"

#include <algorithm>
#include <unordered_map>

#include "domain/codec.h"
#include "interchange/columns.h"
#include "interchange/references.h"

namespace craftlink::services {
namespace {

using domain::RecordKind;

// Per-kind glue: decode, validate, read the stored record, where it goes in a batch.
template <typename Record>
struct Kind;

template <>
struct Kind<domain::Craftsman> {
  static auto Decode(const nlohmann::json& j) { return domain::CraftsmanFromJson(j); }
  static Status Check(const interchange::RecordValidator& v, domain::Craftsman& r) { return v.Check(r); }
  static auto Get(storage::Store& s, std::string_view id) { return s.GetCraftsman(id); }
  static auto& In(storage::WriteBatch& b) { return b.craftsmen; }
};

template <>
struct Kind<domain::Enterprise> {
  static auto Decode(const nlohmann::json& j) { return domain::EnterpriseFromJson(j); }
  // No override of a failing USCC check digit here: that stays a decision
  // taken on the command line (craftlink import --allow-bad-uscc).
  static Status Check(const interchange::RecordValidator& v, domain::Enterprise& r) { return v.Check(r, {}); }
  static auto Get(storage::Store& s, std::string_view id) { return s.GetEnterprise(id); }
  static auto& In(storage::WriteBatch& b) { return b.enterprises; }
};

template <>
struct Kind<domain::Need> {
  static auto Decode(const nlohmann::json& j) { return domain::NeedFromJson(j); }
  static Status Check(const interchange::RecordValidator& v, domain::Need& r) { return v.Check(r); }
  static auto Get(storage::Store& s, std::string_view id) { return s.GetNeed(id); }
  static auto& In(storage::WriteBatch& b) { return b.needs; }
};

template <>
struct Kind<domain::InnovationResult> {
  static auto Decode(const nlohmann::json& j) { return domain::InnovationResultFromJson(j); }
  static Status Check(const interchange::RecordValidator& v, domain::InnovationResult& r) { return v.Check(r); }
  static auto Get(storage::Store& s, std::string_view id) { return s.GetResult(id); }
  static auto& In(storage::WriteBatch& b) { return b.results; }
};

// A row's problem as the report lists it.
ImportRowError RowError(size_t row, const Status& s) { return {row, s.field(), s.message()}; }

// Decodes and validates one row; the record is normalised when ok.
template <typename Record>
Result<Record> ReadRow(RecordKind kind, const nlohmann::json& row, const interchange::RecordValidator& validator) {
  if (!row.is_object()) return Status::Invalid("每行应为一个对象 {字段: 值} (expected an object)");
  std::vector<std::pair<std::string, nlohmann::json>> cells;
  cells.reserve(row.size());
  for (auto it = row.begin(); it != row.end(); ++it) cells.emplace_back(it.key(), it.value());
  auto object = interchange::RecordJsonFromCells(kind, cells);
  if (!object.ok()) return object.status();
  auto record = Kind<Record>::Decode(*object);
  if (!record.ok()) return record.status();
  CRAFTLINK_RETURN_IF_ERROR(Kind<Record>::Check(validator, *record));
  return record;
}

}  // namespace

nlohmann::json ImportReport::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const ImportRowError& e : errors) list.push_back({{"row", e.row}, {"field", e.field}, {"message", e.message}});
  return {{"kind", domain::RecordKindPlural(kind)},
          {"dry_run", dry_run},
          {"written", written},
          {"org_id", org_id},
          {"counts",
           {{"rows", rows},
            {"valid", rows - invalid()},
            {"invalid", invalid()},
            {"created", created},
            {"updated", updated}}},
          {"errors", std::move(list)}};
}

nlohmann::json ImportService::Columns() {
  nlohmann::json kinds = nlohmann::json::object();
  for (RecordKind kind : domain::kAllRecordKinds) {
    nlohmann::json columns = nlohmann::json::array();
    for (const interchange::Column& c : interchange::ColumnsOf(kind)) {
      columns.push_back({{"field", c.field},
                         {"header", c.chinese},
                         {"aliases", c.aliases},
                         {"type", interchange::ColumnTypeCode(c.type)}});
    }
    kinds[std::string(domain::RecordKindPlural(kind))] = std::move(columns);
  }
  return {{"max_rows", kMaxImportRows}, {"kinds", std::move(kinds)}};
}

// Fills `records` with the rows that pass every check and `report` with
// the rest; counts what a write would create and update.
template <typename Record>
Status ImportService::Check(const access::Principal& who, const access::Policy& policy, const ImportRequest& request,
                            ImportReport& report, std::vector<Record>& records) {
  auto number = [&](size_t i) { return request.row_numbers.empty() ? i + 1 : request.row_numbers[i]; };
  std::vector<size_t> numbers;  // parallel to records
  std::unordered_map<std::string, size_t> first_row;
  for (size_t i = 0; i < request.rows.size(); ++i) {
    auto record = ReadRow<Record>(request.kind, request.rows[i], validator_);
    if (!record.ok()) {
      report.errors.push_back(RowError(number(i), record.status()));
      continue;
    }
    auto [seen, inserted] = first_row.emplace(record->id, number(i));
    if (!inserted) {
      report.errors.push_back(
          {number(i), "id",
           "编号「" + record->id + "」与第 " + std::to_string(seen->second) + " 行重复 (duplicate id)"});
      continue;
    }
    record->meta.org_id = report.org_id;
    records.push_back(std::move(*record));
    numbers.push_back(number(i));
  }

  // Drops the records at the positions where `problem` is not ok.
  auto keep_if = [&](const std::vector<Status>& problem) {
    std::vector<Record> kept;
    std::vector<size_t> kept_numbers;
    for (size_t i = 0; i < records.size(); ++i) {
      if (problem[i].ok()) {
        kept.push_back(std::move(records[i]));
        kept_numbers.push_back(numbers[i]);
      } else {
        report.errors.push_back(RowError(numbers[i], problem[i]));
      }
    }
    records = std::move(kept);
    numbers = std::move(kept_numbers);
  };

  if constexpr (std::is_same_v<Record, domain::Need> || std::is_same_v<Record, domain::InnovationResult>) {
    auto missing = interchange::MissingReferences(store_, records);
    if (!missing.ok()) return missing.status();
    std::vector<Status> problem(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      if (!(*missing)[i].empty()) problem[i] = interchange::MissingReferenceError(request.kind, (*missing)[i]);
    }
    keep_if(problem);
  }

  // An id already stored is an update, allowed where the caller may edit
  // that record; it keeps its owner and archive flag, as PUT does.
  std::vector<std::string> ids;
  for (const Record& r : records) ids.push_back(r.id);
  auto existing = store_.ExistingIds(request.kind, ids);
  if (!existing.ok()) return existing.status();
  std::vector<Status> problem(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    if (existing->count(records[i].id) == 0) continue;
    auto stored = Kind<Record>::Get(store_, records[i].id);
    if (!stored.ok()) return stored.status();
    if (!stored->has_value() || !policy.CanEdit(who, **stored)) {
      problem[i] = Status::Invalid("编号「" + records[i].id + "」已被其他组织的记录使用，不能覆盖；请换一个编号", "id");
      continue;
    }
    records[i].meta.org_id = (*stored)->meta.org_id;
    records[i].meta.archived = (*stored)->meta.archived;
    ++report.updated;
  }
  keep_if(problem);
  report.created = records.size() - report.updated;
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportRowError& a, const ImportRowError& b) { return a.row < b.row; });
  return Status::Ok();
}

Result<ImportReport> ImportService::Import(const access::Principal& who, const ImportRequest& request,
                                           const RequestOrigin& origin) {
  if (who.role != access::Role::kAdmin && who.role != access::Role::kStaff) {
    return Status::PermissionDenied("只有工会工作人员和管理员可以批量导入 (staff only)");
  }
  if (!request.rows.is_array()) return Status::Invalid("rows 应为数组 (rows must be an array)", "rows");
  if (request.rows.size() > kMaxImportRows) {
    return Status::Invalid("一次最多导入 " + std::to_string(kMaxImportRows) + " 行，请把文件拆分后分批导入", "rows");
  }
  if (!request.row_numbers.empty() && request.row_numbers.size() != request.rows.size()) {
    return Status::Invalid("row_numbers 的个数应与 rows 相同", "row_numbers");
  }
  auto orgs = store_.ListOrganisations();
  if (!orgs.ok()) return orgs.status();
  const access::OrgDirectory directory(*orgs);
  const access::Policy policy(directory);
  ImportReport report;
  report.kind = request.kind;
  report.dry_run = request.dry_run;
  report.rows = request.rows.size();
  report.org_id = !request.org_id.empty() ? request.org_id
                  : !who.org_id.empty()   ? who.org_id
                                          : std::string(storage::kRootOrganisationId);
  if (!directory.Exists(report.org_id)) return Status::Invalid("组织「" + report.org_id + "」不存在", "org_id");
  if (!policy.CanCreateIn(who, report.org_id)) {
    return Status::PermissionDenied("您无权向组织「" + report.org_id + "」导入数据，请选择您所在的组织或其下级组织");
  }

  storage::WriteBatch batch;
  Status checked;
  switch (request.kind) {
    case RecordKind::kCraftsman:
      checked = Check(who, policy, request, report, batch.craftsmen);
      break;
    case RecordKind::kEnterprise:
      checked = Check(who, policy, request, report, batch.enterprises);
      break;
    case RecordKind::kNeed:
      checked = Check(who, policy, request, report, batch.needs);
      break;
    case RecordKind::kResult:
      checked = Check(who, policy, request, report, batch.results);
      break;
  }
  CRAFTLINK_RETURN_IF_ERROR(checked);
  if (request.dry_run || !report.errors.empty() || batch.empty()) return report;

  Status s = store_.Apply(batch);
  if (s.code() == ErrorCode::kConflict) {
    // A referenced record was archived or removed between the check and the write.
    return Status::Invalid("引用的记录已不存在，请重新预览后再导入 (a referenced record disappeared)");
  }
  CRAFTLINK_RETURN_IF_ERROR(s);
  report.written = true;
  const nlohmann::json detail = {
      {"org_id", report.org_id}, {"rows", report.rows}, {"created", report.created}, {"updated", report.updated}};
  CRAFTLINK_RETURN_IF_ERROR(store_.AppendAudit({.user_id = who.user_id,
                                                .action = "import",
                                                .target = std::string(domain::RecordKindPlural(request.kind)),
                                                .ip = origin.ip,
                                                .detail = detail.dump()}));
  return report;
}

}  // namespace craftlink::services

#pragma once

// How each kind of record maps onto its table: the columns that are queried
// or constrained, plus the whole record as interchange JSON in `body`.

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/model.h"
#include "storage/sql.h"

namespace craftlink::storage {

template <typename Record>
struct RecordTable;

// Lower-cased text a listing's `q=` filter searches (LIKE), not the matcher.
std::string SearchText(std::initializer_list<std::string_view> parts,
                       std::initializer_list<const std::vector<std::string>*> lists = {});

template <>
struct RecordTable<domain::Craftsman> {
  static constexpr domain::RecordKind kKind = domain::RecordKind::kCraftsman;
  static const UpsertSpec& Spec();
  static std::vector<SqlValue> Row(const domain::Craftsman& c);
  static Result<domain::Craftsman> Decode(std::string_view body);
};

template <>
struct RecordTable<domain::Enterprise> {
  static constexpr domain::RecordKind kKind = domain::RecordKind::kEnterprise;
  static const UpsertSpec& Spec();
  static std::vector<SqlValue> Row(const domain::Enterprise& e);
  static Result<domain::Enterprise> Decode(std::string_view body);
};

template <>
struct RecordTable<domain::Need> {
  static constexpr domain::RecordKind kKind = domain::RecordKind::kNeed;
  static const UpsertSpec& Spec();
  static std::vector<SqlValue> Row(const domain::Need& n);
  static Result<domain::Need> Decode(std::string_view body);
};

template <>
struct RecordTable<domain::InnovationResult> {
  static constexpr domain::RecordKind kKind = domain::RecordKind::kResult;
  static const UpsertSpec& Spec();
  static std::vector<SqlValue> Row(const domain::InnovationResult& r);
  static Result<domain::InnovationResult> Decode(std::string_view body);
};

// The table that holds records of `kind`.
const std::string& TableName(domain::RecordKind kind);

}  // namespace craftlink::storage

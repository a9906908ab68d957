#include "interchange/references.h"

namespace craftlink::interchange {
namespace {

using domain::RecordKind;

template <typename Record, typename RefsOf>
Result<std::vector<std::string>> Missing(storage::Store& store, const std::vector<Record>& records, RecordKind target,
                                         RefsOf refs_of) {
  std::vector<std::string> wanted;
  for (const Record& r : records) {
    for (const std::string& ref : refs_of(r)) wanted.push_back(ref);
  }
  auto found = store.ExistingIds(target, wanted);
  if (!found.ok()) return found.status();
  std::vector<std::string> missing(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    for (const std::string& ref : refs_of(records[i])) {
      if (found->count(ref) == 0) missing[i] += (missing[i].empty() ? "" : "、") + ref;
    }
  }
  return missing;
}

}  // namespace

Result<std::vector<std::string>> MissingReferences(storage::Store& store, const std::vector<domain::Need>& needs) {
  return Missing(store, needs, RecordKind::kEnterprise,
                 [](const domain::Need& n) { return std::vector<std::string>{n.enterprise_id}; });
}

Result<std::vector<std::string>> MissingReferences(storage::Store& store,
                                                   const std::vector<domain::InnovationResult>& results) {
  return Missing(store, results, RecordKind::kCraftsman,
                 [](const domain::InnovationResult& r) -> const std::vector<std::string>& { return r.owner_ids; });
}

Status MissingReferenceError(RecordKind kind, const std::string& missing) {
  const bool need = kind == RecordKind::kNeed;
  const RecordKind target = need ? RecordKind::kEnterprise : RecordKind::kCraftsman;
  return Status::Invalid("引用的" + std::string(need ? "企业" : "工匠") + "「" + missing + "」不存在，请先导入 (" +
                             std::string(domain::RecordKindPlural(target)) + " not found)",
                         need ? "enterprise_id" : "owner_ids");
}

}  // namespace craftlink::interchange

#include "domain/model.h"

#include <array>

namespace craftlink::domain {

const std::vector<ServiceKindName>& ServiceKindNames() {
  static const std::vector<ServiceKindName> kNames = {
      {ServiceKind::kTechnicalService, "technical_service", "技术服务"},
      {ServiceKind::kJointResearch, "joint_research", "技术攻关"},
      {ServiceKind::kManagement, "management", "管理提升"},
      {ServiceKind::kTraining, "training", "技能培训"},
      {ServiceKind::kSafety, "safety", "安全生产"},
      {ServiceKind::kLecture, "lecture", "宣讲"},
  };
  return kNames;
}

std::string_view ServiceKindCode(ServiceKind kind) {
  for (const auto& n : ServiceKindNames()) {
    if (n.kind == kind) return n.code;
  }
  return {};
}

std::string_view ServiceKindChinese(ServiceKind kind) {
  for (const auto& n : ServiceKindNames()) {
    if (n.kind == kind) return n.chinese;
  }
  return {};
}

std::optional<ServiceKind> ParseServiceKind(std::string_view text) {
  for (const auto& n : ServiceKindNames()) {
    if (text == n.code || text == n.chinese) return n.kind;
  }
  return std::nullopt;
}

namespace {
template <typename Enum, size_t N>
std::optional<Enum> FindByName(const std::array<std::pair<Enum, std::string_view>, N>& table,
                               std::string_view text) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}
template <typename Enum, size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return {};
}

constexpr std::array<std::pair<OrganisationKind, std::string_view>, 5> kOrganisationKinds = {{
    {OrganisationKind::kNational, "national"},
    {OrganisationKind::kProvince, "province"},
    {OrganisationKind::kCity, "city"},
    {OrganisationKind::kDistrict, "district"},
    {OrganisationKind::kAlliance, "alliance"},
}};
constexpr std::array<std::pair<RecordKind, std::string_view>, 4> kRecordKinds = {{
    {RecordKind::kCraftsman, "craftsmen"},
    {RecordKind::kEnterprise, "enterprises"},
    {RecordKind::kNeed, "needs"},
    {RecordKind::kResult, "results"},
}};
constexpr std::array<std::pair<EnterpriseSize, std::string_view>, 4> kSizes = {{
    {EnterpriseSize::kLarge, "大型"},
    {EnterpriseSize::kMedium, "中型"},
    {EnterpriseSize::kSmall, "小型"},
    {EnterpriseSize::kMicro, "微型"},
}};
constexpr std::array<std::pair<NeedStatus, std::string_view>, 3> kNeedStatuses = {{
    {NeedStatus::kOpen, "open"},
    {NeedStatus::kInProgress, "in_progress"},
    {NeedStatus::kClosed, "closed"},
}};
constexpr std::array<std::pair<ConsentScope, std::string_view>, 3> kConsentScopes = {{
    {ConsentScope::kNone, "none"},
    {ConsentScope::kPool, "pool"},
    {ConsentScope::kPoolAndAlliance, "alliance"},
}};
constexpr std::array<std::pair<Maturity, std::string_view>, 3> kMaturities = {{
    {Maturity::kInDevelopment, "研发中"},
    {Maturity::kApplied, "已应用"},
    {Maturity::kPromoted, "已推广"},
}};
}  // namespace

std::string_view OrganisationKindCode(OrganisationKind kind) { return NameOf(kOrganisationKinds, kind); }
std::optional<OrganisationKind> ParseOrganisationKind(std::string_view text) {
  return FindByName(kOrganisationKinds, text);
}
std::string_view RecordKindPlural(RecordKind kind) { return NameOf(kRecordKinds, kind); }
std::optional<RecordKind> ParseRecordKind(std::string_view plural) { return FindByName(kRecordKinds, plural); }
std::string_view EnterpriseSizeChinese(EnterpriseSize size) { return NameOf(kSizes, size); }
std::optional<EnterpriseSize> ParseEnterpriseSize(std::string_view text) { return FindByName(kSizes, text); }
std::string_view NeedStatusCode(NeedStatus status) { return NameOf(kNeedStatuses, status); }
std::optional<NeedStatus> ParseNeedStatus(std::string_view text) { return FindByName(kNeedStatuses, text); }
std::string_view ConsentScopeCode(ConsentScope scope) { return NameOf(kConsentScopes, scope); }
std::optional<ConsentScope> ParseConsentScope(std::string_view text) { return FindByName(kConsentScopes, text); }
std::string_view MaturityChinese(Maturity maturity) { return NameOf(kMaturities, maturity); }
std::optional<Maturity> ParseMaturity(std::string_view text) { return FindByName(kMaturities, text); }

}  // namespace craftlink::domain

// domain: the records CraftLink keeps — craftsmen, enterprises, needs,
// innovation results and the union organisations that own them — and the
// vocabularies they use. Plain values with no I/O; invariants that need no
// reference tables are checked here, the rest in interchange/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace craftlink::domain {

// The kinds of help the programme offers (glossary: service kinds). Files and
// the UI carry the Chinese names, code and the JSON API the English codes.
enum class ServiceKind { kTechnicalService, kJointResearch, kManagement, kTraining, kSafety, kLecture };

struct ServiceKindName {
  ServiceKind kind;
  std::string_view code;     // technical_service
  std::string_view chinese;  // 技术服务
};
const std::vector<ServiceKindName>& ServiceKindNames();
std::string_view ServiceKindCode(ServiceKind kind);
std::string_view ServiceKindChinese(ServiceKind kind);
// Accepts either the Chinese name or the English code.
std::optional<ServiceKind> ParseServiceKind(std::string_view text);

enum class OrganisationKind { kNational, kProvince, kCity, kDistrict, kAlliance };
std::string_view OrganisationKindCode(OrganisationKind kind);
std::optional<OrganisationKind> ParseOrganisationKind(std::string_view text);

// A union body. Organisations form a tree through parent_id; an alliance
// (such as 川渝) is not in the tree's ownership line but names its members.
struct Organisation {
  std::string id;
  std::string name;
  std::string parent_id;  // empty for the root
  OrganisationKind kind = OrganisationKind::kNational;
  std::string region;                    // GB/T 2260, optional
  std::vector<std::string> member_ids;   // alliances only
};

// The four kinds of record that import/export and the change feed deal in.
enum class RecordKind { kCraftsman, kEnterprise, kNeed, kResult };
std::string_view RecordKindPlural(RecordKind kind);  // "craftsmen"
std::optional<RecordKind> ParseRecordKind(std::string_view plural);
inline constexpr RecordKind kAllRecordKinds[] = {RecordKind::kCraftsman, RecordKind::kEnterprise,
                                                 RecordKind::kNeed, RecordKind::kResult};

// Fields every stored record has besides its own.
struct RecordMeta {
  std::string org_id;            // owning organisation
  bool archived = false;
  nlohmann::json extra = nlohmann::json::object();  // unknown import fields, kept verbatim
};

enum class ConsentScope { kNone, kPool, kPoolAndAlliance };
std::string_view ConsentScopeCode(ConsentScope scope);  // none | pool | alliance
std::optional<ConsentScope> ParseConsentScope(std::string_view text);

struct Craftsman {
  std::string id;
  std::string name;
  std::string title;
  std::vector<std::string> honors;
  std::string employer;
  std::string region;
  std::vector<std::string> skills;
  std::string bio;
  std::vector<std::string> achievements;
  std::vector<ServiceKind> service_kinds;
  int capacity_per_month = 2;
  std::string studio;
  std::string phone;  // personal data
  bool available = true;
  // Consent under the Personal Information Protection Law: which sharing the
  // craftsman agreed to, and when. Without "alliance", no partner
  // organisation sees the profile.
  ConsentScope consent = ConsentScope::kNone;
  std::string consent_date;  // ISO date
  RecordMeta meta;
};

enum class EnterpriseSize { kUnknown, kLarge, kMedium, kSmall, kMicro };
std::string_view EnterpriseSizeChinese(EnterpriseSize size);
std::optional<EnterpriseSize> ParseEnterpriseSize(std::string_view text);

struct Enterprise {
  std::string id;
  std::string name;
  std::string uscc;
  bool uscc_check_overridden = false;  // imported with --allow-bad-uscc
  std::string industry;
  std::string region;
  EnterpriseSize size = EnterpriseSize::kUnknown;
  std::string contact_name;   // personal data
  std::string contact_phone;  // personal data
  RecordMeta meta;
};

enum class NeedStatus { kOpen, kInProgress, kClosed };
std::string_view NeedStatusCode(NeedStatus status);
std::optional<NeedStatus> ParseNeedStatus(std::string_view text);

struct Need {
  std::string id;
  std::string enterprise_id;
  std::string title;
  std::string description;
  std::optional<ServiceKind> kind;
  std::string industry;  // defaults to the enterprise's
  std::string region;    // defaults to the enterprise's
  bool onsite = false;
  std::vector<std::string> skills;
  std::string posted;  // ISO date
  bool confidential = false;
  NeedStatus status = NeedStatus::kOpen;
  RecordMeta meta;
};

enum class Maturity { kUnknown, kInDevelopment, kApplied, kPromoted };
std::string_view MaturityChinese(Maturity maturity);
std::optional<Maturity> ParseMaturity(std::string_view text);

struct InnovationResult {
  std::string id;
  std::string title;
  std::vector<std::string> owner_ids;
  std::string studio;
  std::string summary;
  std::vector<std::string> fields;
  Maturity maturity = Maturity::kUnknown;
  std::string benefit;
  RecordMeta meta;
};

}  // namespace craftlink::domain

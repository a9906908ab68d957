#include "domain/codec.h"

#include <set>

#include "domain/codec_fields.h"

namespace craftlink::domain {
namespace {

using nlohmann::json;
using codec_internal::FieldReader;

// The parsed-tree view codec_fields.h reads fields through.
class JsonView {
 public:
  using Value = json;
  explicit JsonView(const json& j) : j_(j) {}

  bool is_object() const { return j_.is_object(); }
  const json* Take(const char* key) {
    taken_.insert(key);
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  json Rest() const {
    json extra = json::object();
    if (!j_.is_object()) return extra;
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (taken_.count(it.key()) == 0) extra[it.key()] = it.value();
    }
    return extra;
  }

  static bool IsNull(const json& v) { return v.is_null(); }
  static bool IsInt(const json& v) { return v.is_number_integer(); }
  static long long IntOf(const json& v) { return v.get<long long>(); }
  static bool IsString(const json& v) { return v.is_string(); }
  static std::string_view StringOf(const json& v) { return v.get_ref<const std::string&>(); }
  static bool IsBool(const json& v) { return v.is_boolean(); }
  static bool BoolOf(const json& v) { return v.get<bool>(); }
  static bool IsArray(const json& v) { return v.is_array(); }
  static size_t ItemCount(const json& v) { return v.size(); }
  static const json& Items(const json& v) { return v; }

 private:
  const json& j_;
  std::set<std::string> taken_;
};

void PutIfNotEmpty(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}
void PutIfNotEmpty(json& j, const char* key, const std::vector<std::string>& value) {
  if (!value.empty()) j[key] = value;
}
void MergeExtra(json& j, const RecordMeta& meta) {
  for (auto it = meta.extra.begin(); it != meta.extra.end(); ++it) {
    if (!j.contains(it.key())) j[it.key()] = it.value();
  }
}

}  // namespace

json ToJson(const Craftsman& c) {
  json j = {{"id", c.id}, {"name", c.name}};
  PutIfNotEmpty(j, "title", c.title);
  PutIfNotEmpty(j, "honors", c.honors);
  PutIfNotEmpty(j, "employer", c.employer);
  PutIfNotEmpty(j, "region", c.region);
  PutIfNotEmpty(j, "skills", c.skills);
  PutIfNotEmpty(j, "bio", c.bio);
  PutIfNotEmpty(j, "achievements", c.achievements);
  if (!c.service_kinds.empty()) {
    json kinds = json::array();
    for (ServiceKind k : c.service_kinds) kinds.push_back(std::string(ServiceKindChinese(k)));
    j["service_kinds"] = kinds;
  }
  j["capacity_per_month"] = c.capacity_per_month;
  PutIfNotEmpty(j, "studio", c.studio);
  PutIfNotEmpty(j, "phone", c.phone);
  if (!c.available) j["available"] = false;
  if (c.consent != ConsentScope::kNone) j["consent_scope"] = std::string(ConsentScopeCode(c.consent));
  PutIfNotEmpty(j, "consent_date", c.consent_date);
  MergeExtra(j, c.meta);
  return j;
}

Result<Craftsman> CraftsmanFromJson(const json& j) {
  JsonView view(j);
  return codec_internal::DecodeCraftsman(view);
}

json ToJson(const Enterprise& e) {
  json j = {{"id", e.id}, {"name", e.name}};
  PutIfNotEmpty(j, "uscc", e.uscc);
  PutIfNotEmpty(j, "industry", e.industry);
  PutIfNotEmpty(j, "region", e.region);
  if (e.size != EnterpriseSize::kUnknown) j["size"] = std::string(EnterpriseSizeChinese(e.size));
  PutIfNotEmpty(j, "contact_name", e.contact_name);
  PutIfNotEmpty(j, "contact_phone", e.contact_phone);
  if (e.uscc_check_overridden) j["uscc_check_overridden"] = true;
  MergeExtra(j, e.meta);
  return j;
}

Result<Enterprise> EnterpriseFromJson(const json& j) {
  JsonView view(j);
  return codec_internal::DecodeEnterprise(view);
}

json ToJson(const Need& n) {
  json j = {{"id", n.id}, {"enterprise_id", n.enterprise_id}, {"title", n.title}};
  PutIfNotEmpty(j, "description", n.description);
  if (n.kind) j["kind"] = std::string(ServiceKindChinese(*n.kind));
  PutIfNotEmpty(j, "industry", n.industry);
  PutIfNotEmpty(j, "region", n.region);
  j["onsite"] = n.onsite;
  PutIfNotEmpty(j, "skills", n.skills);
  PutIfNotEmpty(j, "posted", n.posted);
  if (n.confidential) j["confidential"] = true;
  if (n.status != NeedStatus::kOpen) j["status"] = std::string(NeedStatusCode(n.status));
  MergeExtra(j, n.meta);
  return j;
}

Result<Need> NeedFromJson(const json& j) {
  JsonView view(j);
  return codec_internal::DecodeNeed(view);
}

json ToJson(const InnovationResult& x) {
  json j = {{"id", x.id}, {"title", x.title}};
  PutIfNotEmpty(j, "owner_ids", x.owner_ids);
  PutIfNotEmpty(j, "studio", x.studio);
  PutIfNotEmpty(j, "summary", x.summary);
  PutIfNotEmpty(j, "fields", x.fields);
  if (x.maturity != Maturity::kUnknown) j["maturity"] = std::string(MaturityChinese(x.maturity));
  PutIfNotEmpty(j, "benefit", x.benefit);
  MergeExtra(j, x.meta);
  return j;
}

Result<InnovationResult> InnovationResultFromJson(const json& j) {
  JsonView view(j);
  return codec_internal::DecodeInnovationResult(view);
}

json ToJson(const Organisation& o) {
  json j = {{"id", o.id}, {"name", o.name}, {"kind", std::string(OrganisationKindCode(o.kind))}};
  PutIfNotEmpty(j, "parent_id", o.parent_id);
  PutIfNotEmpty(j, "region", o.region);
  PutIfNotEmpty(j, "member_ids", o.member_ids);
  return j;
}

Result<Organisation> OrganisationFromJson(const json& j) {
  Organisation o;
  JsonView view(j);
  FieldReader r(view);
  r.Text("id", o.id, true);
  r.Text("name", o.name, true);
  std::optional<OrganisationKind> kind;
  r.Vocabulary("kind", kind, ParseOrganisationKind, "national、province、city、district、alliance");
  if (kind) o.kind = *kind;
  r.Text("parent_id", o.parent_id);
  r.Text("region", o.region);
  r.TextList("member_ids", o.member_ids);
  if (!r.status().ok()) return r.status();
  return o;
}

}  // namespace craftlink::domain

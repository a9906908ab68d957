#include "domain/codec.h"

#include <set>

#include "core/utf8.h"

namespace craftlink::domain {
namespace {

using nlohmann::json;

// Reads fields out of one JSON object, remembering which keys it consumed so
// that the rest can be kept in `extra`. The first error wins.
class FieldReader {
 public:
  explicit FieldReader(const json& j) : j_(j) {
    if (!j.is_object()) status_ = Status::Invalid("每行必须是一个 JSON 对象 (expected a JSON object)");
  }

  void Text(const char* key, std::string& out, bool required = false, size_t max_len = kMaxShortText) {
    const json* v = Take(key);
    if (v == nullptr || v->is_null()) {
      if (required) Fail(key, "必填字段缺失 (required field is missing)");
      return;
    }
    if (v->is_number_integer()) {  // ids and codes typed as numbers in spreadsheets
      out = std::to_string(v->get<long long>());
    } else if (!v->is_string()) {
      Fail(key, "应为字符串 (expected a string)");
      return;
    } else {
      out = utf8::Trim(v->get_ref<const std::string&>());
    }
    if (required && out.empty()) Fail(key, "必填字段为空 (required field is empty)");
    if (utf8::CodePointCount(out) > max_len) {
      Fail(key, "超过 " + std::to_string(max_len) + " 字的长度上限 (text too long)");
    }
  }

  void TextList(const char* key, std::vector<std::string>& out) {
    const json* v = Take(key);
    if (v == nullptr || v->is_null()) return;
    if (!v->is_array()) {
      Fail(key, "应为字符串数组 (expected an array of strings)");
      return;
    }
    if (v->size() > kMaxListItems) {
      Fail(key, "条目超过 " + std::to_string(kMaxListItems) + " 个 (too many items)");
      return;
    }
    for (const json& item : *v) {
      if (!item.is_string()) {
        Fail(key, "数组元素应为字符串 (expected strings in the array)");
        return;
      }
      std::string text = utf8::Trim(item.get_ref<const std::string&>());
      if (utf8::CodePointCount(text) > kMaxShortText) {
        Fail(key, "条目超过 " + std::to_string(kMaxShortText) + " 字 (item too long)");
        return;
      }
      if (!text.empty()) out.push_back(std::move(text));
    }
  }

  void Bool(const char* key, bool& out) {
    const json* v = Take(key);
    if (v == nullptr || v->is_null()) return;
    if (v->is_boolean()) {
      out = v->get<bool>();
    } else if (v->is_number_integer() && (v->get<long long>() == 0 || v->get<long long>() == 1)) {
      out = v->get<long long>() == 1;
    } else {
      Fail(key, "应为 true 或 false (expected a boolean)");
    }
  }

  void Int(const char* key, int& out, int min, int max) {
    const json* v = Take(key);
    if (v == nullptr || v->is_null()) return;
    if (!v->is_number_integer()) {
      Fail(key, "应为整数 (expected an integer)");
      return;
    }
    const long long n = v->get<long long>();
    if (n < min || n > max) {
      Fail(key, "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间 (out of range)");
      return;
    }
    out = static_cast<int>(n);
  }

  // Parses an optional vocabulary value with `parse`, naming the accepted values on failure.
  template <typename Enum, typename Parse>
  void Vocabulary(const char* key, std::optional<Enum>& out, Parse parse, const char* accepted) {
    std::string text;
    Text(key, text);
    if (text.empty() || !status_.ok()) return;
    out = parse(text);
    if (!out) Fail(key, "未知取值「" + text + "」，可选：" + accepted);
  }

  // Everything not consumed, for RecordMeta::extra.
  json Rest() const {
    json extra = json::object();
    if (!j_.is_object()) return extra;
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (taken_.count(it.key()) == 0) extra[it.key()] = it.value();
    }
    return extra;
  }

  void Fail(const char* key, std::string reason) {
    if (status_.ok()) status_ = Status::Invalid(std::move(reason), key);
  }
  const Status& status() const { return status_; }

 private:
  const json* Take(const char* key) {
    taken_.insert(key);
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }

  const json& j_;
  std::set<std::string> taken_;
  Status status_;
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

const char kServiceKindsAccepted[] = "技术服务、技术攻关、管理提升、技能培训、安全生产、宣讲";

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
  Craftsman c;
  FieldReader r(j);
  r.Text("id", c.id, true);
  r.Text("name", c.name, true);
  r.Text("title", c.title);
  r.TextList("honors", c.honors);
  r.Text("employer", c.employer);
  r.Text("region", c.region);
  r.TextList("skills", c.skills);
  r.Text("bio", c.bio, false, kMaxLongText);
  r.TextList("achievements", c.achievements);
  std::vector<std::string> kinds;
  r.TextList("service_kinds", kinds);
  for (const std::string& k : kinds) {
    auto kind = ParseServiceKind(k);
    if (!kind) {
      r.Fail("service_kinds", "未知服务类型「" + k + "」，可选：" + kServiceKindsAccepted);
      break;
    }
    c.service_kinds.push_back(*kind);
  }
  r.Int("capacity_per_month", c.capacity_per_month, 0, 100);
  r.Text("studio", c.studio);
  r.Text("phone", c.phone);
  r.Bool("available", c.available);
  std::optional<ConsentScope> consent;
  r.Vocabulary("consent_scope", consent, ParseConsentScope, "none、pool、alliance");
  if (consent) c.consent = *consent;
  r.Text("consent_date", c.consent_date);
  if (!r.status().ok()) return r.status();
  c.meta.extra = r.Rest();
  return c;
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
  Enterprise e;
  FieldReader r(j);
  r.Text("id", e.id, true);
  r.Text("name", e.name, true);
  r.Text("uscc", e.uscc);
  r.Text("industry", e.industry);
  r.Text("region", e.region);
  std::optional<EnterpriseSize> size;
  r.Vocabulary("size", size, ParseEnterpriseSize, "大型、中型、小型、微型");
  if (size) e.size = *size;
  r.Text("contact_name", e.contact_name);
  r.Text("contact_phone", e.contact_phone);
  r.Bool("uscc_check_overridden", e.uscc_check_overridden);
  if (!r.status().ok()) return r.status();
  e.meta.extra = r.Rest();
  return e;
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
  Need n;
  FieldReader r(j);
  r.Text("id", n.id, true);
  r.Text("enterprise_id", n.enterprise_id, true);
  r.Text("title", n.title, true);
  r.Text("description", n.description, false, kMaxLongText);
  r.Vocabulary("kind", n.kind, ParseServiceKind, kServiceKindsAccepted);
  r.Text("industry", n.industry);
  r.Text("region", n.region);
  r.Bool("onsite", n.onsite);
  r.TextList("skills", n.skills);
  r.Text("posted", n.posted);
  r.Bool("confidential", n.confidential);
  std::optional<NeedStatus> status;
  r.Vocabulary("status", status, ParseNeedStatus, "open、in_progress、closed");
  if (status) n.status = *status;
  if (!r.status().ok()) return r.status();
  n.meta.extra = r.Rest();
  return n;
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
  InnovationResult x;
  FieldReader r(j);
  r.Text("id", x.id, true);
  r.Text("title", x.title, true);
  r.TextList("owner_ids", x.owner_ids);
  r.Text("studio", x.studio);
  r.Text("summary", x.summary, false, kMaxLongText);
  r.TextList("fields", x.fields);
  std::optional<Maturity> maturity;
  r.Vocabulary("maturity", maturity, ParseMaturity, "研发中、已应用、已推广");
  if (maturity) x.maturity = *maturity;
  r.Text("benefit", x.benefit);
  if (!r.status().ok()) return r.status();
  x.meta.extra = r.Rest();
  return x;
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
  FieldReader r(j);
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

#include "domain/codec.h"

#include <set>

#include "domain/codec_fields.h"

namespace craftlink::domain {
namespace {

using nlohmann::json;
using codec_internal::FieldReader;

// The parsed-tree view codec_fields.h reads fields through.
class JsonView : public codec_internal::JsonValues {
 public:
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

}  // namespace

// The records' field lists live once, in ToJsonText (codec_text.cpp), which
// writes what the store keeps; the tree is that text parsed.
json ToJson(const Craftsman& c) { return json::parse(ToJsonText(c)); }

Result<Craftsman> CraftsmanFromJson(const json& j) {
  JsonView view(j);
  return codec_internal::DecodeCraftsman(view);
}

json ToJson(const Enterprise& e) { return json::parse(ToJsonText(e)); }

Result<Enterprise> EnterpriseFromJson(const json& j) {
  JsonView view(j);
  return codec_internal::DecodeEnterprise(view);
}

json ToJson(const Need& n) { return json::parse(ToJsonText(n)); }

Result<Need> NeedFromJson(const json& j) {
  JsonView view(j);
  return codec_internal::DecodeNeed(view);
}

json ToJson(const InnovationResult& x) { return json::parse(ToJsonText(x)); }

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

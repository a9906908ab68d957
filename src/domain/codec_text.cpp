// ToJsonText: the records' interchange JSON written as text directly, and
// the one place that lists which fields a record writes (ToJson parses this
// text). Building a tree (a node and a map entry per field) and dumping it
// cost an import as much as SQLite's inserts.

#include <cstdio>
#include <stdexcept>

#include "core/utf8.h"
#include "domain/codec.h"

namespace craftlink::domain {
namespace {

using nlohmann::json;

// Appends `s` as nlohmann's dump writes a string with ensure_ascii off.
void AppendString(std::string& out, std::string_view s) {
  const size_t mark = out.size();
  out.push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = utf8::SequenceLength(s, i);
      if (n == 0) {  // nlohmann replaces bad bytes with U+FFFD its own way
        out.resize(mark);
        out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
        return;
      }
      i += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
        out += escaped;
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

// Writes one object: the record's own fields, which the caller gives in key
// order, with the extra fields merged in where they sort. A field the record
// has hides an extra of the same name.
class ObjectWriter {
 public:
  explicit ObjectWriter(const json& extra) : next_(CheckedObject(extra).begin()), end_(extra.end()) {
    out_.reserve(1024);
    out_.push_back('{');
  }

  void Text(std::string_view key, std::string_view value) {
    Key(key);
    AppendString(out_, value);
  }
  void TextIfNotEmpty(std::string_view key, std::string_view value) {
    if (!value.empty()) Text(key, value);
  }
  void ListIfNotEmpty(std::string_view key, const std::vector<std::string>& items) {
    if (items.empty()) return;
    Key(key);
    out_.push_back('[');
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out_.push_back(',');
      AppendString(out_, items[i]);
    }
    out_.push_back(']');
  }
  void Int(std::string_view key, long long n) {
    Key(key);
    out_ += std::to_string(n);
  }
  void Bool(std::string_view key, bool b) {
    Key(key);
    out_ += b ? "true" : "false";
  }

  std::string Finish() {
    for (; next_ != end_; ++next_) Extra();
    out_.push_back('}');
    return std::move(out_);
  }

 private:
  void Key(std::string_view key) {
    for (; next_ != end_ && std::string_view(next_.key()) < key; ++next_) Extra();
    if (next_ != end_ && next_.key() == key) ++next_;
    Name(key);
  }
  void Name(std::string_view key) {
    if (out_.size() > 1) out_.push_back(',');
    AppendString(out_, key);
    out_.push_back(':');
  }
  void Extra() {
    Name(next_.key());
    out_ += next_.value().dump(-1, ' ', false, json::error_handler_t::replace);
  }

  // Every decoder and service makes `extra` an object; anything else is a
  // programming error, and writing it would lose or garble fields.
  static const json& CheckedObject(const json& extra) {
    if (!extra.is_object() && !extra.is_null()) throw std::invalid_argument("a record's extra fields must be an object");
    return extra;
  }

  json::const_iterator next_, end_;
  std::string out_;
};

}  // namespace

std::string ToJsonText(const Craftsman& c) {
  ObjectWriter w(c.meta.extra);
  w.ListIfNotEmpty("achievements", c.achievements);
  if (!c.available) w.Bool("available", false);
  w.TextIfNotEmpty("bio", c.bio);
  w.Int("capacity_per_month", c.capacity_per_month);
  w.TextIfNotEmpty("consent_date", c.consent_date);
  if (c.consent != ConsentScope::kNone) w.Text("consent_scope", ConsentScopeCode(c.consent));
  w.TextIfNotEmpty("employer", c.employer);
  w.ListIfNotEmpty("honors", c.honors);
  w.Text("id", c.id);
  w.Text("name", c.name);
  w.TextIfNotEmpty("phone", c.phone);
  w.TextIfNotEmpty("region", c.region);
  std::vector<std::string> kinds;
  for (ServiceKind k : c.service_kinds) kinds.emplace_back(ServiceKindChinese(k));
  w.ListIfNotEmpty("service_kinds", kinds);
  w.ListIfNotEmpty("skills", c.skills);
  w.TextIfNotEmpty("studio", c.studio);
  w.TextIfNotEmpty("title", c.title);
  return w.Finish();
}

std::string ToJsonText(const Enterprise& e) {
  ObjectWriter w(e.meta.extra);
  w.TextIfNotEmpty("contact_name", e.contact_name);
  w.TextIfNotEmpty("contact_phone", e.contact_phone);
  w.Text("id", e.id);
  w.TextIfNotEmpty("industry", e.industry);
  w.Text("name", e.name);
  w.TextIfNotEmpty("region", e.region);
  if (e.size != EnterpriseSize::kUnknown) w.Text("size", EnterpriseSizeChinese(e.size));
  w.TextIfNotEmpty("uscc", e.uscc);
  if (e.uscc_check_overridden) w.Bool("uscc_check_overridden", true);
  return w.Finish();
}

std::string ToJsonText(const Need& n) {
  ObjectWriter w(n.meta.extra);
  if (n.confidential) w.Bool("confidential", true);
  w.TextIfNotEmpty("description", n.description);
  w.Text("enterprise_id", n.enterprise_id);
  w.Text("id", n.id);
  w.TextIfNotEmpty("industry", n.industry);
  if (n.kind) w.Text("kind", ServiceKindChinese(*n.kind));
  w.Bool("onsite", n.onsite);
  w.TextIfNotEmpty("posted", n.posted);
  w.TextIfNotEmpty("region", n.region);
  w.ListIfNotEmpty("skills", n.skills);
  if (n.status != NeedStatus::kOpen) w.Text("status", NeedStatusCode(n.status));
  w.Text("title", n.title);
  return w.Finish();
}

std::string ToJsonText(const InnovationResult& x) {
  ObjectWriter w(x.meta.extra);
  w.TextIfNotEmpty("benefit", x.benefit);
  w.ListIfNotEmpty("fields", x.fields);
  w.Text("id", x.id);
  if (x.maturity != Maturity::kUnknown) w.Text("maturity", MaturityChinese(x.maturity));
  w.ListIfNotEmpty("owner_ids", x.owner_ids);
  w.TextIfNotEmpty("studio", x.studio);
  w.TextIfNotEmpty("summary", x.summary);
  w.Text("title", x.title);
  return w.Finish();
}

}  // namespace craftlink::domain

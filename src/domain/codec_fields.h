#pragma once

// Internal to domain/codec*: the interchange decoders, written once for the
// two forms a record arrives in — a parsed nlohmann::json tree (codec.cpp)
// and a JSON Lines row scanned flat (codec_line.cpp) — so that both give the
// same record, and the same error naming the same field, by construction.
//
// An object view `View` provides
//   bool is_object() const;
//   const Value* Take(const char* key);  // nullptr when absent; the key counts as known
//   nlohmann::json Rest() const;         // the members never taken, for RecordMeta::extra
// and static accessors on its Value: IsNull, IsInt, IntOf (long long),
// IsString, StringOf (string_view), IsBool, BoolOf, IsArray, ItemCount, and
// Items (a range of Values).

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/utf8.h"
#include "domain/codec.h"
#include "domain/model.h"

namespace craftlink::domain::codec_internal {

// The Value accessors of a view whose values are nlohmann::json nodes.
struct JsonValues {
  using Value = nlohmann::json;
  static bool IsNull(const Value& v) { return v.is_null(); }
  static bool IsInt(const Value& v) { return v.is_number_integer(); }
  static long long IntOf(const Value& v) { return v.get<long long>(); }
  static bool IsString(const Value& v) { return v.is_string(); }
  static std::string_view StringOf(const Value& v) { return v.get_ref<const std::string&>(); }
  static bool IsBool(const Value& v) { return v.is_boolean(); }
  static bool BoolOf(const Value& v) { return v.get<bool>(); }
  static bool IsArray(const Value& v) { return v.is_array(); }
  static size_t ItemCount(const Value& v) { return v.size(); }
  static const Value& Items(const Value& v) { return v; }
};

// Reads fields out of one object through its view. The first error wins.
template <typename View>
class FieldReader {
 public:
  explicit FieldReader(View& view) : view_(view) {
    if (!view.is_object()) status_ = Status::Invalid("每行必须是一个 JSON 对象 (expected a JSON object)");
  }

  void Text(const char* key, std::string& out, bool required = false, size_t max_len = kMaxShortText) {
    const auto* v = view_.Take(key);
    if (v == nullptr || View::IsNull(*v)) {
      if (required) Fail(key, "必填字段缺失 (required field is missing)");
      return;
    }
    if (View::IsInt(*v)) {  // ids and codes typed as numbers in spreadsheets
      out = std::to_string(View::IntOf(*v));
    } else if (!View::IsString(*v)) {
      Fail(key, "应为字符串 (expected a string)");
      return;
    } else {
      out = utf8::Trim(View::StringOf(*v));
    }
    if (required && out.empty()) Fail(key, "必填字段为空 (required field is empty)");
    if (utf8::CodePointCount(out) > max_len) {
      Fail(key, "超过 " + std::to_string(max_len) + " 字的长度上限 (text too long)");
    }
  }

  void TextList(const char* key, std::vector<std::string>& out) {
    const auto* v = view_.Take(key);
    if (v == nullptr || View::IsNull(*v)) return;
    if (!View::IsArray(*v)) {
      Fail(key, "应为字符串数组 (expected an array of strings)");
      return;
    }
    if (view_.ItemCount(*v) > kMaxListItems) {
      Fail(key, "条目超过 " + std::to_string(kMaxListItems) + " 个 (too many items)");
      return;
    }
    for (const auto& item : view_.Items(*v)) {
      if (!View::IsString(item)) {
        Fail(key, "数组元素应为字符串 (expected strings in the array)");
        return;
      }
      std::string text = utf8::Trim(View::StringOf(item));
      if (utf8::CodePointCount(text) > kMaxShortText) {
        Fail(key, "条目超过 " + std::to_string(kMaxShortText) + " 字 (item too long)");
        return;
      }
      if (!text.empty()) out.push_back(std::move(text));
    }
  }

  void Bool(const char* key, bool& out) {
    const auto* v = view_.Take(key);
    if (v == nullptr || View::IsNull(*v)) return;
    if (View::IsBool(*v)) {
      out = View::BoolOf(*v);
    } else if (View::IsInt(*v) && (View::IntOf(*v) == 0 || View::IntOf(*v) == 1)) {
      out = View::IntOf(*v) == 1;
    } else {
      Fail(key, "应为 true 或 false (expected a boolean)");
    }
  }

  void Int(const char* key, int& out, int min, int max) {
    const auto* v = view_.Take(key);
    if (v == nullptr || View::IsNull(*v)) return;
    if (!View::IsInt(*v)) {
      Fail(key, "应为整数 (expected an integer)");
      return;
    }
    const long long n = View::IntOf(*v);
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

  void Fail(const char* key, std::string reason) {
    if (status_.ok()) status_ = Status::Invalid(std::move(reason), key);
  }
  const Status& status() const { return status_; }

 private:
  View& view_;
  Status status_;
};

inline constexpr char kServiceKindsAccepted[] = "技术服务、技术攻关、管理提升、技能培训、安全生产、宣讲";

template <typename View>
Result<Craftsman> DecodeCraftsman(View& view) {
  Craftsman c;
  FieldReader r(view);
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
  c.meta.extra = view.Rest();
  return c;
}

template <typename View>
Result<Enterprise> DecodeEnterprise(View& view) {
  Enterprise e;
  FieldReader r(view);
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
  e.meta.extra = view.Rest();
  return e;
}

template <typename View>
Result<Need> DecodeNeed(View& view) {
  Need n;
  FieldReader r(view);
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
  n.meta.extra = view.Rest();
  return n;
}

template <typename View>
Result<InnovationResult> DecodeInnovationResult(View& view) {
  InnovationResult x;
  FieldReader r(view);
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
  x.meta.extra = view.Rest();
  return x;
}

}  // namespace craftlink::domain::codec_internal

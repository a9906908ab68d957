#include "domain/codec_line.h"

#include <forward_list>
#include <span>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/codec_fields.h"

namespace craftlink::domain {
namespace {

using nlohmann::json;

struct LineValue {
  enum class Type : uint8_t { kNull, kBool, kInt, kString, kArray, kOther };
  Type type = Type::kNull;
  bool boolean = false;
  long long integer = 0;
  bool negative = false;    // kInt written with a minus sign, -0 included
  std::string_view text;    // kString: the characters, escapes decoded
  uint32_t first_item = 0;  // kArray: LineView::items_[first_item, first_item + item_count),
  uint32_t item_count = 0;  //   every one a kString
  uint32_t other = 0;       // kOther: LineView::others_[other]
};

// A JSON Lines row scanned into its members (the shape codec_line.h
// describes), read through the view interface of codec_fields.h.
class LineView {
 public:
  using Value = LineValue;

  // False when the line is not of that shape (or not JSON at all).
  bool Scan(std::string_view line) {
    line_ = line;
    pos_ = 0;
    SkipSpace();
    if (!Eat('{')) return false;
    SkipSpace();
    if (!Eat('}')) {
      while (true) {
        std::string_view key;
        if (Peek() != '"' || !ScanString(key, /*escapes=*/false)) return false;
        SkipSpace();
        if (!Eat(':')) return false;
        SkipSpace();
        LineValue value;
        if (!ScanValue(value)) return false;
        // nlohmann keeps a repeated key's last value; rare enough to leave to it.
        for (const Member& m : members_) {
          if (m.key == key) return false;
        }
        members_.push_back({key, value, false});
        SkipSpace();
        if (Eat(',')) {
          SkipSpace();
          continue;
        }
        if (Eat('}')) break;
        return false;
      }
    }
    SkipSpace();
    return pos_ == line_.size();
  }

  // True when a field the decoder read holds a value this view does not
  // represent (a fraction, a nested object, a mixed array …): its verdict
  // on that field is for the tree path to give.
  bool gave_up() const { return gave_up_; }

  bool is_object() const { return true; }

  const LineValue* Take(const char* key) {
    for (Member& m : members_) {
      if (m.key == key) {
        m.taken = true;
        if (m.value.type == LineValue::Type::kOther) gave_up_ = true;
        return &m.value;
      }
    }
    return nullptr;
  }

  json Rest() const {
    json extra = json::object();
    for (const Member& m : members_) {
      if (!m.taken) extra[std::string(m.key)] = ToJson(m.value);
    }
    return extra;
  }

  static bool IsNull(const LineValue& v) { return v.type == LineValue::Type::kNull; }
  static bool IsInt(const LineValue& v) { return v.type == LineValue::Type::kInt; }
  static long long IntOf(const LineValue& v) { return v.integer; }
  static bool IsString(const LineValue& v) { return v.type == LineValue::Type::kString; }
  static std::string_view StringOf(const LineValue& v) { return v.text; }
  static bool IsBool(const LineValue& v) { return v.type == LineValue::Type::kBool; }
  static bool BoolOf(const LineValue& v) { return v.boolean; }
  static bool IsArray(const LineValue& v) { return v.type == LineValue::Type::kArray; }
  static size_t ItemCount(const LineValue& v) { return v.item_count; }
  std::span<const LineValue> Items(const LineValue& v) const { return {items_.data() + v.first_item, v.item_count}; }

 private:
  struct Member {
    std::string_view key;
    LineValue value;
    bool taken;
  };

  // The value nlohmann would have parsed: integers without a minus sign
  // are unsigned there, which matters to nobody but keeps extra identical.
  json ToJson(const LineValue& v) const {
    switch (v.type) {
      case LineValue::Type::kNull: return nullptr;
      case LineValue::Type::kBool: return v.boolean;
      case LineValue::Type::kInt:
        return v.negative ? json(v.integer) : json(static_cast<unsigned long long>(v.integer));
      case LineValue::Type::kString: return std::string(v.text);
      case LineValue::Type::kArray: {
        json items = json::array();
        for (const LineValue& item : Items(v)) items.push_back(std::string(item.text));
        return items;
      }
      case LineValue::Type::kOther: return others_[v.other];
    }
    return nullptr;
  }

  char Peek() const { return pos_ < line_.size() ? line_[pos_] : '\0'; }
  bool Eat(char c) {
    if (Peek() != c || pos_ >= line_.size()) return false;
    ++pos_;
    return true;
  }
  void SkipSpace() {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t' || line_[pos_] == '\n' ||
                                   line_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Literal(std::string_view word) {
    if (line_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool ScanValue(LineValue& out) {
    switch (Peek()) {
      case '"':
        out.type = LineValue::Type::kString;
        return ScanString(out.text, /*escapes=*/true);
      case 't':
        out.type = LineValue::Type::kBool;
        out.boolean = true;
        return Literal("true");
      case 'f':
        out.type = LineValue::Type::kBool;
        return Literal("false");
      case 'n':
        out.type = LineValue::Type::kNull;
        return Literal("null");
      case '[': return ScanArray(out);
      case '{': return ScanOther(out);
      default: return (Peek() == '-' || (Peek() >= '0' && Peek() <= '9')) && ScanNumber(out);
    }
  }

  // At the opening quote. Without `escapes` a backslash gives up.
  bool ScanString(std::string_view& out, bool escapes) {
    const size_t start = ++pos_;
    while (pos_ < line_.size()) {
      const auto c = static_cast<unsigned char>(line_[pos_]);
      if (c == '"') {
        out = line_.substr(start, pos_++ - start);
        return true;
      }
      if (c == '\\') return escapes && ScanEscapedString(start, out);
      if (c < 0x20) return false;  // JSON wants control characters escaped
      ++pos_;
    }
    return false;
  }

  // The rest of a string from its first backslash, decoded into storage of
  // this view's own.
  bool ScanEscapedString(size_t start, std::string_view& out) {
    std::string& text = unescaped_.emplace_front(line_.substr(start, pos_ - start));
    while (pos_ < line_.size()) {
      const char c = line_[pos_];
      if (c == '"') {
        ++pos_;
        out = text;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        text.push_back(c);
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= line_.size()) return false;
      const char e = line_[pos_ + 1];
      pos_ += 2;
      switch (e) {
        case '"': text.push_back('"'); break;
        case '\\': text.push_back('\\'); break;
        case '/': text.push_back('/'); break;
        case 'b': text.push_back('\b'); break;
        case 'f': text.push_back('\f'); break;
        case 'n': text.push_back('\n'); break;
        case 'r': text.push_back('\r'); break;
        case 't': text.push_back('\t'); break;
        case 'u': {
          char32_t cp = 0;
          if (!Hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            char32_t low = 0;
            if (!Literal("\\u") || !Hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          utf8::Append(cp, text);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  bool Hex4(char32_t& out) {
    if (pos_ + 4 > line_.size()) return false;
    for (size_t i = 0; i < 4; ++i) {
      const char c = line_[pos_ + i];
      int d = 0;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else return false;
      out = out * 16 + static_cast<char32_t>(d);
    }
    pos_ += 4;
    return true;
  }

  // Integers of up to 18 digits; fractions, exponents and longer numbers
  // (which nlohmann may hold unsigned or as doubles) go to ScanOther.
  bool ScanNumber(LineValue& out) {
    const size_t start = pos_;
    const bool negative = Eat('-');
    const size_t digits = pos_;
    if (Eat('0')) {
      if (Peek() >= '0' && Peek() <= '9') return false;  // JSON has no leading zeros
    } else {
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
    }
    if (pos_ == digits) return false;
    if (Peek() == '.' || Peek() == 'e' || Peek() == 'E' || pos_ - digits > 18) {
      pos_ = start;
      return ScanOther(out);
    }
    long long n = 0;
    for (size_t i = digits; i < pos_; ++i) n = n * 10 + (line_[i] - '0');
    out.type = LineValue::Type::kInt;
    out.integer = negative ? -n : n;
    out.negative = negative;
    return true;
  }

  bool ScanArray(LineValue& out) {
    const size_t start = pos_++;
    out.type = LineValue::Type::kArray;
    out.first_item = static_cast<uint32_t>(items_.size());
    SkipSpace();
    if (!Eat(']')) {
      while (true) {
        if (Peek() != '"') {  // not an array of strings
          items_.resize(out.first_item);
          pos_ = start;
          return ScanOther(out);
        }
        LineValue item;
        item.type = LineValue::Type::kString;
        if (!ScanString(item.text, /*escapes=*/true)) return false;
        items_.push_back(item);
        SkipSpace();
        if (Eat(',')) {
          SkipSpace();
          continue;
        }
        if (Eat(']')) break;
        return false;
      }
    }
    out.item_count = static_cast<uint32_t>(items_.size() - out.first_item);
    return true;
  }

  // Any JSON value: its extent found by SkipValue, its value parsed by nlohmann.
  bool ScanOther(LineValue& out) {
    const size_t start = pos_;
    if (!SkipValue()) return false;
    json value = json::parse(line_.substr(start, pos_ - start), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) return false;
    out = LineValue{};
    out.type = LineValue::Type::kOther;
    out.other = static_cast<uint32_t>(others_.size());
    others_.push_back(std::move(value));
    return true;
  }

  // Moves past one value: a string, a bracketed value (counting brackets
  // outside strings), or a scalar up to the next delimiter. Only its extent
  // matters; ScanOther has it checked by a real parser.
  bool SkipValue() {
    const size_t start = pos_;
    int depth = 0;
    while (pos_ < line_.size()) {
      const char c = line_[pos_];
      if (c == '"') {
        for (++pos_; pos_ < line_.size() && line_[pos_] != '"'; ++pos_) {
          if (line_[pos_] == '\\') ++pos_;
        }
        if (pos_ >= line_.size()) return false;
        ++pos_;
        if (depth == 0) return true;
        continue;
      }
      if (c == '[' || c == '{') {
        ++depth;
      } else if (c == ']' || c == '}') {
        if (depth == 0) break;  // the end of the enclosing value
        if (--depth == 0) {
          ++pos_;
          return true;
        }
      } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
        break;
      }
      ++pos_;
    }
    return depth == 0 && pos_ > start;
  }

  std::string_view line_;
  size_t pos_ = 0;
  std::vector<Member> members_;
  std::vector<LineValue> items_;
  std::forward_list<std::string> unescaped_;  // nodes stay put: values point into them
  std::vector<json> others_;
  bool gave_up_ = false;
};

template <typename Record, typename Decode>
std::optional<Result<Record>> FromLine(std::string_view line, Decode decode) {
  LineView view;
  if (!view.Scan(line)) return std::nullopt;
  Result<Record> record = decode(view);
  if (view.gave_up()) return std::nullopt;
  return record;
}

}  // namespace

std::optional<Result<Craftsman>> CraftsmanFromLine(std::string_view line) {
  return FromLine<Craftsman>(line, codec_internal::DecodeCraftsman<LineView>);
}

std::optional<Result<Enterprise>> EnterpriseFromLine(std::string_view line) {
  return FromLine<Enterprise>(line, codec_internal::DecodeEnterprise<LineView>);
}

std::optional<Result<Need>> NeedFromLine(std::string_view line) {
  return FromLine<Need>(line, codec_internal::DecodeNeed<LineView>);
}

std::optional<Result<InnovationResult>> InnovationResultFromLine(std::string_view line) {
  return FromLine<InnovationResult>(line, codec_internal::DecodeInnovationResult<LineView>);
}

}  // namespace craftlink::domain

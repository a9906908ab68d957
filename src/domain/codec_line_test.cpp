// The flat line decoders against the tree path they stand in for
// (nlohmann::json::parse + *FromJson), and ToJsonText (which ToJson parses)
// against nlohmann's dump of the same object, field by field.
#include "domain/codec_line.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/codec.h"
#include "domain/codec_fields.h"

namespace craftlink::domain {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// What the importer did before the line decoders: the whole row's error
// ("" when the line is not a JSON object), else the decoder's verdict.
template <typename Record, typename Decode>
std::optional<Result<Record>> TreePath(const std::string& line, Decode decode) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return decode(j);
}

// Either the line decoder gives up (and the tree path decides), or it gives
// exactly the tree path's record or error. Returns whether it decided.
template <typename Record, typename FromLine, typename FromJson>
bool ExpectSameAsTree(const std::string& line, FromLine from_line, FromJson from_json) {
  SCOPED_TRACE(line);
  const std::optional<Result<Record>> fast = from_line(line);
  const std::optional<Result<Record>> tree = TreePath<Record>(line, from_json);
  if (!fast) return false;
  EXPECT_TRUE(tree.has_value()) << "decoded a line the tree path refuses as a whole";
  if (!tree) return true;
  EXPECT_EQ(fast->ok(), tree->ok());
  if (!fast->ok() || !tree->ok()) {
    EXPECT_EQ(fast->status().ToString(), tree->status().ToString());
    EXPECT_EQ(fast->status().field(), tree->status().field());
    return true;
  }
  EXPECT_EQ(Dump(ToJson(**fast)), Dump(ToJson(**tree)));
  EXPECT_EQ(Dump((*fast)->meta.extra), Dump((*tree)->meta.extra));
  // Integer extras keep nlohmann's own types (unsigned without a minus sign).
  EXPECT_EQ((*fast)->meta.extra, (*tree)->meta.extra);
  for (auto it = (*tree)->meta.extra.begin(); it != (*tree)->meta.extra.end(); ++it) {
    EXPECT_EQ((*fast)->meta.extra[it.key()].type(), it.value().type()) << it.key();
  }
  return true;
}

bool SameCraftsman(const std::string& line) {
  return ExpectSameAsTree<Craftsman>(line, CraftsmanFromLine, CraftsmanFromJson);
}

const char kGenerated[] =
    R"({"achievements":["提出合理化建议18条，多项被采纳实施"],"bio":"22年来一直在压铸模具维修岗位上。","capacity_per_month":2,)"
    R"("employer":"上海创恒模塑科技股份有限公司","id":"GC0000001","name":"沈振","phone":"15805793286","region":"310110",)"
    R"("service_kinds":["技术攻关"],"skills":["热流道技术","模具修复"],"title":"高级技师"})";

TEST(CodecLineTest, DecidesTheCommonShapesLikeTheTreePath) {
  const std::string long_text(3 * 201, 'a');
  std::string many_items = R"({"id":"C1","name":"张","skills":[)";
  for (int i = 0; i < 201; ++i) many_items += (i ? ",\"x\"" : "\"x\"");
  many_items += "]}";
  const std::vector<std::string> lines = {
      kGenerated,
      R"({"id":"C1","name":"雷振川","skills":["堆焊"],"service_kinds":["技术攻关"],"capacity_per_month":3,"hometown":"德阳","tags":[1,2]})",
      " \t{ \"id\" : \"C1\" ,\"name\":\"张\" , \"skills\" : [ \" 焊接 \" , \"\u3000\" ] }\t ",
      R"({"id":"C\u00e9\u4E2D1","name":"a\"b\\c\/d\b\f\n\r\t","bio":"\ud83d\ude00 \u0000"})",
      R"({"id":1001,"name":"x","region":510100,"phone":-5})",
      R"({"id":"C1","name":"x","available":0})",
      R"({"id":"C1","name":"x","available":1})",
      R"({"id":"C1","name":"x","available":false})",
      R"({"id":"C1","name":"x","available":2})",
      R"({"id":"C1","name":"x","available":"yes"})",
      R"({"id":"C1","name":"x","capacity_per_month":-1})",
      R"({"id":"C1","name":"x","capacity_per_month":101})",
      R"({"id":"C1","name":"x","capacity_per_month":"3"})",
      R"({"id":"C1","name":"x","capacity_per_month":-0})",
      R"({"id":"C1"})",
      R"({"id":"C1","name":"  "})",
      R"({"id":"C1","name":null,"title":null,"skills":null})",
      R"({})",
      R"({"id":"C1","name":")" + long_text + R"("})",
      R"({"id":"C1","name":"x","bio":")" + long_text + R"("})",
      many_items,
      R"({"id":"C1","name":"x","skills":[")" + long_text + R"("]})",
      R"({"id":"C1","name":"x","skills":"焊接"})",
      R"({"id":"C1","name":"x","skills":true})",
      R"({"id":"C1","name":"x","skills":[]})",
      R"({"id":"C1","name":"x","service_kinds":["维修"]})",
      R"({"id":"C1","name":"x","service_kinds":["technical_service","安全生产"]})",
      R"({"id":"C1","name":"x","consent_scope":"pool","consent_date":"2025-01-02"})",
      R"({"id":"C1","name":"x","consent_scope":"everyone"})",
      R"({"id":"C1","name":"x","x":{"a":[1,{"b":null}],"c":"}]\""},"y":1.5e3,"z":12345678901234567890,"w":-0})",
      R"({"id":"C1","name":"x","v":[1,"a"],"u":[],"t":true,"s":null,"r":-12,"q":["a\n"],"":"empty key"})",
      R"({"id":"C1","name":"x","nested":[[1,2],[3]],"deep":{"a":{"b":{"c":[]}}}})",
  };
  int decided = 0;
  for (const std::string& line : lines) decided += SameCraftsman(line) ? 1 : 0;
  EXPECT_EQ(decided, static_cast<int>(lines.size())) << "every line above is of the flat shape";
}

TEST(CodecLineTest, GivesUpOnWhatOnlyTheTreePathDecides) {
  const std::vector<std::string> lines = {
      // Not JSON, or not one object: the row's own error comes from the tree path.
      R"({"id":"C1")", R"({"id":"C1",})", R"({"id":"C1" "name":"x"})", R"([1,2])", R"("text")", "", "   ",
      R"({"id":01})", "{\"id\":\"a\x01b\"}", R"({"id":"\ud800"})", R"({"id":"\udc00x"})", R"({"id":"\ud800\u0041"})",
      R"({"id":"x","x":[1}})", R"({"id":"x"} x)", R"({"id":tru})", R"({"id":"x","n":1.})", R"({"id":"\x"})",
      R"({"id":"x","n":-})", R"({"id":"x","o":{"a":1,}})", "\xEF\xBB\xBF{\"id\":\"x\"}",
      // JSON the flat reader leaves alone.
      R"({"id":"C1","id":"C2","name":"x"})",
      R"({"i\u0064":"C1","name":"x"})",
      R"({"id":"C1","name":"x","capacity_per_month":2.0})",
      R"({"id":"C1","name":"x","capacity_per_month":3e0})",
      R"({"id":12345678901234567890,"name":"x"})",
      R"({"id":"C1","name":"x","skills":["a",1]})",
      R"({"id":"C1","name":"x","skills":[["a"]]})",
      R"({"id":"C1","name":{"zh":"张"}})",
  };
  for (const std::string& line : lines) {
    EXPECT_FALSE(CraftsmanFromLine(line).has_value()) << line;
  }
}

TEST(CodecLineTest, OtherKindsDecodeLikeTheTreePath) {
  const std::vector<std::string> enterprises = {
      R"({"id":"E1","name":"甲厂","uscc":"91510100MA61XXXX0X","industry":"C3360","region":"510100","size":"中型","contact_name":"李","contact_phone":"13800000000","uscc_check_overridden":true,"note":"x"})",
      R"({"id":"E1","name":"甲厂","size":"巨型"})",
      R"({"id":1001,"name":"甲厂","region":510100})",
  };
  for (const auto& line : enterprises) {
    EXPECT_TRUE((ExpectSameAsTree<Enterprise>(line, EnterpriseFromLine, EnterpriseFromJson)));
  }
  const std::vector<std::string> needs = {
      R"({"id":"N1","enterprise_id":"E1","title":"焊缝气孔","description":"d","kind":"技术攻关","onsite":true,"skills":["焊接"],"posted":"2025-03-18","confidential":1,"status":"in_progress","budget":5000})",
      R"({"id":"N1","title":"焊缝气孔"})",
      R"({"id":"N1","enterprise_id":"E1","title":"t","kind":"维修"})",
      R"({"id":"N1","enterprise_id":"E1","title":"t","status":"done"})",
  };
  for (const auto& line : needs) EXPECT_TRUE((ExpectSameAsTree<Need>(line, NeedFromLine, NeedFromJson)));
  const std::vector<std::string> results = {
      R"({"id":"R1","title":"快速换模","owner_ids":["C1","C2"],"studio":"S","summary":"s","fields":["模具"],"maturity":"已推广","benefit":"b"})",
      R"({"id":"R1","title":"t","maturity":"成熟"})",
      R"({"id":"R1","title":"t","owner_ids":"C1"})",
  };
  for (const auto& line : results) {
    EXPECT_TRUE((ExpectSameAsTree<InnovationResult>(line, InnovationResultFromLine, InnovationResultFromJson)));
  }
}

TEST(CodecTextTest, WritesTheBytesToJsonDumps) {
  Craftsman c;
  c.id = "C1";
  c.name = "名\"\\\x01\x1f\x7f/\b\f\n\r\t";
  c.title = "bad \xff\xfe utf8";
  c.employer = "cut \xe4\xb8";
  c.bio = "surrogate \xed\xa0\x80 overlong \xc0\xaf 4-byte \xf0\x9f\x98\x80 too high \xf4\x90\x80\x80";
  c.honors = {"a", "", "\xe4\xb8\xad"};
  c.service_kinds = {ServiceKind::kSafety, ServiceKind::kTraining};
  c.available = false;
  c.consent = ConsentScope::kPoolAndAlliance;
  c.consent_date = "2025-01-02";
  c.phone = "13800000000";
  c.region = "510100";
  c.skills = {"x"};
  c.achievements = {"y"};
  c.studio = "s";
  // Extras sort between, before and after the record's fields; one shares
  // the name of a field the record has (the field wins), one the name of a
  // field it leaves out (the extra is written).
  c.meta.extra = json::parse(R"({"aaa":1,"bz":[1.5,{"k":null}],"id":"hidden","title":"kept?","zz":"\u0001","é":true})");
  EXPECT_EQ(ToJsonText(c), Dump(ToJson(c)));
  // Bad bytes are replaced as nlohmann replaces them in a string of its own.
  EXPECT_NE(ToJsonText(c).find("\"employer\":" + Dump(json(c.employer)) + ","), std::string::npos);
  c.title.clear();
  EXPECT_EQ(ToJsonText(c), Dump(ToJson(c)));
  c.meta.extra = nullptr;
  EXPECT_EQ(ToJsonText(c), Dump(ToJson(c)));
  EXPECT_EQ(ToJsonText(Craftsman{}), Dump(ToJson(Craftsman{})));

  Enterprise e;
  e.id = "E1";
  e.name = "甲厂";
  e.uscc = "91510100MA61XXXX0X";
  e.uscc_check_overridden = true;
  e.industry = "C3360";
  e.region = "510100";
  e.size = EnterpriseSize::kMicro;
  e.contact_name = "李";
  e.contact_phone = "13800000000";
  e.meta.extra = json::parse(R"({"note":"x","uscc_z":2})");
  EXPECT_EQ(ToJsonText(e), Dump(ToJson(e)));
  EXPECT_EQ(ToJsonText(Enterprise{}), Dump(ToJson(Enterprise{})));

  Need n;
  n.id = "N1";
  n.enterprise_id = "E1";
  n.title = "t";
  n.description = "d";
  n.kind = ServiceKind::kLecture;
  n.industry = "C";
  n.region = "51";
  n.onsite = true;
  n.skills = {"a", "b"};
  n.posted = "2025-03-18";
  n.confidential = true;
  n.status = NeedStatus::kClosed;
  n.meta.extra = json::parse(R"({"budget":5000,"kinds":"x","zebra":[]})");
  EXPECT_EQ(ToJsonText(n), Dump(ToJson(n)));
  EXPECT_EQ(ToJsonText(Need{}), Dump(ToJson(Need{})));

  InnovationResult r;
  r.id = "R1";
  r.title = "t";
  r.owner_ids = {"C1"};
  r.studio = "s";
  r.summary = "u";
  r.fields = {"f"};
  r.maturity = Maturity::kApplied;
  r.benefit = "b";
  r.meta.extra = json::parse(R"({"a":1,"m":2,"t":3,"zz":4})");
  EXPECT_EQ(ToJsonText(r), Dump(ToJson(r)));
  EXPECT_EQ(ToJsonText(InnovationResult{}), Dump(ToJson(InnovationResult{})));
}

// Answers "absent" to every key a decoder asks for, and notes the key.
struct KeyRecorder : codec_internal::JsonValues {
  bool is_object() const { return true; }
  const json* Take(const char* key) {
    keys.insert(key);
    return nullptr;
  }
  json Rest() const { return json::object(); }

  std::set<std::string> keys;
};

// `full` must set every field the decoder reads, none to its default; the
// record it decodes to must write `full` back, byte for byte. A field added
// to a decoder fails here until the sample, and so the writer, have it.
template <typename Record, typename DecodeAll, typename FromJson>
void ExpectEveryFieldWritten(const char* full, DecodeAll decode_all, FromJson from_json) {
  const json sample = json::parse(full);
  KeyRecorder recorder;
  (void)decode_all(recorder);
  std::set<std::string> sample_keys;
  for (auto it = sample.begin(); it != sample.end(); ++it) sample_keys.insert(it.key());
  EXPECT_EQ(sample_keys, recorder.keys) << "the sample must set every field the decoder reads";
  Result<Record> record = from_json(sample);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_TRUE(record->meta.extra.empty()) << record->meta.extra.dump();
  EXPECT_EQ(ToJsonText(*record), Dump(sample));
}

TEST(CodecTextTest, EveryFieldADecoderReadsIsWrittenBack) {
  using namespace codec_internal;
  ExpectEveryFieldWritten<Craftsman>(
      R"({"id":"C1","name":"甲","title":"高级技师","honors":["劳模"],"employer":"乙厂","region":"510100",
          "skills":["焊接"],"bio":"三十年","achievements":["专利"],"service_kinds":["技术攻关","技能培训"],
          "capacity_per_month":3,"studio":"丙工作室","phone":"13800000000","available":false,
          "consent_scope":"pool","consent_date":"2025-01-02"})",
      [](KeyRecorder& v) { return DecodeCraftsman(v); }, CraftsmanFromJson);
  ExpectEveryFieldWritten<Enterprise>(
      R"({"id":"E1","name":"甲厂","uscc":"91510100MA61XXXX0X","industry":"C3360","region":"510100",
          "size":"小型","contact_name":"李","contact_phone":"13800000000","uscc_check_overridden":true})",
      [](KeyRecorder& v) { return DecodeEnterprise(v); }, EnterpriseFromJson);
  ExpectEveryFieldWritten<Need>(
      R"({"id":"N1","enterprise_id":"E1","title":"焊缝气孔","description":"多","kind":"技术攻关",
          "industry":"C34","region":"510100","onsite":true,"skills":["焊接"],"posted":"2025-03-18",
          "confidential":true,"status":"closed"})",
      [](KeyRecorder& v) { return DecodeNeed(v); }, NeedFromJson);
  ExpectEveryFieldWritten<InnovationResult>(
      R"({"id":"R1","title":"夹具","owner_ids":["C1"],"studio":"丙工作室","summary":"省工",
          "fields":["焊接"],"maturity":"已应用","benefit":"年省十万"})",
      [](KeyRecorder& v) { return DecodeInnovationResult(v); }, InnovationResultFromJson);
}

TEST(CodecTextTest, DecodedLinesWriteBackAsToJsonDoes) {
  for (const std::string& line :
       {std::string(kGenerated), std::string(R"({"id":" C1 ","name":"x","z":{"b":1,"a":[true]},"available":0})")}) {
    auto c = CraftsmanFromLine(line);
    ASSERT_TRUE(c.has_value() && c->ok()) << line;
    EXPECT_EQ(ToJsonText(**c), Dump(ToJson(**c)));
  }
  // A generated row is already in that form.
  EXPECT_EQ(ToJsonText(**CraftsmanFromLine(kGenerated)), kGenerated);
}

}  // namespace
}  // namespace craftlink::domain

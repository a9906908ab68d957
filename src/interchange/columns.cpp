#include "interchange/columns.h"

#include <cctype>

#include "core/utf8.h"

namespace craftlink::interchange {
namespace {

using domain::RecordKind;
using T = ColumnType;

const std::vector<Column> kCraftsmanColumns = {
    {"id", "编号", {"工匠编号", "id"}, T::kText},
    {"name", "姓名", {"名字"}, T::kText},
    {"title", "称号", {"荣誉称号", "职称"}, T::kText},
    {"honors", "荣誉", {"所获荣誉", "奖项"}, T::kList},
    {"employer", "工作单位", {"单位", "所在单位"}, T::kText},
    {"region", "地区代码", {"地区", "所在地区", "行政区划代码"}, T::kText},
    {"skills", "技能", {"专长", "技能专长", "擅长领域"}, T::kList},
    {"bio", "简介", {"个人简介", "简历"}, T::kText},
    {"achievements", "主要业绩", {"业绩", "成就", "主要成就"}, T::kList},
    {"service_kinds", "服务类型", {"可提供服务"}, T::kList},
    {"capacity_per_month", "每月可服务次数", {"月服务能力", "每月次数"}, T::kInt},
    {"studio", "工作室", {"创新工作室"}, T::kText},
    {"phone", "手机", {"手机号", "联系电话", "电话"}, T::kText},
    {"available", "可派单", {"是否可派"}, T::kBool},
    {"consent_scope", "授权范围", {"个人信息授权"}, T::kText},
    {"consent_date", "授权日期", {}, T::kText},
};

const std::vector<Column> kEnterpriseColumns = {
    {"id", "编号", {"企业编号", "id"}, T::kText},
    {"name", "企业名称", {"名称", "企业"}, T::kText},
    {"uscc", "统一社会信用代码", {"信用代码", "社会信用代码"}, T::kText},
    {"industry", "行业代码", {"行业", "所属行业"}, T::kText},
    {"region", "地区代码", {"地区", "所在地区", "行政区划代码"}, T::kText},
    {"size", "企业规模", {"规模"}, T::kText},
    {"contact_name", "联系人", {"联系人姓名"}, T::kText},
    {"contact_phone", "联系电话", {"联系人电话", "手机", "电话"}, T::kText},
};

const std::vector<Column> kNeedColumns = {
    {"id", "编号", {"需求编号", "id"}, T::kText},
    {"enterprise_id", "企业编号", {"企业id"}, T::kText},
    {"title", "标题", {"需求标题", "需求名称"}, T::kText},
    {"description", "需求描述", {"描述", "详细描述", "问题描述"}, T::kText},
    {"kind", "需求类型", {"类型", "服务类型"}, T::kText},
    {"industry", "行业代码", {"行业"}, T::kText},
    {"region", "地区代码", {"地区", "所在地区"}, T::kText},
    {"onsite", "需要到场", {"是否到场", "现场服务"}, T::kBool},
    {"skills", "技能标签", {"技能", "所需技能"}, T::kList},
    {"posted", "发布日期", {"日期", "提出日期"}, T::kText},
    {"confidential", "保密", {"是否保密"}, T::kBool},
    {"status", "状态", {}, T::kText},
};

const std::vector<Column> kResultColumns = {
    {"id", "编号", {"成果编号", "id"}, T::kText},
    {"title", "成果名称", {"名称", "标题"}, T::kText},
    {"owner_ids", "完成人编号", {"完成人", "所有人"}, T::kList},
    {"studio", "工作室", {"创新工作室"}, T::kText},
    {"summary", "成果简介", {"简介", "摘要"}, T::kText},
    {"fields", "领域", {"技术领域", "关键词"}, T::kList},
    {"maturity", "成熟度", {"应用情况"}, T::kText},
    {"benefit", "效益", {"经济效益"}, T::kText},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const std::vector<Column>& ColumnsOf(RecordKind kind) {
  switch (kind) {
    case RecordKind::kCraftsman: return kCraftsmanColumns;
    case RecordKind::kEnterprise: return kEnterpriseColumns;
    case RecordKind::kNeed: return kNeedColumns;
    case RecordKind::kResult: return kResultColumns;
  }
  return kCraftsmanColumns;
}

std::string FieldForHeader(RecordKind kind, std::string_view header) {
  const std::string h = Lower(utf8::Trim(utf8::StripBom(header)));
  for (const Column& c : ColumnsOf(kind)) {
    if (h == c.field || h == c.chinese) return std::string(c.field);
    for (std::string_view alias : c.aliases) {
      if (h == alias) return std::string(c.field);
    }
  }
  return utf8::Trim(utf8::StripBom(header));
}

Result<nlohmann::json> CellToJson(const Column* column, std::string_view raw) {
  std::string cell = utf8::Trim(raw);
  // Undo the export's formula guard: '=SUM… was written for =SUM….
  if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@").find(cell[1]) != std::string_view::npos) {
    cell.erase(0, 1);
  }
  if (cell.empty()) return nlohmann::json(nullptr);
  const ColumnType type = column != nullptr ? column->type : ColumnType::kText;
  switch (type) {
    case ColumnType::kText: return nlohmann::json(cell);
    case ColumnType::kList: {
      nlohmann::json list = nlohmann::json::array();
      std::string item;
      auto flush = [&] {
        std::string t = utf8::Trim(item);
        if (!t.empty()) list.push_back(t);
        item.clear();
      };
      for (size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == ';' || cell[i] == '|' || cell[i] == '\n') {
          flush();
        } else if (cell.compare(i, 3, "；") == 0) {
          flush();
          i += 2;
        } else {
          item.push_back(cell[i]);
        }
      }
      flush();
      return list;
    }
    case ColumnType::kBool: {
      const std::string v = Lower(cell);
      if (v == "是" || v == "true" || v == "1" || v == "y" || v == "yes") return nlohmann::json(true);
      if (v == "否" || v == "false" || v == "0" || v == "n" || v == "no") return nlohmann::json(false);
      return Status::Invalid("应为 是/否 (expected yes or no), got 「" + cell + "」");
    }
    case ColumnType::kInt: {
      size_t used = 0;
      long long n = 0;
      try {
        n = std::stoll(cell, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != cell.size()) return Status::Invalid("应为整数 (expected an integer), got 「" + cell + "」");
      return nlohmann::json(n);
    }
  }
  return nlohmann::json(cell);
}

Result<nlohmann::json> RecordJsonFromCells(RecordKind kind,
                                           const std::vector<std::pair<std::string, nlohmann::json>>& cells) {
  nlohmann::json object = nlohmann::json::object();
  const auto& columns = ColumnsOf(kind);
  for (const auto& [field, value] : cells) {
    if (field == "extra" || field == "其他字段") {  // the export's catch-all column
      nlohmann::json extra = value;
      if (value.is_string()) {
        const std::string text = utf8::Trim(value.get<std::string>());
        extra = nlohmann::json::parse(text.empty() ? "{}" : text, nullptr, false);
      } else if (value.is_null()) {
        extra = nlohmann::json::object();
      }
      if (!extra.is_object()) {
        return Status::Invalid("「其他字段」列应为 JSON 对象 (extra must be a JSON object)", "extra");
      }
      for (auto it = extra.begin(); it != extra.end(); ++it) object[it.key()] = it.value();
      continue;
    }
    if (!value.is_string()) {
      if (!value.is_null()) object[field] = value;
      continue;
    }
    const Column* column = nullptr;
    for (const Column& c : columns) {
      if (c.field == field) column = &c;
    }
    auto converted = CellToJson(column, value.get<std::string>());
    if (!converted.ok()) return Status::Invalid(converted.status().message(), field);
    if (!converted->is_null()) object[field] = std::move(*converted);
  }
  return object;
}

std::string_view ColumnTypeCode(ColumnType type) {
  switch (type) {
    case ColumnType::kText: return "text";
    case ColumnType::kList: return "list";
    case ColumnType::kBool: return "bool";
    case ColumnType::kInt: return "int";
  }
  return "text";
}

std::string JsonToCell(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "是" : "否";
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) {
      if (!out.empty()) out += "; ";
      out += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return out;
  }
  return value.dump();
}

}  // namespace craftlink::interchange

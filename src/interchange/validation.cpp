#include "interchange/validation.h"

#include "reference/mobile.h"
#include "reference/reference.h"
#include "reference/uscc.h"

namespace craftlink::interchange {
namespace {

Status WithField(const Status& s, const char* field) {
  if (s.ok()) return s;
  return Status(s.code(), s.message(), field);
}

Status CheckMobile(std::string& phone, const char* field) {
  if (phone.empty()) return Status::Ok();
  auto normalized = reference::NormalizeMobile(phone);
  if (!normalized.ok()) return WithField(normalized.status(), field);
  phone = *normalized;
  return Status::Ok();
}

}  // namespace

Result<RecordValidator> RecordValidator::LoadDefault() {
  auto regions = reference::RegionTable::Load(reference::DefaultRegionsPath());
  if (!regions.ok()) return regions.status();
  auto industries = reference::IndustryTable::Load(reference::DefaultIndustriesPath());
  if (!industries.ok()) return industries.status();
  return RecordValidator(std::move(*regions), std::move(*industries));
}

bool IsIsoDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  const int year = std::stoi(std::string(t.substr(0, 4)));
  const int month = std::stoi(std::string(t.substr(5, 2)));
  const int day = std::stoi(std::string(t.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

Status RecordValidator::CheckRegion(std::string& code) const {
  if (code.empty()) return Status::Ok();
  auto valid = regions_.Validate(code);
  if (!valid.ok()) return WithField(valid.status(), "region");
  code = *valid;
  return Status::Ok();
}

Status RecordValidator::CheckIndustry(std::string& code) const {
  if (code.empty()) return Status::Ok();
  auto valid = industries_.Validate(code);
  if (!valid.ok()) return WithField(valid.status(), "industry");
  code = *valid;
  return Status::Ok();
}

Status RecordValidator::Check(domain::Craftsman& c) const {
  CRAFTLINK_RETURN_IF_ERROR(CheckRegion(c.region));
  if (!c.consent_date.empty() && !IsIsoDate(c.consent_date)) {
    return Status::Invalid("授权日期应写作 YYYY-MM-DD", "consent_date");
  }
  return CheckMobile(c.phone, "phone");
}

Status RecordValidator::Check(domain::Enterprise& e, const ValidationOptions& options) const {
  if (!e.uscc.empty()) {
    auto normalized = reference::NormalizeUscc(e.uscc);
    if (!normalized.ok()) return WithField(normalized.status(), "uscc");
    e.uscc = *normalized;
    CRAFTLINK_RETURN_IF_ERROR(WithField(reference::CheckUsccStructure(e.uscc), "uscc"));
    Status check = reference::CheckUsccCheckDigit(e.uscc);
    if (!check.ok()) {
      if (!options.allow_bad_uscc) {
        return Status::Invalid(check.message() + "；如确属早期试点代码，可加 --allow-bad-uscc 导入", "uscc");
      }
      e.uscc_check_overridden = true;
    } else {
      e.uscc_check_overridden = false;
    }
  }
  CRAFTLINK_RETURN_IF_ERROR(CheckIndustry(e.industry));
  CRAFTLINK_RETURN_IF_ERROR(CheckRegion(e.region));
  return CheckMobile(e.contact_phone, "contact_phone");
}

Status RecordValidator::Check(domain::Need& n) const {
  CRAFTLINK_RETURN_IF_ERROR(CheckIndustry(n.industry));
  CRAFTLINK_RETURN_IF_ERROR(CheckRegion(n.region));
  if (!n.posted.empty() && !IsIsoDate(n.posted)) {
    return Status::Invalid("日期应写作 YYYY-MM-DD，例如 2025-03-18 (expected an ISO date)", "posted");
  }
  return Status::Ok();
}

Status RecordValidator::Check(domain::InnovationResult&) const { return Status::Ok(); }

}  // namespace craftlink::interchange

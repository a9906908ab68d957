#include "gen/generator.h"

#include <algorithm>

#include "gen/compose.h"

namespace craftlink::gen {
namespace {

using domain::ServiceKind;
using vocab::Family;

// The traits of a craftsman that results refer to (owners' family, studio).
struct CraftsmanCore {
  const Family* family;
  const vocab::TitleInfo* title;
  const vocab::Region* region;
  std::string name;
  std::string studio;
};

// The traits of an enterprise that its needs inherit.
struct EnterpriseCore {
  const Family* family;
  const vocab::Region* region;
  std::string_view industry;
  std::string_view product;
  domain::EnterpriseSize size;
};

const WeightedIndex& TitleIndex() {
  static const WeightedIndex index(vocab::Titles());
  return index;
}

const Family& PickFamily(Rng& rng) { return rng.Pick(vocab::Families()); }

CraftsmanCore MakeCraftsmanCore(uint64_t seed, size_t index) {
  Rng rng = StreamRng(seed, Stream::kCraftsmanCore, index);
  CraftsmanCore core;
  core.family = &PickFamily(rng);
  core.title = &vocab::Titles()[TitleIndex().Pick(rng)];
  core.region = &PickRegion(rng);
  core.name = PersonName(rng);
  if (rng.Percent(core.title->studio_percent)) core.studio = core.name + std::string(core.title->studio_suffix);
  return core;
}

domain::EnterpriseSize PickSize(Rng& rng) {
  const size_t x = rng.Below(100);
  if (x < 10) return domain::EnterpriseSize::kLarge;
  if (x < 35) return domain::EnterpriseSize::kMedium;
  if (x < 75) return domain::EnterpriseSize::kSmall;
  return domain::EnterpriseSize::kMicro;
}

EnterpriseCore MakeEnterpriseCore(uint64_t seed, size_t index) {
  Rng rng = StreamRng(seed, Stream::kEnterpriseCore, index);
  EnterpriseCore core;
  core.family = &PickFamily(rng);
  core.region = &PickRegion(rng);
  core.industry = rng.Pick(core.family->industries);
  core.product = rng.Pick(core.family->products);
  core.size = PickSize(rng);
  return core;
}

// ---- craftsmen

std::vector<std::string> PickHonors(Rng& rng, const CraftsmanCore& core) {
  std::vector<std::string> honors;
  const int national = rng.Between(core.title->national_min, core.title->national_max);
  for (std::string_view h : Sample(rng, vocab::NationalHonors(), static_cast<size_t>(national) + 1)) {
    if (static_cast<int>(honors.size()) == national) break;
    if (h != core.title->name) honors.emplace_back(h);
  }
  const int provincial = rng.Between(core.title->province_min, core.title->province_max);
  const vocab::Words local = vocab::ProvinceOf(core.region->province).honors;
  for (std::string_view h : Sample(rng, local, static_cast<size_t>(provincial))) honors.emplace_back(h);
  return honors;
}

// Mostly from the main family, sometimes one or two from a neighbour.
std::vector<std::string> PickSkills(Rng& rng, const Family& family) {
  const size_t count = static_cast<size_t>(rng.Between(3, 8));
  size_t borrowed = count >= 4 ? rng.Below(3) : 0;
  std::vector<std::string> skills;
  for (std::string_view s : Sample(rng, family.skills, count - borrowed)) skills.emplace_back(s);
  const Family& other = vocab::Families()[rng.Pick(family.related)];
  for (std::string_view s : Sample(rng, other.skills, borrowed)) {
    if (std::find(skills.begin(), skills.end(), s) == skills.end()) skills.emplace_back(s);
  }
  return skills;
}

std::string JoinSkills(const std::vector<std::string>& skills, size_t max) {
  std::string out;
  const size_t n = std::min(skills.size(), max);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out.append(i + 1 == n ? "和" : "、");
    out.append(skills[i]);
  }
  return out;
}

std::string MakeBio(Rng& rng, const CraftsmanCore& core, const Slots& slots, const domain::Craftsman& c) {
  std::string bio;
  bio.reserve(256);
  Expand(rng.Pick(vocab::BioOpenings()), slots, bio);
  bio.append("，");
  Expand(rng.Pick(core.family->works), slots, bio);
  bio.append("。");
  bio.append(rng.Pick(vocab::BioSkills()));
  bio.append(JoinSkills(c.skills, 3));
  if (rng.Percent(70)) {
    bio.append("，");
    Expand(rng.Pick(vocab::BioExtras()), slots, bio);
  }
  bio.append("。");
  if (!c.studio.empty()) bio.append("领衔").append(c.studio).append("，");
  if (!c.honors.empty()) {
    bio.append("先后获得");
    for (size_t i = 0; i < c.honors.size() && i < 2; ++i) bio.append(i ? "、" : "").append(c.honors[i]);
    bio.append("等荣誉。");
  } else if (!c.studio.empty()) {
    bio.append("带领团队开展技术攻关和人才培养。");
  }
  return bio;
}

std::vector<std::string> MakeAchievements(Rng& rng, const Slots& slots) {
  std::vector<std::string> out;
  for (std::string_view t : Sample(rng, vocab::Achievements(), static_cast<size_t>(rng.Between(1, 4)))) {
    out.push_back(Expand(t, slots));
  }
  return out;
}

std::vector<ServiceKind> PickServiceKinds(Rng& rng, const CraftsmanCore& core) {
  bool on[6] = {};
  const auto& kinds = core.family->kinds;
  on[static_cast<int>(kinds[0])] = true;
  for (size_t i = 1; i < kinds.size(); ++i) on[static_cast<int>(kinds[i])] |= rng.Percent(55);
  on[static_cast<int>(ServiceKind::kTraining)] |= rng.Percent(30);
  on[static_cast<int>(ServiceKind::kLecture)] = core.title->lectures && rng.Percent(70);
  std::vector<ServiceKind> out;
  for (int k = 0; k < 6; ++k) {
    if (on[k]) out.push_back(static_cast<ServiceKind>(k));
  }
  return out;
}

int PickCapacity(Rng& rng) {
  const size_t x = rng.Below(100);
  return x < 20 ? 1 : x < 60 ? 2 : x < 85 ? 3 : 4;
}

// ---- needs

const vocab::NeedTemplate& PickNeedTemplate(Rng& rng, const Family& family) {
  return rng.Percent(70) ? rng.Pick(family.needs) : rng.Pick(vocab::GenericNeeds());
}

std::string NeedDescription(Rng& rng, const Family& family, const vocab::NeedTemplate& t, const Slots& slots,
                            bool onsite) {
  const int register_ = rng.Percent(60) ? 0 : 1;
  const bool technical = t.kind == ServiceKind::kJointResearch || t.kind == ServiceKind::kTechnicalService;
  const bool names_product = t.detail.starts_with("{p}");
  std::string out;
  out.reserve(320);
  const vocab::Words openings = names_product          ? vocab::NeedLeads(register_)
                                : !family.openings.empty() ? family.openings
                                                           : vocab::NeedOpenings(register_);
  Expand(rng.Pick(openings), slots, out);
  Expand(t.detail, slots, out);
  out.append(rng.Pick(vocab::NeedAttempts(register_, technical)));
  out.append(rng.Pick(vocab::NeedAsks(register_, onsite)));
  return out;
}

std::vector<std::string> NeedSkills(Rng& rng, const Family& family, const Slots& slots) {
  std::vector<std::string> skills{std::string(slots.s)};
  for (std::string_view s : Sample(rng, family.skills, rng.Below(3))) {
    if (s != slots.s) skills.emplace_back(s);
  }
  return skills;
}

// ---- results

domain::Maturity PickMaturity(Rng& rng) {
  const size_t x = rng.Below(100);
  if (x < 20) return domain::Maturity::kInDevelopment;
  if (x < 70) return domain::Maturity::kApplied;
  return domain::Maturity::kPromoted;
}

// Results come mostly from studios: look a few times for an owner who leads one.
size_t PickLeadOwner(Rng& rng, uint64_t seed, size_t pool, CraftsmanCore& core) {
  size_t owner = 0;
  for (int attempt = 0; attempt < 6; ++attempt) {
    owner = rng.Below(pool);
    core = MakeCraftsmanCore(seed, owner);
    if (!core.studio.empty()) break;
  }
  return owner;
}

// Co-owners share the lead's family, as a studio's members would.
void AddCoOwners(Rng& rng, uint64_t seed, size_t pool, const Family* family, std::vector<std::string>& ids) {
  const size_t wanted = rng.Below(3);
  for (int attempt = 0; attempt < 40 && ids.size() < wanted + 1; ++attempt) {
    const size_t candidate = rng.Below(pool);
    std::string id = CraftsmanId(candidate);
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
    if (MakeCraftsmanCore(seed, candidate).family == family) ids.push_back(std::move(id));
  }
}

std::string ResultSummary(Rng& rng, const Slots& slots, domain::Maturity maturity) {
  std::string out;
  out.reserve(256);
  Expand(rng.Pick(vocab::ResultSummaries()), slots, out);
  Expand(rng.Pick(vocab::ResultEffects()), slots, out);
  out.append("。");
  if (maturity == domain::Maturity::kPromoted) {
    out.append("已在");
    out.append(std::to_string(slots.n));
    out.append("家企业推广应用。");
  }
  return out;
}

std::string ResultBenefit(Rng& rng, const Slots& slots, domain::Maturity maturity) {
  if (maturity == domain::Maturity::kInDevelopment) {
    return rng.Percent(50) ? Expand(rng.Pick(vocab::PlannedBenefits()), slots) : std::string();
  }
  return Expand(rng.Pick(vocab::Benefits()), slots);
}

}  // namespace

std::string CraftsmanId(size_t index) { return NumberedId("GC", index); }
std::string EnterpriseId(size_t index) { return NumberedId("GE", index); }
std::string NeedId(size_t index) { return NumberedId("GN", index); }
std::string ResultId(size_t index) { return NumberedId("GR", index); }

Generator::Generator(uint64_t seed) { options_.seed = seed; }
Generator::Generator(const GenOptions& options) : options_(options) {}

domain::Craftsman Generator::MakeCraftsman(size_t index) const {
  const CraftsmanCore core = MakeCraftsmanCore(options_.seed, index);
  Rng rng = StreamRng(options_.seed, Stream::kCraftsman, index);
  domain::Craftsman c;
  c.id = CraftsmanId(index);
  c.name = core.name;
  c.title = core.title->name;
  c.region = core.region->code;
  c.employer = CompanyName(rng, *core.region, *core.family, rng.Percent(60));
  c.honors = PickHonors(rng, core);
  c.skills = PickSkills(rng, *core.family);
  c.studio = core.studio;
  // One set of slots, so that bio and achievements tell the same story.
  Slots slots = DrawSlots(rng, *core.family);
  slots.y = rng.Between(core.title->years_min, core.title->years_max);
  c.bio = MakeBio(rng, core, slots, c);
  c.achievements = MakeAchievements(rng, slots);
  c.service_kinds = PickServiceKinds(rng, core);
  c.capacity_per_month = PickCapacity(rng);
  if (rng.Percent(85)) c.phone = MobilePhone(rng);
  return c;
}

domain::Enterprise Generator::MakeEnterprise(size_t index) const {
  const EnterpriseCore core = MakeEnterpriseCore(options_.seed, index);
  Rng rng = StreamRng(options_.seed, Stream::kEnterprise, index);
  domain::Enterprise e;
  e.id = EnterpriseId(index);
  e.name = CompanyName(rng, *core.region, *core.family, core.size == domain::EnterpriseSize::kLarge);
  if (rng.Percent(70)) e.uscc = Uscc(rng, core.region->code);
  e.industry = core.industry;
  e.region = core.region->code;
  e.size = core.size;
  e.contact_name = PersonName(rng);
  e.contact_phone = MobilePhone(rng);
  return e;
}

domain::Need Generator::MakeNeed(size_t index) const {
  Rng rng = StreamRng(options_.seed, Stream::kNeed, index);
  const size_t enterprise = rng.Below(std::max<size_t>(options_.enterprises, 1));
  const EnterpriseCore core = MakeEnterpriseCore(options_.seed, enterprise);
  Slots slots = DrawSlots(rng, *core.family);
  slots.p = core.product;  // the enterprise writes about what it makes
  const vocab::NeedTemplate& t = PickNeedTemplate(rng, *core.family);
  domain::Need n;
  n.id = NeedId(index);
  n.enterprise_id = EnterpriseId(enterprise);
  n.title = Expand(t.title, slots);
  n.kind = t.kind;
  n.onsite = rng.Percent(65);
  n.description = NeedDescription(rng, *core.family, t, slots, n.onsite);
  if (rng.Percent(70)) n.industry = core.industry;
  if (rng.Percent(70)) n.region = core.region->code;
  if (rng.Percent(50)) n.skills = NeedSkills(rng, *core.family, slots);
  n.posted = PostedDate(rng);
  return n;
}

domain::InnovationResult Generator::MakeResult(size_t index) const {
  Rng rng = StreamRng(options_.seed, Stream::kResult, index);
  domain::InnovationResult r;
  r.id = ResultId(index);
  const Family* family = nullptr;
  if (options_.craftsmen > 0) {
    CraftsmanCore lead;
    r.owner_ids.push_back(CraftsmanId(PickLeadOwner(rng, options_.seed, options_.craftsmen, lead)));
    family = lead.family;
    r.studio = lead.studio;
    AddCoOwners(rng, options_.seed, options_.craftsmen, family, r.owner_ids);
  } else {
    family = &PickFamily(rng);
  }
  const Slots slots = DrawSlots(rng, *family);
  r.title = Expand(rng.Pick(vocab::ResultTitles()), slots);
  r.maturity = PickMaturity(rng);
  r.summary = ResultSummary(rng, slots, r.maturity);
  r.fields.emplace_back(family->name);
  r.fields.emplace_back(slots.s);
  for (std::string_view s : Sample(rng, family->skills, rng.Below(3))) {
    if (s != slots.s) r.fields.emplace_back(s);
  }
  r.benefit = ResultBenefit(rng, slots, r.maturity);
  return r;
}

}  // namespace craftlink::gen

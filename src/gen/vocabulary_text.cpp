// Sentence templates for needs, bios, achievements and results. Needs come in
// two registers because enterprises write both ways: a formal 我公司… and a
// shop-floor 我们厂…; matching has to cope with both.
#include "gen/vocabulary.h"

namespace craftlink::gen::vocab {
namespace {

using domain::ServiceKind;
using W = std::string_view;

constexpr W kOpeningsPlain[] = {"我公司主要生产{p}，", "我单位是一家{p}生产企业，", "本公司从事{p}的研发和制造，",
                                "我公司{p}产品近年订单增长较快，"};
constexpr W kOpeningsColloquial[] = {"我们厂是做{p}的，", "我们是一家做{p}的小厂，", "厂里主要做{p}，", ""};

// Openings for a detail that already starts with the product.
constexpr W kLeadsPlain[] = {"近期{w}中遇到一个难题：", "", "我公司在{w}中遇到以下问题："};
constexpr W kLeadsColloquial[] = {"有个问题困扰我们很久了，", "", "最近碰到个麻烦事，"};

// What was tried: technical problems get tuned, organisational ones get talked about.
constexpr W kTriedPlain[] = {"公司组织技术人员分析过几次，没有找到根本原因。", "曾请设备厂家处理，效果不明显。",
                             "已对工艺参数做过多次调整，问题仍未根本解决。", ""};
constexpr W kTriedColloquial[] = {"自己的师傅琢磨了好久也没搞定。", "找厂家来看过，说法一大堆，问题还在。",
                                  "网上查了不少资料，照着改了也不管用。", ""};
constexpr W kOrganisedPlain[] = {"公司内部组织过几次学习，但缺少系统的方法。", "曾外请培训机构讲过课，效果不理想。", ""};
constexpr W kOrganisedColloquial[] = {"自己摸索着搞过，总是坚持不下去。", "开过几次会，说完就忘了。", ""};

constexpr W kAsksPlainOnsite[] = {"希望安排有经验的专家到现场指导。", "恳请工匠团队来厂诊断并提出改进方案。",
                                  "希望专家到企业实地调研后给出解决方案。"};
constexpr W kAsksPlainRemote[] = {"希望专家远程给予技术指导。", "可先通过视频交流，请专家提供解决思路。"};
constexpr W kAsksColloquialOnsite[] = {"急需懂行的师傅上门看看。", "有没有老师傅能来厂里帮我们把把脉？",
                                       "想请专家来现场看一眼，越快越好。"};
constexpr W kAsksColloquialRemote[] = {"能不能先在电话里帮我们出出主意？", "有类似经验的师傅麻烦指点一下。"};

constexpr NeedTemplate kGenericNeeds[] = {
    {ServiceKind::kJointResearch, "{p}{d}问题攻关",
     "{p}{w}中{d}问题比较突出，近{n}个月不良率在{r}%左右，影响了按期交货。"},
    {ServiceKind::kJointResearch, "{d}老是解决不了", "这段时间{p}的{d}特别多，返工返到工人都有意见了。"},
    {ServiceKind::kTechnicalService, "{e}故障诊断", "{e}运行不稳定，{d}时有发生，维修人员经验不足。"},
    {ServiceKind::kTechnicalService, "{e}维护保养指导",
     "{e}的保养一直是坏了再修，停机损失大，想建立预防性维护制度。"},
    {ServiceKind::kTraining, "{s}技能提升培训", "一线员工{s}水平参差不齐，产品质量波动大，希望开展针对性培训。"},
    {ServiceKind::kTraining, "新员工{s}实操培训", "今年新招了{k}名员工，{s}基本功不扎实，想请师傅来手把手教。"},
    {ServiceKind::kSafety, "{e}作业安全隐患排查", "{e}周边作业存在安全隐患，员工安全意识不强，想请专家帮助排查整改。"},
    {ServiceKind::kManagement, "{p}现场管理提升", "{p}{w}现场比较乱，物料摆放随意，生产效率不高。"},
};

constexpr W kBioOpenings[] = {"从事{a}工作{y}年", "扎根{a}一线{y}年", "{y}年来一直在{a}岗位上",
                              "参加工作{y}年，始终从事{a}"};
constexpr W kBioSkills[] = {"擅长", "精通", "熟练掌握"};
constexpr W kBioExtras[] = {"累计带徒{n}人", "多次参与{e}故障抢修", "对{d}的分析和处理有独到经验",
                            "总结提炼的操作法在企业内推广", "先后为{k}家企业提供技术服务"};

constexpr W kAchievements[] = {"主持{p}{d}攻关，年节约成本{k}万元",
                               "获国家发明专利{n}项",
                               "{i}获省级职工技术创新成果奖",
                               "带徒{n}人，其中多人取得高级技师资格",
                               "参与编写{s}培训教材",
                               "在省级职业技能竞赛中获一等奖",
                               "研制的{i}在{n}家企业推广应用",
                               "提出合理化建议{k}条，多项被采纳实施"};

constexpr W kResultTitles[] = {"{i}", "{i}的研制与应用", "一种新型{i}", "{p}{d}综合治理", "{s}在{p}{w}中的应用",
                               "基于{s}的{e}改进"};
// Each ends where an effect (below) follows.
constexpr W kResultSummaries[] = {"针对{p}{w}中{d}的问题，团队运用{s}等方法研制了{i}，",
                                  "该成果围绕{e}{d}难题，通过{s}改进工艺，",
                                  "在{p}{w}现场长期实践的基础上，总结形成{i}，"};
constexpr W kResultEffects[] = {"使{d}发生率下降{r}%", "单件工时缩短{r}%", "设备故障停机时间减少{r}%",
                                "产品一次合格率提高{n}个百分点", "明显降低了操作人员劳动强度"};
constexpr W kBenefits[] = {"年节约成本{k}万元", "年创经济效益{k}0万元", "年减少停机{k}小时", "年节约电费{k}万元",
                           "合格率提升{n}个百分点"};
constexpr W kPlannedBenefits[] = {"预计年节约成本{k}万元", "预计年创经济效益{k}0万元"};

}  // namespace

Words NeedOpenings(int register_) { return register_ == 0 ? Words(kOpeningsPlain) : Words(kOpeningsColloquial); }
Words NeedLeads(int register_) { return register_ == 0 ? Words(kLeadsPlain) : Words(kLeadsColloquial); }
Words NeedAttempts(int register_, bool technical) {
  if (technical) return register_ == 0 ? Words(kTriedPlain) : Words(kTriedColloquial);
  return register_ == 0 ? Words(kOrganisedPlain) : Words(kOrganisedColloquial);
}
Words NeedAsks(int register_, bool onsite) {
  if (register_ == 0) return onsite ? Words(kAsksPlainOnsite) : Words(kAsksPlainRemote);
  return onsite ? Words(kAsksColloquialOnsite) : Words(kAsksColloquialRemote);
}
std::span<const NeedTemplate> GenericNeeds() { return kGenericNeeds; }

Words BioOpenings() { return kBioOpenings; }
Words BioSkills() { return kBioSkills; }
Words BioExtras() { return kBioExtras; }
Words Achievements() { return kAchievements; }
Words ResultTitles() { return kResultTitles; }
Words ResultSummaries() { return kResultSummaries; }
Words ResultEffects() { return kResultEffects; }
Words Benefits() { return kBenefits; }
Words PlannedBenefits() { return kPlannedBenefits; }

}  // namespace craftlink::gen::vocab

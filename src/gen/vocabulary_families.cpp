// The skill families: the coherent worlds a craftsman, an enterprise, a need
// and a result are drawn from, so that a generated need can be matched by
// a generated craftsman of the same family.
#include "gen/vocabulary.h"

namespace craftlink::gen::vocab {
namespace {

using domain::ServiceKind;
using W = std::string_view;
constexpr ServiceKind kSvc = ServiceKind::kTechnicalService;
constexpr ServiceKind kRes = ServiceKind::kJointResearch;
constexpr ServiceKind kMgt = ServiceKind::kManagement;
constexpr ServiceKind kTrn = ServiceKind::kTraining;
constexpr ServiceKind kSaf = ServiceKind::kSafety;

// Family indices, for the `related` lists.
enum : uint8_t {
  kWeld, kCnc, kMould, kFitter, kElec, kRobot, kPower, kMetal,
  kChem, kBuild, kAuto, kSmt, kQuality, kLean, kTeach, kFood,
};

// ---- 焊接
constexpr W kWeldAreas[] = {"压力容器焊接", "钢结构焊接", "水电装备焊接", "长输管道焊接"};
constexpr W kWeldSkills[] = {"焊条电弧焊", "CO2气体保护焊", "氩弧焊", "埋弧自动焊", "焊接机器人编程",
                             "焊接工艺评定", "焊接变形矫正", "不锈钢焊接", "铝合金焊接", "焊缝射线检测",
                             "管道全位置焊", "堆焊修复"};
constexpr W kWeldInd[] = {"C33", "C34", "C35", "C37"};
constexpr W kWeldCo[] = {"重型机械", "钢结构", "压力容器", "锅炉", "重装"};
constexpr W kWeldProd[] = {"压力容器", "钢箱梁", "锅炉集箱", "水轮机座环", "球形储罐", "挖掘机动臂"};
constexpr W kWeldEquip[] = {"焊接机器人", "埋弧焊机", "氩弧焊机", "焊接变位机", "数字化焊机"};
constexpr W kWeldDef[] = {"焊缝气孔", "焊接冷裂纹", "焊后变形", "根部未焊透", "咬边", "层间夹渣"};
constexpr W kWeldInv[] = {"焊缝自动跟踪装置", "防变形刚性固定工装", "窄间隙埋弧焊工艺", "管道自动焊小车",
                          "电磁感应预热装置"};
constexpr W kWeldWorks[] = {"先后参与{n}台大型{p}的主焊工作", "带领班组攻克{p}{d}难题",
                            "牵头编制{p}焊接作业指导书", "在{e}应用推广中担任技术骨干"};
constexpr NeedTemplate kWeldNeeds[] = {
    {kRes, "{p}{d}返修率高", "{p}焊完一探伤，{d}的返修率一直降不下来，最近几批有{r}%要返修。"},
    {kRes, "厚板拼焊变形控制", "{p}用的厚板拼焊以后变形很大，校形费工费时，有时候校完了还开裂。"},
    {kSvc, "{e}焊接参数调试", "新上的{e}焊出来成形不好，厂家来调过两次，还是时好时坏。"},
    {kTrn, "焊工{s}技能提升", "车间有{n}名焊工要提高{s}水平，去年取证考试一次通过率不到一半。"},
    {kSaf, "容器内部焊接作业安全", "工人要钻进{p}内部施焊，通风、监护和照明都不太规范，想把受限空间作业管起来。"},
};
constexpr ServiceKind kWeldKinds[] = {kRes, kSvc, kTrn};
constexpr uint8_t kWeldRel[] = {kRobot, kFitter, kQuality};

// ---- 数控加工
constexpr W kCncAreas[] = {"精密零件数控加工", "航空零件数控加工", "大型零件车铣加工"};
constexpr W kCncSkills[] = {"数控车削", "数控铣削", "五轴联动加工", "宏程序编程", "CAM自动编程", "薄壁件加工",
                            "刀具选型", "精密测量", "专用夹具设计", "钛合金切削", "加工中心操作",
                            "机床精度检测"};
constexpr W kCncInd[] = {"C34", "C35", "C37", "C40"};
constexpr W kCncCo[] = {"精密机械", "数控科技", "机械加工", "航空零部件", "精工"};
constexpr W kCncProd[] = {"飞机结构件", "泵壳", "阀体", "齿轮箱体", "液压阀块", "叶轮", "薄壁套筒"};
constexpr W kCncEquip[] = {"五轴加工中心", "数控车床", "卧式加工中心", "龙门铣床", "数控磨床"};
constexpr W kCncDef[] = {"尺寸超差", "表面振刀纹", "刀具磨损过快", "薄壁变形", "孔系位置度超差", "加工节拍偏长"};
constexpr W kCncInv[] = {"薄壁件真空吸附夹具", "机内快速对刀装置", "刀具寿命管理系统", "零点快换定位系统",
                         "五轴后置处理程序"};
constexpr W kCncWorks[] = {"加工过上万件高精度{p}，从未出过批量质量问题", "主持{p}加工工艺优化，单件工时缩短{r}%",
                           "自主设计{i}并在车间推广", "为多家企业解决{e}加工{d}问题"};
constexpr NeedTemplate kCncNeeds[] = {
    {kRes, "{p}{d}问题", "{p}在{e}上加工，{d}的问题反反复复，差不多{r}%的零件要返工。"},
    {kRes, "难加工材料提效", "{p}换了钛合金材料以后刀具磨得飞快，一把刀干不了几件，单件工时太长。"},
    {kSvc, "{e}精度恢复", "厂里的{e}用了{y}年了，加工出来的孔位老是超差，搞不清是机床的问题还是程序的问题。"},
    {kTrn, "数控编程与{s}培训", "年轻操作工只会按按钮，程序一改就不会了，想系统提升{s}水平。"},
    {kMgt, "机加车间刀具管理", "刀具领用没有台账，浪费严重，换刀等刀时间长，希望帮忙建立刀具管理办法。"},
};
constexpr ServiceKind kCncKinds[] = {kRes, kSvc, kTrn};
constexpr uint8_t kCncRel[] = {kMould, kFitter, kQuality};

// ---- 模具
constexpr W kMouldAreas[] = {"注塑模具制造", "冲压模具调试", "压铸模具维修"};
constexpr W kMouldSkills[] = {"注塑模具设计", "冲压模具调试", "模具钳工", "模具抛光", "电火花加工", "慢走丝线切割",
                              "模流分析", "热流道技术", "模具修复", "级进模设计", "压铸模具设计"};
constexpr W kMouldInd[] = {"C35", "C29", "C36", "C33"};
constexpr W kMouldCo[] = {"模具", "精密模具", "模塑科技", "冲压件"};
constexpr W kMouldProd[] = {"汽车覆盖件", "家电外壳", "连接器端子", "铝压铸壳体", "塑料齿轮"};
constexpr W kMouldEquip[] = {"注塑机", "高速冲床", "压铸机", "慢走丝机床", "电火花成型机"};
constexpr W kMouldDef[] = {"飞边毛刺", "缩痕", "模具开裂", "粘模", "冲压起皱", "尺寸不稳定"};
constexpr W kMouldInv[] = {"快速换模装置", "随形冷却水路", "冲压模具在线检测装置", "模具镶件快换结构"};
constexpr W kMouldWorks[] = {"主持设计制造{p}模具{k}套", "解决{p}{d}等多项疑难问题",
                             "将{i}应用于生产，模具寿命明显提高", "长期负责{e}模具的调试与维修"};
constexpr NeedTemplate kMouldNeeds[] = {
    {kRes, "{p}{d}问题攻关", "我们给主机厂配套{p}，最近{d}比较严重，客户已经投诉了{n}次。"},
    {kRes, "模具寿命偏短", "一套{p}模具用不了多久就要大修，修模成本高，还经常耽误交货。"},
    {kSvc, "新模具试模调试", "新开的{p}模具在{e}上试了好几次都打不出合格件，工艺参数摸不准。"},
    {kTrn, "模具钳工带徒培训", "修模的老师傅快退休了，年轻人修模全靠自己摸索，想请专家系统带一带。"},
    {kMgt, "模具全寿命管理", "模具保养和维修记录都靠手写，哪套模具该保养了谁也说不清，想建立一套管理办法。"},
};
constexpr ServiceKind kMouldKinds[] = {kRes, kSvc, kTrn};
constexpr uint8_t kMouldRel[] = {kCnc, kFitter, kAuto};

// ---- 钳工装配
constexpr W kFitAreas[] = {"大型设备装配", "精密机械装配", "设备维修钳工"};
constexpr W kFitSkills[] = {"精密装配", "刮研", "划线", "设备安装调试", "轴承装配", "齿轮箱装配", "液压系统装调",
                            "转子动平衡", "激光对中", "装配工艺编制", "机械设备维修"};
constexpr W kFitInd[] = {"C34", "C35", "C37"};
constexpr W kFitCo[] = {"机械设备", "重工", "传动设备", "通用机械"};
constexpr W kFitProd[] = {"减速机", "汽轮机", "离心压缩机", "机床主轴", "盾构机刀盘"};
constexpr W kFitEquip[] = {"桥式起重机", "动平衡机", "激光对中仪", "液压拉伸器", "装配线"};
constexpr W kFitDef[] = {"装配后振动大", "轴承温升高", "齿轮啮合异响", "结合面漏油", "装配精度不稳定"};
constexpr W kFitInv[] = {"大型轴承感应加热装置", "刮研辅助工装", "主轴装配专用工装", "齿轮啮合检测装置"};
constexpr W kFitWorks[] = {"参与{n}台大型{p}的总装调试", "用手工刮研把关键配合面精度做到微米级",
                           "总结出一套{p}装配操作法", "多次承担{p}现场抢修任务"};
constexpr NeedTemplate kFitNeeds[] = {
    {kRes, "{p}{d}问题", "{p}装好试车就{d}，拆了重装好几回还是老样子。"},
    {kSvc, "关键设备现场安装调试", "新买的{p}要安装，厂家人手紧排不过来，想请有经验的钳工师傅帮忙找正调试。"},
    {kSvc, "{p}检修技术支持", "{p}计划停机大修，检修时间只有{n}天，需要经验丰富的师傅把关。"},
    {kTrn, "装配钳工{s}培训", "新进钳工对{s}掌握不好，装配质量全靠检验把关，想做系统培训。"},
};
constexpr ServiceKind kFitKinds[] = {kSvc, kRes, kTrn};
constexpr uint8_t kFitRel[] = {kCnc, kWeld, kLean};

// ---- 电气与PLC
constexpr W kElecAreas[] = {"工厂电气自动化", "设备电气维修", "PLC控制系统"};
constexpr W kElecSkills[] = {"PLC编程", "变频器调试", "电气控制线路设计", "伺服驱动调试", "触摸屏组态",
                             "工业以太网", "电气故障诊断", "低压配电", "DCS系统维护", "电机维修"};
constexpr W kElecInd[] = {"C38", "C34", "C35"};
constexpr W kElecCo[] = {"电气", "自动化", "电控设备", "智能装备"};
constexpr W kElecProd[] = {"低压开关柜", "自动化生产线", "变频调速装置", "中小型电机"};
constexpr W kElecEquip[] = {"PLC控制系统", "变频器", "伺服系统", "电气控制柜", "自动化生产线"};
constexpr W kElecDef[] = {"频繁停机", "变频器过流报警", "通讯中断", "电机过热", "控制程序死机"};
constexpr W kElecInv[] = {"设备故障远程诊断系统", "PLC程序标准化模板", "变频节能改造方案", "电气柜散热改进装置"};
constexpr W kElecWorks[] = {"完成{n}条生产线的电气控制改造", "主持{e}国产化替代改造",
                            "编写{e}常见故障处理手册", "快速排除{e}{d}故障，保障连续生产"};
constexpr NeedTemplate kElecNeeds[] = {
    {kSvc, "{e}频繁报警", "生产线上的{e}隔三岔五报{d}，一停就是半天，自己的电工查不出原因。"},
    {kRes, "老旧设备电气控制改造", "厂里有几台设备用了{y}年了，控制系统停产买不到备件，想改成现在的PLC控制。"},
    {kTrn, "电工{s}培训", "维修电工会接线不会编程，设备一出程序问题就只能等厂家，想提高{s}能力。"},
    {kSaf, "配电系统安全隐患排查", "配电房和车间电气线路比较老旧，去年发生过一次短路起火，想请专家全面排查。"},
};
constexpr ServiceKind kElecKinds[] = {kSvc, kRes, kTrn, kSaf};
constexpr uint8_t kElecRel[] = {kRobot, kPower, kLean};

// ---- 工业机器人
constexpr W kRobotAreas[] = {"工业机器人应用", "智能制造产线集成", "机器人运维"};
constexpr W kRobotSkills[] = {"工业机器人编程", "机器人离线编程", "机器视觉", "机器人工作站集成", "机器人维护保养",
                              "焊接机器人调试", "码垛机器人应用", "协作机器人应用", "机器人轨迹优化"};
constexpr W kRobotInd[] = {"C34", "C36", "C38", "C39"};
constexpr W kRobotCo[] = {"智能装备", "机器人", "自动化科技", "智能制造"};
constexpr W kRobotProd[] = {"机器人焊接工作站", "自动化装配线", "码垛生产线", "喷涂生产线"};
constexpr W kRobotEquip[] = {"六轴机器人", "焊接机器人", "视觉相机", "AGV小车", "协作机器人"};
constexpr W kRobotDef[] = {"节拍达不到要求", "重复定位精度差", "示教耗时长", "视觉识别率低", "机器人碰撞停机"};
constexpr W kRobotInv[] = {"机器人快换夹具", "视觉引导抓取系统", "离线编程仿真平台", "焊缝激光寻位程序"};
constexpr W kRobotWorks[] = {"主持建成{n}条{p}", "用{i}替代人工，降低劳动强度", "为企业培养机器人操作和运维人员{k}名",
                             "解决{e}{d}等现场难题"};
constexpr NeedTemplate kRobotNeeds[] = {
    {kRes, "{p}{d}", "去年上了{p}，现在{d}，产能比预期低了{r}%左右。"},
    {kSvc, "{e}示教编程支持", "换了新产品以后{e}要重新示教，我们的人不熟练，一个程序要调好几天。"},
    {kRes, "机器人替代人工可行性评估", "打磨、搬运岗位招工难，想上机器人，但不知道投多少钱、能不能干得好。"},
    {kTrn, "机器人操作运维培训", "厂里有{n}台机器人，只有一个人会操作，他一请假就停线，想培养一批人。"},
};
constexpr ServiceKind kRobotKinds[] = {kSvc, kRes, kTrn};
constexpr uint8_t kRobotRel[] = {kElec, kWeld, kAuto};

// ---- 电力运维
constexpr W kPowerAreas[] = {"变电运维", "输电线路检修", "继电保护"};
constexpr W kPowerSkills[] = {"变电设备检修", "继电保护调试", "带电作业", "电缆故障定位", "高压试验", "配网运维",
                              "变压器检修", "红外测温", "开关柜检修", "电力安全管理"};
constexpr W kPowerInd[] = {"D44", "C38"};
constexpr W kPowerCo[] = {"电力工程", "供电服务", "电力设备", "能源科技"};
constexpr W kPowerProd[] = {"企业变电站", "厂区配电网", "高压线路", "自备电厂"};
constexpr W kPowerEquip[] = {"主变压器", "高压开关柜", "GIS组合电器", "电力电缆", "保护装置"};
constexpr W kPowerDef[] = {"局部放电", "触头发热", "线路跳闸", "电缆头击穿", "保护误动作"};
constexpr W kPowerInv[] = {"带电作业绝缘工具", "开关柜无线测温装置", "电缆故障快速定位仪", "变电站智能巡检方案"};
constexpr W kPowerWorks[] = {"参与{n}座变电站的投运调试", "带电作业上千次无差错",
                             "研制{i}并在系统内推广", "多次在抢险保供电中承担{e}抢修任务"};
constexpr NeedTemplate kPowerNeeds[] = {
    {kSvc, "{e}{d}隐患处理", "{p}的{e}最近检测发现{d}，担心影响生产用电，想请专家诊断。"},
    {kSaf, "厂区配电安全检查", "{p}运行{y}年了，维护记录不全，想请专业人员做一次全面的安全检查。"},
    {kTrn, "电工{s}实操培训", "企业电工持证但实操经验少，想针对{s}做实操培训。"},
    {kRes, "用电能耗降低", "电费占成本比重越来越大，想看看变压器和线路上有没有节能的空间。"},
};
constexpr W kPowerOpen[] = {"我公司{p}运行多年，", "我们厂有自己的{p}，", ""};
constexpr ServiceKind kPowerKinds[] = {kSvc, kSaf, kTrn};
constexpr uint8_t kPowerRel[] = {kElec, kChem, kBuild};

// ---- 冶金
constexpr W kMetalAreas[] = {"转炉炼钢", "热轧生产", "钒钛冶炼", "铝电解生产"};
constexpr W kMetalSkills[] = {"转炉炼钢", "连铸操作", "热轧工艺", "冷轧工艺", "高炉操作", "钒钛冶炼", "铝电解",
                              "炉前操作", "轧辊管理", "钢水精炼"};
constexpr W kMetalInd[] = {"C31", "C32"};
constexpr W kMetalCo[] = {"钢铁", "特钢", "冶金", "钒钛", "铝业"};
constexpr W kMetalProd[] = {"重轨", "热轧板卷", "特钢棒材", "钒铁", "铝型材"};
constexpr W kMetalEquip[] = {"转炉", "连铸机", "热连轧机", "高炉", "加热炉"};
constexpr W kMetalDef[] = {"铸坯裂纹", "板面缺陷", "轧辊消耗高", "成分波动", "炉衬寿命短"};
constexpr W kMetalInv[] = {"结晶器液面稳定控制方法", "溅渣护炉新工艺", "轧辊在线修磨装置", "钢包烘烤节能装置"};
constexpr W kMetalWorks[] = {"参与{p}新品种开发{n}项", "主持{e}工艺攻关，{d}明显减少",
                             "总结的操作法使{e}作业率提高{r}%", "长期在{e}一线带班"};
constexpr NeedTemplate kMetalNeeds[] = {
    {kRes, "{p}{d}攻关", "{p}生产中{d}问题突出，每月因此降级的产品有几百吨。"},
    {kRes, "{e}能耗偏高", "{e}吨钢能耗比同行高出一截，想找专家帮忙找找原因。"},
    {kSvc, "{e}工艺参数优化", "新钢种上{e}以后工艺参数一直没摸透，质量不稳定。"},
    {kSaf, "高温熔融金属作业安全", "炉前作业人员多，去年发生过喷溅烫伤，想请专家帮忙完善安全规程。"},
};
constexpr ServiceKind kMetalKinds[] = {kRes, kSvc, kSaf};
constexpr uint8_t kMetalRel[] = {kQuality, kWeld, kPower};

// ---- 化工安全
constexpr W kChemAreas[] = {"化工生产操作", "化工装置安全管理", "危险化学品管理"};
constexpr W kChemSkills[] = {"化工工艺操作", "危化品储运管理", "HAZOP分析", "特种设备管理", "应急预案编制",
                             "动火作业管理", "隐患排查治理", "DCS操作", "压力管道巡检", "有毒气体检测"};
constexpr W kChemInd[] = {"C26", "C25", "C27"};
constexpr W kChemCo[] = {"化工", "化学", "新材料", "精细化工"};
constexpr W kChemProd[] = {"天然气化工产品", "烧碱", "复合肥", "精细化学品", "磷酸盐"};
constexpr W kChemEquip[] = {"反应釜", "精馏塔", "换热器", "储罐区", "压缩机"};
constexpr W kChemDef[] = {"跑冒滴漏", "反应温度波动", "换热器结垢", "可燃气体报警", "安全阀频繁起跳"};
constexpr W kChemInv[] = {"反应釜温度联锁改造", "储罐泄漏快速堵漏工具", "巡检标准化作业卡", "装置开停车确认表"};
constexpr W kChemWorks[] = {"参与{n}套装置的开车调试", "牵头完成{e}安全联锁改造",
                            "带领班组连续{y}年无安全事故", "编制{p}装置应急处置卡"};
constexpr NeedTemplate kChemNeeds[] = {
    {kSaf, "{e}{d}隐患治理", "{e}{d}的问题时有发生，安监部门检查时也提出过，想彻底整改。"},
    {kSaf, "危化品储存安全评估", "我们储存的危化品种类多，库房和储罐区布置是早年设计的，想请专家做一次评估。"},
    {kRes, "{p}收率提升", "{p}装置收率比设计值低{r}%左右，原因一直没找到。"},
    {kTrn, "操作工{s}培训", "新招的操作工对{s}不熟，开停车时容易出错，想请有经验的师傅来培训。"},
};
constexpr ServiceKind kChemKinds[] = {kSaf, kSvc, kTrn};
constexpr uint8_t kChemRel[] = {kPower, kQuality, kTeach};

// ---- 建筑施工
constexpr W kBuildAreas[] = {"房屋建筑施工", "桥梁隧道施工", "建筑机电安装"};
constexpr W kBuildSkills[] = {"钢筋工程", "模板工程", "混凝土施工", "测量放线", "装配式建筑施工", "隧道施工",
                              "桥梁施工", "建筑电工", "防水施工", "施工安全管理"};
constexpr W kBuildInd[] = {"E47", "E48", "E49"};
constexpr W kBuildCo[] = {"建设工程", "建筑", "路桥", "建工"};
constexpr W kBuildProd[] = {"高层住宅", "市政桥梁", "山岭隧道", "装配式厂房", "地铁车站"};
constexpr W kBuildEquip[] = {"塔吊", "盾构机", "混凝土泵车", "爬模系统", "盘扣脚手架"};
constexpr W kBuildDef[] = {"混凝土裂缝", "渗漏水", "模板胀模", "测量偏差", "高处坠落隐患"};
constexpr W kBuildInv[] = {"铝模快速拆装工法", "隧道二衬台车改进", "钢筋笼定位工装", "预制构件吊装专用吊具"};
constexpr W kBuildWorks[] = {"参建{n}项重点{p}工程", "总结的{i}获评省级工法", "带领班组在{p}施工中创下工期纪录",
                             "长期负责{e}施工方案审核"};
constexpr NeedTemplate kBuildNeeds[] = {
    {kRes, "{p}{d}问题", "{p}项目上出现{d}，监理要求限期整改，我们拿不准怎么处理。"},
    {kSaf, "施工现场安全管理提升", "工地人员流动大，{e}作业安全交底走过场，想请专家帮我们把现场安全管起来。"},
    {kTrn, "装配式施工技能培训", "公司开始接装配式项目，工人都是干现浇出身，对{s}不熟悉。"},
    {kMgt, "项目班组管理", "{p}项目分包班组多，工序交接乱，返工多，想学习好的班组管理做法。"},
};
constexpr W kBuildOpen[] = {"我公司承建的{p}项目正在施工，", "我们是做{p}施工的，", ""};
constexpr ServiceKind kBuildKinds[] = {kSvc, kSaf, kTrn};
constexpr uint8_t kBuildRel[] = {kWeld, kPower, kLean};

// ---- 汽车制造
constexpr W kAutoAreas[] = {"汽车总装", "车身焊装", "汽车涂装", "发动机装配"};
constexpr W kAutoSkills[] = {"总装工艺", "车身焊装", "涂装工艺", "发动机装配调试", "整车检验", "汽车电气调试",
                             "螺栓拧紧工艺", "汽车钣金", "底盘装配"};
constexpr W kAutoInd[] = {"C36"};
constexpr W kAutoCo[] = {"汽车零部件", "汽车", "车辆", "汽配"};
constexpr W kAutoProd[] = {"整车", "发动机", "变速器", "车门总成", "底盘件", "摩托车"};
constexpr W kAutoEquip[] = {"拧紧枪", "涂装线", "焊装线", "总装线", "检测线"};
constexpr W kAutoDef[] = {"异响", "漆面颗粒", "拧紧扭矩不合格", "间隙面差超差", "淋雨漏水"};
constexpr W kAutoInv[] = {"拧紧数据追溯系统", "车门装配防错工装", "涂装颗粒控制方法", "间隙面差快速检具"};
constexpr W kAutoWorks[] = {"参与{n}款新车型的量产导入", "牵头解决{p}{d}等质量难题",
                            "主持{e}改造，节拍提升{r}%", "总结的{p}装配操作法在全厂推广"};
constexpr NeedTemplate kAutoNeeds[] = {
    {kRes, "{p}{d}问题", "主机厂反馈我们的{p}有{d}，已经扣了质量分，急需找到原因。"},
    {kSvc, "{e}工艺改进", "{e}节拍跟不上订单，加班加点也交不上货，想优化一下工艺。"},
    {kMgt, "供应商质量体系提升", "我们是{p}二级供应商，主机厂审核提了一堆问题，想请专家帮助整改。"},
    {kTrn, "一线员工{s}培训", "旺季招了很多新人，{s}不规范，{d}明显增多。"},
};
constexpr ServiceKind kAutoKinds[] = {kRes, kSvc, kMgt};
constexpr uint8_t kAutoRel[] = {kRobot, kQuality, kMould};

// ---- 电子装联
constexpr W kSmtAreas[] = {"电子装联", "SMT生产", "电子产品调试"};
constexpr W kSmtSkills[] = {"SMT工艺", "回流焊工艺", "波峰焊工艺", "手工焊接", "BGA返修", "电子产品调试",
                            "静电防护", "线束加工", "电子装联检验", "AOI检测"};
constexpr W kSmtInd[] = {"C39", "C38", "C40"};
constexpr W kSmtCo[] = {"电子科技", "电子", "光电", "通信设备"};
constexpr W kSmtProd[] = {"电路板组件", "显示模组", "通信模块", "汽车线束", "笔记本主板"};
constexpr W kSmtEquip[] = {"贴片机", "回流焊炉", "波峰焊机", "AOI设备", "锡膏印刷机"};
constexpr W kSmtDef[] = {"虚焊", "连锡", "元件立碑", "静电击穿", "BGA焊点空洞"};
constexpr W kSmtInv[] = {"BGA返修定位治具", "防静电周转车", "锡膏印刷参数优化方法", "插件防错工装"};
constexpr W kSmtWorks[] = {"长期承担航天电子产品手工焊接，焊点合格率保持百分之百", "主持{e}工艺优化，{d}大幅下降",
                           "研制{i}并获实用新型专利", "为{n}家企业解决{p}焊接质量问题"};
constexpr NeedTemplate kSmtNeeds[] = {
    {kRes, "{p}{d}问题", "{p}过完炉{d}比较多，AOI查出来的不良有{r}%左右，修板的人都忙不过来。"},
    {kSvc, "{e}工艺调试", "新买的{e}一直没调好，换线调程序很慢，影响交期。"},
    {kTrn, "手工焊接技能培训", "手工补焊全靠几个老员工，新员工焊出来的点不过关，想做系统培训。"},
    {kMgt, "车间静电防护管理", "客户审厂说我们静电防护不合格，想请专家帮助建立防静电管理体系。"},
};
constexpr ServiceKind kSmtKinds[] = {kRes, kSvc, kTrn};
constexpr uint8_t kSmtRel[] = {kElec, kQuality, kRobot};

// ---- 质量管理
constexpr W kQualAreas[] = {"质量管理", "质量检验", "质量体系建设"};
constexpr W kQualSkills[] = {"质量体系内审", "统计过程控制", "测量系统分析", "失效模式分析", "六西格玛",
                             "QC小组活动", "质量问题分析", "供应商质量管理", "计量检测", "可靠性试验"};
constexpr W kQualInd[] = {"C34", "C36", "C38", "C39"};
constexpr W kQualCo[] = {"精密制造", "机械制造", "工业科技"};
constexpr W kQualProd[] = {"批量零部件", "出口产品", "配套件"};
constexpr W kQualEquip[] = {"三坐标测量机", "在线检测设备", "理化实验室"};
constexpr W kQualDef[] = {"批次质量波动", "客户投诉偏多", "同类问题反复发生", "检验漏检"};
constexpr W kQualInv[] = {"关键工序防错装置", "质量问题快速响应机制", "在线自动检测系统", "QC成果转化方法"};
constexpr W kQualWorks[] = {"指导QC小组{n}个，多项成果获全国优秀", "主持建立企业质量追溯体系",
                            "推动{p}一次交验合格率提升{r}%", "多次代表企业接受客户审核并零缺陷通过"};
constexpr NeedTemplate kQualNeeds[] = {
    {kMgt, "{d}问题治理", "{p}{d}，头痛医头脚痛医脚，想请专家帮助建立系统的质量改进方法。"},
    {kMgt, "质量体系认证辅导", "公司准备做质量体系认证，文件和记录都不全，不知道从哪里下手。"},
    {kTrn, "班组长{s}培训", "班组长对{s}了解很少，质量问题都推给质检，想培训一下。"},
    {kRes, "检测手段改进", "{p}关键尺寸靠人工抽检，漏检时有发生，想改成在线检测。"},
};
constexpr ServiceKind kQualKinds[] = {kMgt, kTrn, kSvc};
constexpr uint8_t kQualRel[] = {kLean, kAuto, kCnc};

// ---- 精益生产
constexpr W kLeanAreas[] = {"精益生产", "现场管理", "班组建设"};
constexpr W kLeanSkills[] = {"精益生产", "5S现场管理", "价值流分析", "快速换模", "标准作业", "TPM设备管理",
                             "生产计划排程", "班组管理", "目视化管理", "持续改进"};
constexpr W kLeanInd[] = {"C34", "C36", "C38", "C13"};
constexpr W kLeanCo[] = {"制造", "工业", "实业"};
constexpr W kLeanProd[] = {"多品种小批量产品", "装配产品", "包装制品"};
constexpr W kLeanEquip[] = {"生产线", "成品仓库", "物流通道"};
constexpr W kLeanDef[] = {"在制品积压", "换型时间长", "交期经常延误", "人员效率低", "设备综合效率低"};
constexpr W kLeanInv[] = {"快速换型方法", "生产看板系统", "班组积分制管理", "一人多机作业法"};
constexpr W kLeanWorks[] = {"在{n}家企业推行精益改善", "主持{p}车间布局优化，在制品减少{r}%",
                            "创立{i}并在行业推广", "带领班组获评全国工人先锋号"};
constexpr NeedTemplate kLeanNeeds[] = {
    {kMgt, "车间{d}问题", "订单多了以后车间{d}，现场乱、找东西难，想请专家来做精益改善。"},
    {kMgt, "生产线平衡与提效", "{p}装配线各工位忙闲不均，瓶颈工位天天加班，整体效率上不去。"},
    {kMgt, "班组建设", "一线班组长都是技术骨干提上来的，不太会带人管事，想提升班组管理水平。"},
    {kTrn, "{s}导入培训", "公司想推行{s}，但中层和班组长都没接触过，需要先培训再落地。"},
};
constexpr ServiceKind kLeanKinds[] = {kMgt, kTrn};
constexpr uint8_t kLeanRel[] = {kQuality, kTeach, kFitter};

// ---- 技能培训
constexpr W kTeachAreas[] = {"职工技能培训", "技能人才培养", "技能竞赛组织"};
constexpr W kTeachSkills[] = {"培训课程开发", "实训教学", "职业技能等级认定", "师带徒培养", "技能竞赛辅导",
                              "安全操作培训", "一体化教学", "班组长培训"};
constexpr W kTeachInd[] = {"C34", "C35", "C38"};
constexpr W kTeachCo[] = {"机械", "装备", "科技"};
constexpr W kTeachProd[] = {"机械产品", "成套装备"};
constexpr W kTeachEquip[] = {"实训设备", "生产设备"};
constexpr W kTeachDef[] = {"技能断层", "新员工上手慢", "技能等级认定通过率低", "老师傅经验传不下来"};
constexpr W kTeachInv[] = {"模块化实训教材", "技能培训微课", "师带徒培养评价办法", "技能竞赛训练方法"};
constexpr W kTeachWorks[] = {"累计培训职工{k}00余人次", "辅导选手在全国技能大赛中获奖",
                             "开发{i}并在全省职工培训中使用", "带徒{k}人，多人成为技师、高级技师"};
constexpr NeedTemplate kTeachNeeds[] = {
    {kTrn, "{d}问题", "公司{d}，一线骨干青黄不接，想建立长期的人才培养机制。"},
    {kTrn, "技能等级认定辅导", "今年有{k}名员工要参加等级认定，去年通过率不高，想请专家辅导。"},
    {kTrn, "内训师队伍建设", "想培养一批自己的内训师，但老师傅会干不会讲，需要教学方法培训。"},
};
constexpr ServiceKind kTeachKinds[] = {kTrn, kMgt};
constexpr uint8_t kTeachRel[] = {kLean, kQuality, kWeld};

// ---- 食品酿造
constexpr W kFoodAreas[] = {"白酒酿造", "调味品酿造", "茶叶加工", "食品生产"};
constexpr W kFoodSkills[] = {"白酒酿造", "白酒勾调", "品评", "窖池养护", "发酵控制", "食品安全管理",
                             "调味品酿造", "茶叶加工", "杀菌工艺", "灌装线维护"};
constexpr W kFoodInd[] = {"C15", "C14", "C13"};
constexpr W kFoodCo[] = {"酒业", "食品", "酿造", "茶业", "调味品"};
constexpr W kFoodProd[] = {"浓香型白酒", "火锅底料", "酿造酱油", "榨菜", "绿茶", "豆瓣酱"};
constexpr W kFoodEquip[] = {"窖池", "发酵罐", "灌装线", "杀菌釜", "蒸馏甑"};
constexpr W kFoodDef[] = {"出酒率下降", "风味不稳定", "发酵异常", "微生物超标", "灌装漏液"};
constexpr W kFoodInv[] = {"人工窖泥培养新工艺", "自动上甑装置", "发酵温度在线监测系统", "低盐发酵工艺"};
constexpr W kFoodWorks[] = {"练就凭手感和嗅觉判断{p}发酵状态的本领", "主持{p}工艺改进，{d}问题得到解决",
                            "带领班组研制{i}", "参与制定{p}企业标准"};
constexpr NeedTemplate kFoodNeeds[] = {
    {kRes, "{p}{d}", "今年{p}{d}，跟往年比差了不少，不知道是原料还是工艺出了问题。"},
    {kSvc, "{e}改造升级", "{e}还是老式的，人工多、效率低，想改造但怕影响产品风味。"},
    {kSaf, "食品安全管理提升", "市场监管抽检提了整改意见，想请专家帮我们把生产过程的食品安全管起来。"},
    {kTrn, "{s}技艺传承", "老师傅的手艺都在心里，年轻人学得慢，想把{s}的经验整理出来传下去。"},
};
constexpr ServiceKind kFoodKinds[] = {kSvc, kRes, kTrn};
constexpr uint8_t kFoodRel[] = {kQuality, kLean, kTeach};

#define CRAFTLINK_FAMILY(name, p, process, openings)                                                 \
  Family {                                                                                           \
    name, p##Areas, p##Skills, p##Ind, p##Co, p##Prod, p##Equip, p##Def, p##Inv, p##Works, p##Needs,    \
        p##Kinds, p##Rel, process, openings                                                          \
  }

// Order must match the index enum above.
const Family kFamilies[] = {
    CRAFTLINK_FAMILY("焊接", kWeld, "生产", {}),
    CRAFTLINK_FAMILY("数控加工", kCnc, "生产", {}),
    CRAFTLINK_FAMILY("模具", kMould, "生产", {}),
    CRAFTLINK_FAMILY("钳工装配", kFit, "生产", {}),
    CRAFTLINK_FAMILY("电气与PLC", kElec, "生产", {}),
    CRAFTLINK_FAMILY("工业机器人", kRobot, "生产", {}),
    CRAFTLINK_FAMILY("电力运维", kPower, "运行", kPowerOpen),
    CRAFTLINK_FAMILY("冶金", kMetal, "生产", {}),
    CRAFTLINK_FAMILY("化工安全", kChem, "生产", {}),
    CRAFTLINK_FAMILY("建筑施工", kBuild, "施工", kBuildOpen),
    CRAFTLINK_FAMILY("汽车制造", kAuto, "生产", {}),
    CRAFTLINK_FAMILY("电子装联", kSmt, "生产", {}),
    CRAFTLINK_FAMILY("质量管理", kQual, "生产", {}),
    CRAFTLINK_FAMILY("精益生产", kLean, "生产", {}),
    CRAFTLINK_FAMILY("技能培训", kTeach, "生产", {}),
    CRAFTLINK_FAMILY("食品酿造", kFood, "生产", {}),
};
#undef CRAFTLINK_FAMILY

}  // namespace

std::span<const Family> Families() { return kFamilies; }

}  // namespace craftlink::gen::vocab

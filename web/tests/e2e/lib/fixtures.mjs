// The small data set the browser tests run on, written by the tests
// themselves in the interchange format (docs/data-format.md), and one
// account per role. Dates are relative to today so the "open over 30 days"
// badge always has one need to show.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

// The day in China (UTC+8), as the server and the browser (Asia/Shanghai)
// date things: the machine running the tests may be on UTC, where the date
// differs from 16:00 to 24:00.
export const chinaDateIso = (daysAgo = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - daysAgo * 86400000))

const daysAgo = (n) => chinaDateIso(n)

export const PASSWORD = 'Craft-e2e-2026!' // test-only; the database is thrown away

export const ORGS = [
  { id: 'sc', name: '四川省总工会', kind: 'province', region: '510000' },
  { id: 'cd', name: '成都市总工会', kind: 'city', parent: 'sc', region: '510100' },
  { id: 'cq', name: '重庆市总工会', kind: 'province', region: '500000' },
  { id: 'chuanyu', name: '川渝工会联盟', kind: 'alliance', members: 'sc,cq' },
]

export const ENTERPRISES = [
  { id: 'E-CD-001', name: '成都精工机械有限公司', industry: 'C34', region: '510100', size: '中型', contact_name: '刘明', contact_phone: '13800005678' },
  { id: 'E-CD-002', name: '成都蜀兴化工有限公司', industry: 'C26', region: '510100', size: '小型', contact_name: '陈蓉', contact_phone: '13900001234' },
]

export const CRAFTSMEN = [
  {
    id: 'C-001', name: '王建国', title: '全国劳动模范', honors: ['全国五一劳动奖章'], employer: '东方电气集团',
    region: '510100', skills: ['数控车削', '精密加工'], bio: '从事数控加工三十年，擅长解决轴类零件精度问题。',
    achievements: ['主持攻关项目12项'], service_kinds: ['技术服务', '技术攻关'], capacity_per_month: 3, studio: '王建国创新工作室',
    phone: '13700001111',
  },
  {
    id: 'C-002', name: '李秀英', title: '大国工匠', employer: '四川化工控股', region: '510100',
    skills: ['化工安全', '设备点检'], bio: '化工装置安全管理专家。', service_kinds: ['安全生产', '技能培训'], capacity_per_month: 2,
  },
  { id: 'C-003', name: '张伟', title: '首席技师', employer: '重庆钢铁', region: '500000', skills: ['焊接'], capacity_per_month: 2 },
  // A welder for the welding needs below: the 候选工匠 panel must find him.
  {
    id: 'C-004', name: '雷振川', title: '四川工匠', honors: ['四川省五一劳动奖章'], employer: '东方锅炉股份有限公司',
    region: '510100', skills: ['钨极氩弧焊', '压力管道与容器焊接', '不锈钢焊接'],
    bio: '压力容器焊接三十年，擅长解决焊缝气孔、未熔合，带出焊工两百余名。',
    achievements: ['储罐焊缝一次合格率提升到99%'], service_kinds: ['技术服务', '技术攻关', '技能培训'], capacity_per_month: 2,
    studio: '雷振川焊接技能大师工作室',
  },
]

export const NEEDS = [
  {
    id: 'N-OLD-001', enterprise_id: 'E-CD-001', title: '轴类零件圆度超差，废品率高', kind: '技术攻关', onsite: true,
    description: '数控车床加工的传动轴圆度超差，废品率约5%，换刀后依旧。', posted: daysAgo(45), region: '510100', industry: 'C34',
  },
  {
    id: 'N-NEW-001', enterprise_id: 'E-CD-001', title: '新员工数控操作培训', kind: '技能培训', onsite: false,
    description: '新招20名操作工，需要数控车床基础操作培训。', posted: daysAgo(3), region: '510100', industry: 'C34',
  },
  {
    id: 'N-OTHER-001', enterprise_id: 'E-CD-002', title: '反应釜泄漏隐患排查', kind: '安全生产', onsite: true,
    description: '反应釜法兰处偶有泄漏，需要安全隐患排查。', posted: daysAgo(10), region: '510100', industry: 'C26',
  },
  // Two enterprises with the same welding problem: candidates for the
  // welder above, and one group on the 相似需求 page.
  {
    id: 'N-WELD-001', enterprise_id: 'E-CD-002', title: '不锈钢储罐焊缝气孔多', kind: '技术服务', onsite: true,
    description: '不锈钢储罐氩弧焊焊缝气孔多，拍片不合格，返修率高，需要工匠到现场指导焊接工艺。', posted: daysAgo(6),
    region: '510100', industry: 'C26', skills: ['钨极氩弧焊'],
  },
  {
    id: 'N-WELD-002', enterprise_id: 'E-CD-001', title: '设备机架氩弧焊焊缝气孔', kind: '技术服务', onsite: true,
    description: '不锈钢设备机架氩弧焊焊缝有气孔，拍片合格率低，想请焊接工匠现场指导。', posted: daysAgo(5),
    region: '510100', industry: 'C34', skills: ['钨极氩弧焊'],
  },
]

export const RESULTS = [
  {
    id: 'R-001', title: '细长轴车削防振工装', owner_ids: ['C-001'], studio: '王建国创新工作室',
    summary: '一种用于细长轴车削的跟刀架改进，减少振纹。', fields: ['数控车削'], maturity: '已推广', benefit: '年节约成本80万元',
  },
  {
    id: 'R-002', title: '不锈钢储罐氩弧焊气孔控制工法', owner_ids: ['C-004'], studio: '雷振川焊接技能大师工作室',
    summary: '通过背面充氩保护和坡口清理控制不锈钢焊缝气孔，焊缝一次拍片合格率提升到99%。', fields: ['钨极氩弧焊', '压力管道与容器焊接'],
    maturity: '已应用', benefit: '返修率下降八成',
  },
]

// Batch dispatch (flows/dispatch.mjs) adds these through the API, after the
// flows that count records: a generalist electrician (capacity 1) is the
// best pick for the PLC need but the only good one for the inverter need,
// so the greedy plan and the optimiser's plan differ.
export const DISPATCH_CRAFTSMEN = [
  { id: 'C-PLC-01', name: '赵电工', title: '四川工匠', employer: '成都电气', region: '510100', skills: ['PLC编程与调试', '变频器应用与维修'], service_kinds: ['技术服务'], capacity_per_month: 1 },
  { id: 'C-PLC-02', name: '钱自控', title: '高级技师', employer: '成都自动化', region: '510100', skills: ['电气控制柜设计装配'], service_kinds: ['技术服务'], capacity_per_month: 1 },
]
export const DISPATCH_NEEDS = [
  {
    id: 'N-PLC-001', enterprise_id: 'E-CD-001', title: '包装线PLC报错停机', kind: '技术服务', onsite: false,
    description: '包装线西门子PLC频繁报错，设备不动作，程序没人会改。', posted: daysAgo(9), region: '510100', industry: 'C34', skills: ['PLC编程与调试'],
  },
  {
    id: 'N-VFD-001', enterprise_id: 'E-CD-002', title: '风机变频器过流跳闸', kind: '技术服务', onsite: false,
    description: '风机变频器经常过流报警跳闸，电机转速不稳。', posted: daysAgo(8), region: '510100', industry: 'C26', skills: ['变频器应用与维修'],
  },
]

export const USERS = [
  { username: 'e2e-admin', role: 'admin', display: '平台管理员' },
  { username: 'e2e-staff', role: 'staff', display: '四川省总工会 张科长', org: 'sc' },
  { username: 'e2e-enterprise', role: 'enterprise', display: '成都精工 刘明', enterprise: 'E-CD-001' },
  { username: 'e2e-craftsman', role: 'craftsman', display: '王建国', craftsman: 'C-001' },
]

export function writeDataSet(dir) {
  const files = { enterprises: ENTERPRISES, craftsmen: CRAFTSMEN, needs: NEEDS, results: RESULTS }
  return Object.entries(files).map(([kind, rows]) => {
    const path = join(dir, `${kind}.jsonl`)
    writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
    return path
  })
}

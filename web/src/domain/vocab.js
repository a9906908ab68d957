// Vocabularies: English codes in code and the API, Chinese in the UI
// (shared/docs/glossary.md). Needs carry the service kind as its Chinese
// name, the way data-format.md writes it; the API accepts and returns that.

export const SERVICE_KINDS = [
  { code: 'technical_service', zh: '技术服务', en: 'Technical service' },
  { code: 'joint_research', zh: '技术攻关', en: 'Joint research' },
  { code: 'management', zh: '管理提升', en: 'Management' },
  { code: 'training', zh: '技能培训', en: 'Skills training' },
  { code: 'safety', zh: '安全生产', en: 'Work safety' },
]
// Craftsmen may also offer 宣讲 (lectures), which is not a kind of need.
export const CRAFTSMAN_SERVICE_KINDS = [...SERVICE_KINDS, { code: 'lecture', zh: '宣讲', en: 'Lectures' }]

export const NEED_STATUSES = [
  { code: 'open', zh: '待对接', en: 'Open', tag: 'warning' },
  { code: 'in_progress', zh: '服务中', en: 'In progress', tag: 'success' },
  { code: 'closed', zh: '已关闭', en: 'Closed', tag: 'info' },
]

export const ROLES = [
  { code: 'admin', zh: '平台管理员', en: 'Administrator' },
  { code: 'staff', zh: '工会工作人员', en: 'Union staff' },
  { code: 'enterprise', zh: '企业用户', en: 'Enterprise' },
  { code: 'craftsman', zh: '劳模工匠', en: 'Craftsman' },
]

export const ORG_KINDS = [
  { code: 'national', zh: '全国', en: 'National' },
  { code: 'province', zh: '省级', en: 'Province' },
  { code: 'city', zh: '市级', en: 'City' },
  { code: 'district', zh: '区县', en: 'District' },
  { code: 'alliance', zh: '联盟', en: 'Alliance' },
]

export const MATURITIES = [
  { code: 'research', zh: '研发中', en: 'In development' },
  { code: 'applied', zh: '已应用', en: 'Applied' },
  { code: 'promoted', zh: '已推广', en: 'Promoted' },
]

// The label of a code or Chinese value in the current locale; unknown values show as they are.
export function labelOf(list, value, locale = 'zh-CN') {
  const entry = list.find((e) => e.code === value || e.zh === value)
  if (!entry) return value ?? ''
  return locale === 'en' ? entry.en : entry.zh
}

export const serviceKindCode = (value) => SERVICE_KINDS.find((k) => k.zh === value || k.code === value)?.code ?? null

// Audit actions as the server writes them; an unknown one shows its code.
export const AUDIT_ACTIONS = [
  { code: 'login_ok', zh: '登录成功', en: 'Signed in' },
  { code: 'login_failed', zh: '登录失败', en: 'Sign-in failed' },
  { code: 'password_change', zh: '修改密码', en: 'Password changed' },
  { code: 'user_create', zh: '创建用户', en: 'User created' },
  { code: 'create', zh: '新建记录', en: 'Record created' },
  { code: 'update', zh: '修改记录', en: 'Record updated' },
  { code: 'archive', zh: '归档', en: 'Archived' },
  { code: 'restore', zh: '恢复', en: 'Restored' },
  { code: 'import', zh: '批量导入', en: 'Imported' },
  { code: 'read_personal_data', zh: '查看个人信息', en: 'Personal data read' },
]

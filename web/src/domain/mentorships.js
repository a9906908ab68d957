// 师徒结对 (mentorship) rules the UI applies: state and role names, who may
// add a note or complete a pair, the create form's live checks, and how the
// suggestion panel asks the server (POST /mentorships/suggest) and turns one
// suggested pair into a mentorship in one click. The server checks
// everything again (capacity, duplicates, scope); its Chinese message wins.
import { charCount, isIsoDate, runChecks, todayIso } from './programmes.js'

export const STATES = [
  { code: 'active', zh: '进行中', en: 'Active', tag: 'success' },
  { code: 'completed', zh: '已结业', en: 'Completed', tag: 'info' },
]
export const stateOf = (code) => STATES.find((s) => s.code === code) ?? { code, zh: code, en: code, tag: 'info' }
export function stateLabel(m, locale = 'zh-CN') {
  const s = stateOf(m?.state)
  return locale === 'en' ? s.en : m?.state_name || s.zh
}

// Who wrote a note, or who the reader is (`your_role`).
export const ROLES = [
  { code: 'master', zh: '师傅', en: 'Master', tag: 'warning' },
  { code: 'apprentice', zh: '徒弟', en: 'Apprentice', tag: 'success' },
  { code: 'staff', zh: '工会', en: 'Union staff', tag: 'info' },
]
export const roleOf = (code) => ROLES.find((r) => r.code === code) ?? { code, zh: code, en: code, tag: 'info' }

export const LIMITS = { goals: 2000, note: 2000, summary: 4000, name: 50, employer: 200 }

export const apprenticeName = (m) => m?.apprentice?.name || m?.apprentice?.craftsman_id || ''
// An apprentice from the craftsmen pool has a record to link to; one from
// outside it (a young worker) has only a name and an employer.
export const apprenticeInPool = (m) => !!m?.apprentice?.craftsman_id

export const canAddNote = (m) => m?.state === 'active' && ['staff', 'master', 'apprentice'].includes(m?.your_role)
export const canComplete = (m) => m?.state === 'active' && ['staff', 'master'].includes(m?.your_role)
// PUT /mentorships/{id} lets staff in scope of either side change the goals
// of an active pair (the pair themselves: 403). The view says who the reader
// is (`your_role`, staff before master before apprentice) and carries no
// can_edit, so this is the rule of docs/api.md; the server checks it again.
export const canEditGoals = (m) => m?.state === 'active' && m?.your_role === 'staff'

// The timeline reads newest first, like the engagement history.
export const notesNewestFirst = (m) => [...(m?.notes ?? [])].sort((a, b) => String(b.at).localeCompare(String(a.at)))

// Active pairs first, then the latest start first.
export function sortMentorships(items) {
  const rank = (m) => (m.state === 'active' ? 0 : 1)
  return [...items].sort((a, b) => rank(a) - rank(b) || String(b.start).localeCompare(String(a.start)) || a.id.localeCompare(b.id))
}

export const FILTER_KEYS = ['state', 'master_id', 'apprentice_id']
export function filtersFromQuery(query = {}) {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, typeof query[k] === 'string' ? query[k] : '']))
}
export const queryOf = (filters) => Object.fromEntries(FILTER_KEYS.filter((k) => filters[k]).map((k) => [k, filters[k]]))

// ---- 新建结对 ---------------------------------------------------------------

export function emptyMentorshipForm(today = todayIso(), preset = {}) {
  return {
    master_id: '',
    apprentice_kind: 'pool', // 'pool' | 'outside'
    apprentice_id: '',
    apprentice_name: '',
    apprentice_employer: '',
    goals: '',
    start: today,
    ...preset,
  }
}

const textCheck = (required, long, max) => (v) => {
  if (!charCount(v)) return required
  return charCount(v) > max ? long : ''
}

export const mentorshipChecks = {
  master_id: (v) => (v ? '' : 'mentorships.errors.master'),
  apprentice_id: (v, form) => {
    if (form.apprentice_kind !== 'pool') return ''
    if (!v) return 'mentorships.errors.apprentice'
    return v === form.master_id ? 'mentorships.errors.samePerson' : ''
  },
  apprentice_name: (v, form) =>
    form.apprentice_kind === 'outside' ? textCheck('mentorships.errors.apprenticeName', 'mentorships.errors.nameLong', LIMITS.name)(v) : '',
  apprentice_employer: (v, form) =>
    form.apprentice_kind === 'outside' && charCount(v) > LIMITS.employer ? 'mentorships.errors.employerLong' : '',
  goals: textCheck('mentorships.errors.goals', 'mentorships.errors.goalsLong', LIMITS.goals),
  start: (v) => {
    if (!v) return 'mentorships.errors.start'
    return isIsoDate(v) ? '' : 'mentorships.errors.date'
  },
}
export const validateMentorship = (form) => runChecks(mentorshipChecks, form)

export function mentorshipBody(form) {
  const apprentice =
    form.apprentice_kind === 'pool'
      ? { craftsman_id: form.apprentice_id }
      : { name: form.apprentice_name.trim(), employer: form.apprentice_employer.trim() }
  return { master_id: form.master_id, apprentice, goals: form.goals.trim(), start: form.start }
}

// The API's field names onto the form's inputs.
export function mentorshipFieldOf(serverField, form) {
  const aliases = {
    'apprentice.craftsman_id': 'apprentice_id',
    'apprentice.name': 'apprentice_name',
    'apprentice.employer': 'apprentice_employer',
    apprentice: form.apprentice_kind === 'pool' ? 'apprentice_id' : 'apprentice_name',
  }
  return aliases[serverField] ?? serverField ?? ''
}

export const noteCheck = textCheck('mentorships.errors.note', 'mentorships.errors.noteLong', LIMITS.note)
export const goalsChecks = { goals: mentorshipChecks.goals }
export const summaryCheck = textCheck('mentorships.errors.summary', 'mentorships.errors.summaryLong', LIMITS.summary)

// ---- 结对建议 ---------------------------------------------------------------

// Apprentices from outside the pool are sent inline under ids of our own,
// which never look like a craftsman's id.
export const OUTSIDE_PREFIX = 'outside-'

// Skills typed into one field, split on the separators people use.
export const parseSkills = (text) =>
  String(text ?? '')
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)

// `skills` is the text typed (or already a list).
export const emptyOutsideApprentice = () => ({ name: '', employer: '', skills: '', region: '' })
const skillsOf = (a) => (Array.isArray(a.skills) ? a.skills.map((s) => s.trim()).filter(Boolean) : parseSkills(a.skills))

export function outsideApprenticeProblem(a) {
  if (!charCount(a.name)) return 'mentorships.errors.apprenticeName'
  if (charCount(a.name) > LIMITS.name) return 'mentorships.errors.nameLong'
  if (skillsOf(a).length > 50) return 'mentorships.errors.tooManySkills'
  if (a.region && !/^\d{6}$/.test(a.region.trim())) return 'mentorships.errors.region'
  return ''
}

// The request for POST /mentorships/suggest, and the outside apprentices by
// the id they were sent under (to make the mentorship from a suggestion).
export function suggestRequest(poolIds, outside) {
  const body = {}
  const outsideById = {}
  if (poolIds.length) body.apprentice_ids = [...poolIds]
  if (outside.length) {
    body.apprentices = outside.map((a, i) => {
      const id = `${OUTSIDE_PREFIX}${i + 1}`
      outsideById[id] = a
      const entry = { id, name: a.name.trim(), skills: skillsOf(a) }
      if (a.region?.trim()) entry.region = a.region.trim()
      return entry
    })
  }
  return { body, outsideById }
}

// The shared skills the server names in its first reason,
// "共同技能：数控车削、精密加工（2/3）".
export function sharedSkillsOf(pair) {
  const reason = (pair?.reasons ?? []).find((r) => typeof r === 'string' && r.startsWith('共同技能：'))
  if (!reason) return []
  return reason
    .slice('共同技能：'.length)
    .replace(/（\d+\/\d+）$/, '')
    .split('、')
    .map((s) => s.trim())
    .filter(Boolean)
}

// Goals written in Chinese whatever the UI language, for the people who
// read the pair's record; staff may give their own instead.
export function defaultGoals(pair) {
  const skills = sharedSkillsOf(pair)
  const master = pair?.master_name || pair?.master_id || '师傅'
  return skills.length
    ? `跟随${master}学习${skills.join('、')}，一年内能独立解决相关技术问题`
    : `跟随${master}学习技艺，一年内能独立承担岗位技术工作`
}

// POST /mentorships for one suggested pair.
export function mentorshipFromSuggestion(pair, { outsideById = {}, goals = '', start = todayIso() } = {}) {
  const outside = outsideById[pair.apprentice_id]
  const apprentice = outside
    ? { name: outside.name.trim(), employer: (outside.employer ?? '').trim() }
    : { craftsman_id: pair.apprentice_id }
  return { master_id: pair.master_id, apprentice, goals: goals.trim() || defaultGoals(pair), start }
}

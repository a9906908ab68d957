// The enterprise's guided need form: the questions it asks, how the answers
// become a need's title and description, and the checks it runs live.
// Descriptions are composed in Chinese whatever the UI language, because the
// people who read and match needs work in Chinese.
import { SERVICE_KINDS } from './vocab.js'

export const SINCE_OPTIONS = [
  { value: 'week', zh: '最近一周内', en: 'Within the last week' },
  { value: 'month', zh: '一个月内', en: 'Within a month' },
  { value: 'half_year', zh: '一到六个月', en: 'One to six months' },
  { value: 'long', zh: '半年以上', en: 'More than six months' },
]
export const WHEN_OPTIONS = [
  { value: 'asap', zh: '尽快（两周内）', en: 'As soon as possible (two weeks)' },
  { value: 'month', zh: '一个月内', en: 'Within a month' },
  { value: 'quarter', zh: '三个月内', en: 'Within three months' },
  { value: 'flexible', zh: '时间灵活', en: 'Flexible' },
]

export const LIMITS = { problemMin: 10, problemMax: 1000, triedMax: 500, titleMin: 4, titleMax: 60 }

export function emptyNeedForm() {
  return { kind: '', problem: '', since: '', tried: '', onsite: null, when: '', title: '' }
}

// Characters as people count them (a Chinese character is one).
const length = (s) => [...(s ?? '').trim()].length

// Each returns an i18n key of the problem, or '' when the value is fine.
export const fieldChecks = {
  kind: (v) => (SERVICE_KINDS.some((k) => k.zh === v) ? '' : 'needForm.errors.kind'),
  problem: (v) => {
    if (!length(v)) return 'needForm.errors.problemRequired'
    if (length(v) < LIMITS.problemMin) return 'needForm.errors.problemShort'
    if (length(v) > LIMITS.problemMax) return 'needForm.errors.problemLong'
    return ''
  },
  since: (v) => (SINCE_OPTIONS.some((o) => o.value === v) ? '' : 'needForm.errors.since'),
  tried: (v) => (length(v) > LIMITS.triedMax ? 'needForm.errors.triedLong' : ''),
  onsite: (v) => (v === true || v === false ? '' : 'needForm.errors.onsite'),
  when: (v) => (WHEN_OPTIONS.some((o) => o.value === v) ? '' : 'needForm.errors.when'),
  // Optional: left empty, the title is taken from the problem.
  title: (v) => {
    if (!length(v)) return ''
    if (length(v) < LIMITS.titleMin) return 'needForm.errors.titleShort'
    if (length(v) > LIMITS.titleMax) return 'needForm.errors.titleLong'
    return ''
  },
}

// {field: i18nKey} for every field at fault; empty when the form may be sent.
export function validateNeedForm(form) {
  const errors = {}
  for (const [field, check] of Object.entries(fieldChecks)) {
    const problem = check(form[field])
    if (problem) errors[field] = problem
  }
  return errors
}

// The problem's first clause, cut to a title's length.
export function titleFromProblem(problem) {
  const first = (problem ?? '').trim().split(/[。！？!?\n；;]/)[0].trim()
  const chars = [...first]
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : first
}

const zhLabel = (options, value) => options.find((o) => o.value === value)?.zh ?? ''

export function composeNeed(form) {
  const title = form.title.trim() || titleFromProblem(form.problem)
  const lines = [
    `遇到的问题：${form.problem.trim()}`,
    `出现时间：${zhLabel(SINCE_OPTIONS, form.since)}`,
    `已尝试的办法：${form.tried.trim() || '暂无'}`,
    `服务方式：${form.onsite ? '需要工匠到现场' : '可以远程指导'}`,
    `期望解决时间：${zhLabel(WHEN_OPTIONS, form.when)}`,
  ]
  return { title, description: lines.join('\n'), kind: form.kind, onsite: form.onsite === true }
}

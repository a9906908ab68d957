// 助企服务 (engagement) rules the UI applies: state and action names in both
// languages, which buttons to show (only what the server lists in
// `allowed_actions`, never a guess), grouping for the board, and the checks
// each step's form runs live. The server checks everything again and its
// Chinese message wins; these checks only save a round trip.
import { isoDate } from './needs.js'

// The life cycle's states in order (src/tracking/engagement_state.cpp).
// stage: where the board puts them; tag: the colour of their badge.
export const STATES = [
  { code: 'proposed', zh: '待派单', en: 'Proposed', tag: 'info', stage: 'waiting' },
  { code: 'dispatched', zh: '已派单', en: 'Dispatched', tag: 'warning', stage: 'waiting' },
  { code: 'accepted', zh: '已接单', en: 'Accepted', tag: 'primary', stage: 'active' },
  { code: 'scheduled', zh: '已约走访', en: 'Visit scheduled', tag: 'primary', stage: 'active' },
  { code: 'in_service', zh: '服务中', en: 'In service', tag: 'success', stage: 'active' },
  { code: 'resolved', zh: '已解决', en: 'Resolved', tag: 'success', stage: 'feedback' },
  { code: 'not_resolved', zh: '未解决', en: 'Not resolved', tag: 'danger', stage: 'feedback' },
  { code: 'rated', zh: '已评价', en: 'Rated', tag: 'success', stage: 'feedback' },
  { code: 'closed', zh: '已结案', en: 'Closed', tag: 'info', stage: 'ended' },
  { code: 'declined', zh: '已婉拒', en: 'Declined', tag: 'danger', stage: 'ended' },
  { code: 'expired', zh: '超时未接', en: 'Expired', tag: 'danger', stage: 'ended' },
  { code: 'cancelled', zh: '已撤销', en: 'Cancelled', tag: 'info', stage: 'ended' },
]
export const TERMINAL = new Set(['closed', 'declined', 'expired', 'cancelled'])
export const isActive = (engagement) => !!engagement && !TERMINAL.has(engagement.state)

export function stateOf(code) {
  return STATES.find((s) => s.code === code) ?? { code, zh: code, en: code, tag: 'info', stage: 'ended' }
}
// The server's Chinese name when the UI is Chinese; ours otherwise.
export function stateLabel(engagement, locale = 'zh-CN') {
  const s = stateOf(engagement?.state)
  if (locale === 'en') return s.en
  return engagement?.state_name || s.zh
}

// Every step, in the order its button appears: the step that moves the
// engagement forward first, the ones that end it last. `form` names the
// fields its dialog asks for; `confirm`: a step with no fields.
export const ACTIONS = [
  { code: 'accept', zh: '接单', en: 'Accept', type: 'primary', confirm: true },
  { code: 'log_visit', zh: '登记走访', en: 'Log a visit', type: 'primary' },
  { code: 'rate', zh: '评价服务', en: 'Rate the help', type: 'primary' },
  { code: 'follow_up', zh: '回访', en: 'Answer follow-up', type: 'primary' },
  { code: 'dispatch', zh: '派单', en: 'Dispatch', type: 'primary' },
  { code: 'schedule', zh: '预约走访', en: 'Schedule a visit', type: 'default' },
  { code: 'resolve', zh: '确认解决', en: 'Mark resolved', type: 'success' },
  { code: 'not_resolve', zh: '未能解决', en: 'Not resolved', type: 'warning' },
  { code: 'decline', zh: '婉拒', en: 'Decline', type: 'danger' },
  { code: 'close', zh: '结案', en: 'Close', type: 'default' },
  { code: 'cancel', zh: '撤销', en: 'Cancel engagement', type: 'danger' },
]
export const actionOf = (code) => ACTIONS.find((a) => a.code === code) ?? null
export const actionLabel = (code, locale = 'zh-CN') => {
  const a = actionOf(code)
  if (!a) return code === 'propose' ? (locale === 'en' ? 'Created' : '创建') : code
  return locale === 'en' ? a.en : a.zh
}

// The buttons for what the caller may do now: exactly `allowed_actions`, in
// the order above; a code this UI does not know gets no button.
export function actionButtons(engagement) {
  const allowed = new Set(Array.isArray(engagement?.allowed_actions) ? engagement.allowed_actions : [])
  return ACTIONS.filter((a) => allowed.has(a.code))
}

// The board's columns, in the life cycle's order; empty states are left out.
export function groupByState(items) {
  const groups = new Map()
  for (const e of items ?? []) {
    if (!groups.has(e.state)) groups.set(e.state, [])
    groups.get(e.state).push(e)
  }
  const known = STATES.map((s) => s.code)
  const order = [...known, ...[...groups.keys()].filter((k) => !known.includes(k))]
  return order.filter((code) => groups.has(code)).map((code) => ({ state: stateOf(code), items: groups.get(code) }))
}

export const todayIso = (now = new Date()) => isoDate(now)
const DATE = /^\d{4}-\d{2}-\d{2}$/
// Characters as people count them (a Chinese character is one).
const length = (s) => [...String(s ?? '').trim()].length

export const LIMITS = {
  summaryMax: 2000,
  reasonMax: 500,
  notResolvedMax: 1000,
  placeMax: 200,
  noteMax: 500,
  commentMax: 1000,
  hoursMax: 24,
  trainedMax: 10000,
  titleMax: 200,
}

// ---- 登记走访 -----------------------------------------------------------

export function emptyVisitForm(today = todayIso()) {
  return { date: today, hours: null, workers_trained: 0, summary: '', place: '', craftsman_ids: [] }
}

// Each returns an i18n key of the problem, or '' when the value is fine.
export const visitChecks = {
  date: (v, { today = todayIso() } = {}) => {
    if (!v) return 'engagements.errors.dateRequired'
    if (!DATE.test(v)) return 'engagements.errors.dateFormat'
    if (v > today) return 'engagements.errors.visitInFuture'
    return ''
  },
  hours: (v) => {
    if (v === null || v === undefined || v === '') return 'engagements.errors.hoursRequired'
    const n = Number(v)
    if (!Number.isFinite(n) || n <= 0 || n > LIMITS.hoursMax) return 'engagements.errors.hoursRange'
    return ''
  },
  workers_trained: (v) => {
    if (v === null || v === undefined || v === '') return ''
    const n = Number(v)
    if (!Number.isInteger(n) || n < 0 || n > LIMITS.trainedMax) return 'engagements.errors.trainedRange'
    return ''
  },
  summary: (v) => {
    if (!length(v)) return 'engagements.errors.summaryRequired'
    if (length(v) > LIMITS.summaryMax) return 'engagements.errors.summaryLong'
    return ''
  },
  place: (v) => (length(v) > LIMITS.placeMax ? 'engagements.errors.placeLong' : ''),
}

export function validateVisit(form, today = todayIso()) {
  const errors = {}
  for (const [field, check] of Object.entries(visitChecks)) {
    const problem = check(form[field], { today })
    if (problem) errors[field] = problem
  }
  return errors
}

// What POST /engagements/{id}/visits takes (plus version, added by actOn).
export function visitBody(form) {
  const body = {
    date: form.date,
    hours: Number(form.hours),
    workers_trained: form.workers_trained === '' || form.workers_trained == null ? 0 : Number(form.workers_trained),
    summary: String(form.summary ?? '').trim(),
  }
  const place = String(form.place ?? '').trim()
  if (place) body.place = place
  if (Array.isArray(form.craftsman_ids) && form.craftsman_ids.length) body.craftsman_ids = [...form.craftsman_ids]
  return body
}

// ---- the other steps' forms ---------------------------------------------

const required = (max, requiredKey, longKey) => (v) => {
  if (!length(v)) return requiredKey
  if (length(v) > max) return longKey
  return ''
}
const optional = (max, longKey) => (v) => (length(v) > max ? longKey : '')
const number = (v) => v === null || v === undefined || v === '' || Number.isFinite(Number(v))

// Per action: its empty form and the checks of each field.
export const STEP_FORMS = {
  accept: { empty: () => ({}), checks: {} },
  dispatch: {
    empty: () => ({ override_reason: '' }),
    checks: { override_reason: optional(LIMITS.reasonMax, 'engagements.errors.reasonLong') },
  },
  decline: {
    empty: () => ({ reason: '' }),
    checks: { reason: required(LIMITS.reasonMax, 'engagements.errors.declineRequired', 'engagements.errors.reasonLong') },
  },
  cancel: {
    empty: () => ({ reason: '' }),
    checks: { reason: required(LIMITS.reasonMax, 'engagements.errors.cancelRequired', 'engagements.errors.reasonLong') },
  },
  close: {
    empty: () => ({ reason: '' }),
    checks: { reason: optional(LIMITS.reasonMax, 'engagements.errors.reasonLong') },
  },
  schedule: {
    empty: () => ({ date: '', place: '', note: '' }),
    checks: {
      date: (v, { today = todayIso() } = {}) => {
        if (!v) return 'engagements.errors.dateRequired'
        if (!DATE.test(v)) return 'engagements.errors.dateFormat'
        if (v < today) return 'engagements.errors.scheduleInPast'
        return ''
      },
      place: optional(LIMITS.placeMax, 'engagements.errors.placeLong'),
      note: optional(LIMITS.noteMax, 'engagements.errors.noteLong'),
    },
  },
  log_visit: { empty: (today) => emptyVisitForm(today), checks: visitChecks },
  resolve: {
    empty: () => ({ summary: '' }),
    checks: { summary: required(LIMITS.summaryMax, 'engagements.errors.resolveRequired', 'engagements.errors.summaryLong') },
  },
  not_resolve: {
    empty: () => ({ reason: '' }),
    checks: {
      reason: required(LIMITS.notResolvedMax, 'engagements.errors.notResolvedRequired', 'engagements.errors.reasonLong'),
    },
  },
  rate: {
    empty: () => ({ rating: 0, comment: '', confirmed: null }),
    checks: {
      rating: (v) => (Number.isInteger(v) && v >= 1 && v <= 5 ? '' : 'engagements.errors.ratingRequired'),
      comment: optional(LIMITS.commentMax, 'engagements.errors.commentLong'),
      // Asked only when the craftsman reported the problem resolved.
      confirmed: (v, { engagement } = {}) =>
        engagement?.state === 'resolved' && v !== true && v !== false ? 'engagements.errors.confirmedRequired' : '',
    },
  },
  follow_up: {
    empty: () => ({
      days: null,
      holding: null,
      cost_saved_yuan: null,
      defect_rate_before: null,
      defect_rate_after: null,
      output_change_percent: null,
      note: '',
    }),
    checks: {
      days: (v) => (Number.isInteger(v) && v > 0 ? '' : 'engagements.errors.followupDays'),
      holding: (v) => (v === true || v === false ? '' : 'engagements.errors.holdingRequired'),
      cost_saved_yuan: (v) => (number(v) ? '' : 'engagements.errors.number'),
      defect_rate_before: (v) => (number(v) ? '' : 'engagements.errors.number'),
      defect_rate_after: (v) => (number(v) ? '' : 'engagements.errors.number'),
      output_change_percent: (v) => (number(v) ? '' : 'engagements.errors.number'),
      note: optional(LIMITS.commentMax, 'engagements.errors.noteLong'),
    },
  },
}

// ---- 转为创新成果 ---------------------------------------------------------

export const emptyPromoteForm = (engagement) => ({ title: '', summary: engagement?.resolution?.summary ?? '', owner_consent: false })
// ctx.asStaff: staff say that the craftsmen agreed; the lead agrees by doing
// it. The summary has no check, but is listed so that a refusal of it by the
// server shows on its field.
export const promoteChecks = {
  title: required(LIMITS.titleMax, 'engagements.errors.titleRequired', 'engagements.errors.titleLong'),
  summary: () => '',
  owner_consent: (v, form, ctx = {}) => (!ctx.asStaff || v ? '' : 'engagements.errors.consentRequired'),
}
export const promoteBody = (form) => ({ title: form.title.trim(), summary: form.summary.trim(), owner_consent: form.owner_consent })

export function emptyStepForm(action, { today = todayIso(), engagement } = {}) {
  const form = STEP_FORMS[action]?.empty(today) ?? {}
  if (action === 'follow_up') form.days = dueFollowups(engagement, today)[0]?.days ?? null
  if (action === 'rate' && engagement?.state !== 'resolved') form.confirmed = false
  return form
}

export function validateStep(action, form, context = {}) {
  const errors = {}
  for (const [field, check] of Object.entries(STEP_FORMS[action]?.checks ?? {})) {
    const problem = check(form[field], context)
    if (problem) errors[field] = problem
  }
  return errors
}

const trimmed = (v) => String(v ?? '').trim()
const num = (v) => (v === null || v === undefined || v === '' ? undefined : Number(v))

// The request body of a step from its form (version is added by actOn).
export function stepBody(action, form) {
  switch (action) {
    case 'log_visit':
      return visitBody(form)
    case 'decline':
    case 'cancel':
    case 'not_resolve':
      return { reason: trimmed(form.reason) }
    case 'close':
      return trimmed(form.reason) ? { reason: trimmed(form.reason) } : {}
    case 'dispatch':
      return trimmed(form.override_reason) ? { override_reason: trimmed(form.override_reason) } : {}
    case 'schedule':
      return { date: form.date, place: trimmed(form.place), note: trimmed(form.note) }
    case 'resolve':
      return { summary: trimmed(form.summary) }
    case 'rate': {
      const body = { rating: form.rating, comment: trimmed(form.comment) }
      if (form.confirmed === true || form.confirmed === false) body.confirmed = form.confirmed
      return body
    }
    case 'follow_up': {
      const benefit = {}
      for (const key of ['cost_saved_yuan', 'defect_rate_before', 'defect_rate_after', 'output_change_percent']) {
        const v = num(form[key])
        if (v !== undefined) benefit[key] = v
      }
      if (trimmed(form.note)) benefit.note = trimmed(form.note)
      return { days: form.days, holding: form.holding, benefit }
    }
    default:
      return {}
  }
}

// The server names a field of the body; our forms name nested benefit fields flat.
export const formFieldOf = (serverField) => String(serverField ?? '').replace(/^benefit\./, '').replace(/^benefit$/, 'note')

// ---- what an engagement shows ------------------------------------------

// Follow-ups that are due and not yet answered, soonest first.
export function dueFollowups(engagement, today = todayIso()) {
  return (engagement?.followups ?? [])
    .filter((f) => !f.answered_at && f.due_date && f.due_date <= today)
    .sort((a, b) => a.days - b.days)
}

// Planned visits still to come (today included), soonest first.
export function upcomingVisits(engagement, today = todayIso()) {
  return (engagement?.planned_visits ?? []).filter((p) => p.date >= today).sort((a, b) => a.date.localeCompare(b.date))
}

// need id → the engagement to show for it: the running one, else the latest.
export function latestByNeed(engagements) {
  const byNeed = {}
  for (const e of engagements ?? []) {
    const known = byNeed[e.need_id]
    const newer = !known || (isActive(e) && !isActive(known)) ||
      (isActive(e) === isActive(known) && String(e.created_at ?? '') > String(known.created_at ?? ''))
    if (newer) byNeed[e.need_id] = e
  }
  return byNeed
}

export const leadOf = (engagement) => (engagement?.members ?? []).find((m) => m.lead) ?? engagement?.members?.[0] ?? null

// Craftsman ids as names, from the engagement's members.
export function memberNames(engagement, ids) {
  const byId = new Map((engagement?.members ?? []).map((m) => [m.id, m.name]))
  return (ids ?? []).map((id) => byId.get(id) ?? id)
}

export const formatHours = (h) => {
  const n = Number(h)
  if (!Number.isFinite(n)) return ''
  return String(Math.round(n * 10) / 10)
}

// A server timestamp (ISO 8601, UTC) as local "YYYY-MM-DD HH:mm".
export function formatDateTime(iso) {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return String(iso)
  const pad = (n) => String(n).padStart(2, '0')
  return `${isoDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

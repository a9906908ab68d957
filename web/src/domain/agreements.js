// 长期协议 (agreement) rules the UI applies: state names, visits done
// against those planned and whether that keeps pace with the term, the
// order of a list, and the live checks of the create, renew and end forms.
// The server checks everything again; its Chinese message wins.
import { addDays, addYears, charCount, daysBetween, isIsoDate, runChecks, todayIso, wholeNumber } from './programmes.js'

export const STATES = [
  { code: 'active', zh: '有效', en: 'Active', tag: 'success' },
  { code: 'renewed', zh: '已续签', en: 'Renewed', tag: 'info' },
  { code: 'ended', zh: '已终止', en: 'Ended', tag: 'danger' },
]
export const stateOf = (code) => STATES.find((s) => s.code === code) ?? { code, zh: code, en: code, tag: 'info' }
// The server's Chinese name when the UI is Chinese; ours otherwise.
export function stateLabel(agreement, locale = 'zh-CN') {
  const s = stateOf(agreement?.state)
  return locale === 'en' ? s.en : agreement?.state_name || s.zh
}

export const LIMITS = { scope: 2000, reason: 500, visitsMin: 1, visitsMax: 1000 }
export const EXPIRING_DAYS = 30

export const partyName = (a) => a?.party_name || a?.craftsman_id || a?.studio_id || ''
export const isStudioParty = (a) => a?.party_kind === 'studio'

// Visits logged against the agreement beside those planned; more than
// planned fills the bar and says so rather than overflowing it.
export function visitProgress(a) {
  const planned = Math.max(0, Number(a?.planned_visits) || 0)
  const done = Math.max(0, Number(a?.visits_done) || 0)
  return {
    done,
    planned,
    remaining: Math.max(0, planned - done),
    percent: planned ? Math.min(100, Math.round((done / planned) * 100)) : 0,
    over: done > planned,
  }
}

// Where an active agreement stands on `today`: upcoming (term not begun),
// in_force, or expired (its end has passed but nobody renewed or ended it).
// Renewed and ended agreements are past, whatever their dates.
export function termStatus(a, today = todayIso()) {
  if (a?.state !== 'active') return 'past'
  if (today < a.start) return 'upcoming'
  if (today > a.end) return 'expired'
  return 'in_force'
}

export function expiringSoon(a, today = todayIso(), days = EXPIRING_DAYS) {
  return termStatus(a, today) === 'in_force' && daysBetween(today, a.end) <= days
}

// Whether the visits keep pace with the term: `behind` when at least one
// whole visit fewer than the share of the term gone by would have, `done`
// once the plan is met, `short` when the term ran out before it was.
export function paceOf(a, today = todayIso()) {
  const { done, planned } = visitProgress(a)
  const status = termStatus(a, today)
  if (status === 'past' || status === 'upcoming' || !planned) return null
  if (done >= planned) return 'done'
  if (status === 'expired') return 'short'
  const length = daysBetween(a.start, a.end) + 1
  const elapsed = (daysBetween(a.start, today) + 1) / length
  return done < Math.floor(planned * elapsed) ? 'behind' : 'on_track'
}

// Active ones first, the nearest end first (they need attention soonest);
// then renewed and ended ones, the latest first.
export function sortAgreements(items) {
  const active = (a) => (a.state === 'active' ? 0 : 1)
  return [...items].sort((a, b) => {
    if (active(a) !== active(b)) return active(a) - active(b)
    if (a.state === 'active') return (a.end ?? '').localeCompare(b.end ?? '') || a.id.localeCompare(b.id)
    return (b.end ?? '').localeCompare(a.end ?? '') || a.id.localeCompare(b.id)
  })
}

// Filters live in the address (?state=&enterprise_id=&craftsman_id=&studio_id=).
export const FILTER_KEYS = ['state', 'enterprise_id', 'craftsman_id', 'studio_id']
export function filtersFromQuery(query = {}) {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, typeof query[k] === 'string' ? query[k] : '']))
}
export const queryOf = (filters) => Object.fromEntries(FILTER_KEYS.filter((k) => filters[k]).map((k) => [k, filters[k]]))

// ---- 新建协议 ---------------------------------------------------------------

// One year from today by default, the common length of a 结对服务协议.
export function emptyAgreementForm(today = todayIso(), preset = {}) {
  return {
    enterprise_id: '',
    party_kind: 'craftsman',
    craftsman_id: '',
    studio_id: '',
    start: today,
    end: addDays(addYears(today, 1), -1),
    scope: '',
    planned_visits: null,
    ...preset,
  }
}

const dateChecks = (required) => (v) => {
  if (!v) return required
  return isIsoDate(v) ? '' : 'agreements.errors.date'
}
const visitsCheck = (v) => {
  const n = wholeNumber(v)
  if (v === '' || v === null || v === undefined) return 'agreements.errors.visitsRequired'
  return n !== null && n >= LIMITS.visitsMin && n <= LIMITS.visitsMax ? '' : 'agreements.errors.visitsRange'
}

export const agreementChecks = {
  enterprise_id: (v) => (v ? '' : 'agreements.errors.enterprise'),
  craftsman_id: (v, form) => (form.party_kind === 'craftsman' && !v ? 'agreements.errors.craftsman' : ''),
  studio_id: (v, form) => (form.party_kind === 'studio' && !v ? 'agreements.errors.studio' : ''),
  start: dateChecks('agreements.errors.startRequired'),
  end: (v, form) => {
    const problem = dateChecks('agreements.errors.endRequired')(v)
    if (problem) return problem
    return isIsoDate(form.start) && v < form.start ? 'agreements.errors.endBeforeStart' : ''
  },
  scope: (v) => {
    if (!charCount(v)) return 'agreements.errors.scopeRequired'
    return charCount(v) > LIMITS.scope ? 'agreements.errors.scopeLong' : ''
  },
  planned_visits: visitsCheck,
}
export const validateAgreement = (form) => runChecks(agreementChecks, form)

export function agreementBody(form) {
  const body = {
    enterprise_id: form.enterprise_id,
    start: form.start,
    end: form.end,
    scope: form.scope.trim(),
    planned_visits: wholeNumber(form.planned_visits),
  }
  if (form.party_kind === 'studio') body.studio_id = form.studio_id
  else body.craftsman_id = form.craftsman_id
  return body
}

// The server names `craftsman_id` when neither party was picked; the form
// shows that on whichever picker is in use.
export function agreementFieldOf(serverField, form) {
  if (serverField === 'craftsman_id' || serverField === 'studio_id') {
    return form.party_kind === 'studio' ? 'studio_id' : 'craftsman_id'
  }
  return serverField ?? ''
}

// ---- 续签 -------------------------------------------------------------------

// The day the renewal takes over when no start is given (the server's rule):
// today, or the day after the old end when that has already passed.
export function renewalStart(a, today = todayIso()) {
  if (a.end < today) return addDays(a.end, 1)
  return a.start > today ? a.start : today
}

export function emptyRenewForm(a) {
  return { end: addYears(a.end, 1), planned_visits: String(a.planned_visits ?? ''), start: '', scope: a.scope ?? '' }
}

// context: {agreement, today}. Messages take {end, start} of the old agreement.
export const renewChecks = {
  start: (v, form, { agreement }) => {
    if (!v) return ''
    if (!isIsoDate(v)) return 'agreements.errors.date'
    return v < agreement.start ? 'agreements.errors.renewStartBefore' : ''
  },
  end: (v, form, { agreement, today }) => {
    const problem = dateChecks('agreements.errors.endRequired')(v)
    if (problem) return problem
    if (v <= agreement.end) return 'agreements.errors.renewEndAfter'
    const start = form.start && isIsoDate(form.start) ? form.start : renewalStart(agreement, today)
    return v < start ? 'agreements.errors.endBeforeStart' : ''
  },
  planned_visits: visitsCheck,
  scope: (v) => (charCount(v) > LIMITS.scope ? 'agreements.errors.scopeLong' : ''),
}
export const validateRenew = (form, context) => runChecks(renewChecks, form, context)

// Only what changes: an empty start lets the server pick it, an unchanged
// scope is carried over by the server.
export function renewBody(form, agreement) {
  const body = { end: form.end, planned_visits: wholeNumber(form.planned_visits) }
  if (form.start) body.start = form.start
  const scope = form.scope.trim()
  if (scope && scope !== (agreement.scope ?? '').trim()) body.scope = scope
  return body
}

// ---- 终止 -------------------------------------------------------------------

export const endChecks = {
  reason: (v) => {
    if (!charCount(v)) return 'agreements.errors.reasonRequired'
    return charCount(v) > LIMITS.reason ? 'agreements.errors.reasonLong' : ''
  },
}
export const validateEnd = (form) => runChecks(endChecks, form)

// 活动 (events: 宣讲 lecture, 培训 training, 成果展示 showcase, 对接会
// matchmaking) as the UI shows and edits them: the kinds, the create/edit
// form's live checks, seats, who may do what when, the list's order, a
// participant's wishes, slot labels and the 对接会 schedule grid. The server
// (src/services/event_service.cpp, event_matchmaking.cpp) checks everything
// again and its Chinese message wins; these checks only save a round trip.
import { isoDate } from './needs.js'
import { addDays } from './programmes.js'

export const EVENT_KINDS = [
  { code: 'lecture', zh: '宣讲', en: 'Lecture', tag: 'primary' },
  { code: 'training', zh: '培训', en: 'Training', tag: 'success' },
  { code: 'showcase', zh: '成果展示', en: 'Showcase', tag: 'warning' },
  { code: 'matchmaking', zh: '对接会', en: 'Matchmaking', tag: 'danger' },
]
export const kindOf = (code) => EVENT_KINDS.find((k) => k.code === code) ?? { code, zh: code ?? '', en: code ?? '', tag: 'info' }
export const kindLabel = (code, locale = 'zh-CN') => (locale === 'en' ? kindOf(code).en : kindOf(code).zh)

export const PARTICIPANT_KINDS = ['enterprise', 'craftsman']
export const otherSide = (kind) => (kind === 'enterprise' ? 'craftsman' : 'enterprise')

// The server's limits (event_service.cpp Fill, scheduling/matchmaking.h).
// place and organiser are capped at 600 bytes there: 200 Chinese characters.
export const LIMITS = {
  titleMax: 200,
  placeMax: 200,
  organiserMax: 200,
  capacityMin: 1,
  capacityMax: 100000,
  weightMin: 1,
  weightMax: 100,
  slotsMin: 1,
  slotsMax: 48,
  slotLabelMax: 60,
  cancelReasonMax: 500,
}

export const todayIso = (now = new Date()) => isoDate(now)
const DATE = /^\d{4}-\d{2}-\d{2}$/
const REGION = /^\d{6}$/
const length = (s) => [...String(s ?? '').trim()].length
const isInt = (v) => v !== null && v !== undefined && v !== '' && Number.isInteger(Number(v))

export function validDate(v) {
  if (!DATE.test(v ?? '')) return false
  const [y, m, d] = v.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

// ---- the create / edit form ---------------------------------------------

export function emptyEventForm(event = null) {
  return {
    kind: event?.kind ?? '',
    title: event?.title ?? '',
    date: event?.date ?? '',
    place: event?.place ?? '',
    organiser: event?.organiser ?? '',
    capacity: event?.capacity ?? null,
    region: event?.region ?? '',
  }
}

// Attendance fed the KPI cells under the event's kind, date and region, so
// the server fixes them once any attendance is recorded.
export const attendanceRecorded = (event) => (event?.registrations ?? []).some((r) => r.attended !== undefined && r.attended !== null)
export const lockedFields = (event) => new Set(attendanceRecorded(event) ? ['kind', 'date', 'region'] : [])

// Each returns an i18n key naming the problem, or '' when the value is fine;
// called as check(value, form, ctx) like the programme forms' checks
// (composables/useCheckedForm.js). ctx.seatsTaken: on edit, capacity may not
// drop below the seats taken.
export const eventChecks = {
  kind: (v) => (EVENT_KINDS.some((k) => k.code === v) ? '' : 'events.errors.kindRequired'),
  title: (v) => {
    if (!length(v)) return 'events.errors.titleRequired'
    if (length(v) > LIMITS.titleMax) return 'events.errors.titleLong'
    return ''
  },
  date: (v) => {
    if (!v) return 'events.errors.dateRequired'
    if (!validDate(v)) return 'events.errors.dateFormat'
    return ''
  },
  place: (v) => (length(v) > LIMITS.placeMax ? 'events.errors.placeLong' : ''),
  organiser: (v) => (length(v) > LIMITS.organiserMax ? 'events.errors.organiserLong' : ''),
  capacity: (v, form, ctx = {}) => {
    if (v === null || v === undefined || v === '') return 'events.errors.capacityRequired'
    if (!isInt(v) || Number(v) < LIMITS.capacityMin || Number(v) > LIMITS.capacityMax) return 'events.errors.capacityRange'
    if (ctx.seatsTaken && Number(v) < ctx.seatsTaken) return 'events.errors.capacityBelowTaken'
    return ''
  },
  region: (v) => (String(v ?? '').trim() && !REGION.test(String(v).trim()) ? 'events.errors.regionFormat' : ''),
}

// 取消活动: the registrants are told the reason, so one is required.
export const cancelReasonCheck = (v) => (length(v) ? '' : 'events.cancelReasonRequired')

export function validateEvent(form, ctx = {}) {
  const errors = {}
  for (const [field, check] of Object.entries(eventChecks)) {
    const problem = check(form[field], form, ctx)
    if (problem) errors[field] = problem
  }
  return errors
}

// What POST /events takes; with `event`, the PUT body with the version read
// (the server keeps the organisation when org_id is left out).
export function eventBody(form, event = null) {
  const body = {
    kind: form.kind,
    title: String(form.title ?? '').trim(),
    date: form.date,
    place: String(form.place ?? '').trim(),
    organiser: String(form.organiser ?? '').trim(),
    capacity: Number(form.capacity),
    region: String(form.region ?? '').trim(),
  }
  if (event) {
    body.org_id = event.org_id
    body.version = event.version
  }
  return body
}

// ---- seats, dates and who may do what -----------------------------------

export function seatsOf(event) {
  const capacity = Number(event?.capacity ?? 0)
  const taken = Number(event?.seats_taken ?? 0)
  const left = Math.max(0, capacity - taken)
  return { capacity, taken, left, full: capacity > 0 && left === 0, percent: capacity ? Math.min(100, Math.round((taken / capacity) * 100)) : 0 }
}

// The API refuses attendance before the event's date (its message says so);
// this only decides whether to say it in advance.
export const attendanceOpen = (event, today = todayIso()) => !!event?.date && event.date <= today
export const isPast = (event, today = todayIso()) => !!event?.date && event.date < today

// The caller as a participant: enterprise users their enterprise, craftsmen themselves.
export function selfParticipant(user) {
  if (user?.role === 'enterprise' && user.enterprise_id) return { kind: 'enterprise', id: user.enterprise_id }
  if (user?.role === 'craftsman' && user.craftsman_id) return { kind: 'craftsman', id: user.craftsman_id }
  return null
}
export function ownRegistration(event, user) {
  const self = selfParticipant(user)
  if (!self) return null
  return (event?.registrations ?? []).find((r) => r.participant_kind === self.kind && r.participant_id === self.id) ?? null
}
// Participants sign themselves up for events still to come; a craftsman
// holds one seat, so once registered there is nothing left to change.
export function canSelfRegister(event, user, today = todayIso()) {
  const self = selfParticipant(user)
  if (!self || !event || isPast(event, today)) return false
  if (self.kind === 'craftsman' && ownRegistration(event, user)) return false
  return true
}

// ---- the list -------------------------------------------------------------

// Which events the list shows. The server filters by date and orders by it
// (GET /events ?from= &to= &sort=date|-date), so paging follows the order:
// 即将举行 from today on, soonest first; 已举行 before today, latest first;
// 指定日期 a range picked by hand, in date order.
export const EVENT_VIEWS = ['upcoming', 'past', 'range']

// Today in China (UTC+8), as the server dates events: a browser elsewhere, or
// one set to UTC between 16:00 and midnight, would otherwise be a day off.
export function chinaToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

// The list's filters as they live in the address: {kind, view, from, to}.
// Dates come with the range view only; `?from=` or `?to=` alone (an older
// link) means a range. A range given backwards is read the way it was meant.
export function filtersFromQuery(query = {}) {
  const text = (v) => (typeof v === 'string' ? v : '')
  const kind = EVENT_KINDS.some((k) => k.code === query.kind) ? query.kind : ''
  let from = validDate(text(query.from)) ? query.from : ''
  let to = validDate(text(query.to)) ? query.to : ''
  const view = EVENT_VIEWS.includes(query.when) ? query.when : from || to ? 'range' : 'upcoming'
  if (view !== 'range') return { kind, view, from: '', to: '' }
  if (from && to && from > to) [from, to] = [to, from]
  return { kind, view, from, to }
}

// The address for those filters; the default view (upcoming) is left out so
// that a plain link stays plain.
export function filtersToQuery(filters) {
  const out = {}
  if (filters.kind) out.kind = filters.kind
  if (filters.view === 'past') out.when = 'past'
  if (filters.view === 'range') {
    if (filters.from) out.from = filters.from
    if (filters.to) out.to = filters.to
    if (!filters.from && !filters.to) out.when = 'range'
  }
  return out
}

// What GET /events is asked for those filters, on `today` (China's date).
export function eventListParams(filters, today = chinaToday()) {
  const params = { kind: filters.kind || undefined }
  if (filters.view === 'past') return { ...params, to: addDays(today, -1), sort: '-date' }
  if (filters.view === 'range') return { ...params, from: filters.from || undefined, to: filters.to || undefined, sort: 'date' }
  return { ...params, from: today, sort: 'date' }
}

// ---- registrations ------------------------------------------------------

export function registrationChecks({ kind, seatsLeft = Infinity, current = 0 } = {}) {
  return {
    participant_kind: (v) => (PARTICIPANT_KINDS.includes(v) ? '' : 'events.errors.participantKindRequired'),
    participant_id: (v) => (String(v ?? '').trim() ? '' : 'events.errors.participantRequired'),
    seats: (v) => {
      if (!isInt(v) || Number(v) < 1) return 'events.errors.seatsRange'
      if (kind === 'craftsman' && Number(v) !== 1) return 'events.errors.craftsmanOneSeat'
      if (Number(v) > seatsLeft + current) return 'events.errors.seatsOver'
      return ''
    },
  }
}

export function attendanceCheck(value, registration) {
  if (!isInt(value) || Number(value) < 0) return 'events.errors.attendedRange'
  if (Number(value) > Number(registration?.seats ?? 0)) return 'events.errors.attendedOverSeats'
  return ''
}

// ---- 对接会: wishes -------------------------------------------------------

// Wishes are keyed "enterprise:E1" since the two sides' ids may meet.
export const participantKey = (kind, id) => `${kind}:${id}`

export function sidesOf(event) {
  const regs = event?.registrations ?? []
  return {
    enterprise: regs.filter((r) => r.participant_kind === 'enterprise'),
    craftsman: regs.filter((r) => r.participant_kind === 'craftsman'),
  }
}

// One participant's wishes as rows over every registered counterpart:
// whether it is wanted, how much, and whether the counterpart wants it back.
export function wishRows(event, kind, id) {
  const wishes = event?.wishes ?? {}
  const mine = new Map((wishes[participantKey(kind, id)] ?? []).map((w) => [w.to_id, w.weight]))
  const side = otherSide(kind)
  return sidesOf(event)[side].map((r) => ({
    id: r.participant_id,
    name: r.name || r.participant_id,
    wanted: mine.has(r.participant_id),
    weight: mine.get(r.participant_id) ?? 50,
    mutual: (wishes[participantKey(side, r.participant_id)] ?? []).some((w) => w.to_id === id),
  }))
}

export const weightCheck = (v) =>
  isInt(v) && Number(v) >= LIMITS.weightMin && Number(v) <= LIMITS.weightMax ? '' : 'events.errors.weightRange'

// The POST /events/{id}/wishes body for staff setting someone's wishes
// (participants setting their own leave participant out).
export function wishesBody(rows, participant = null) {
  const body = { wishes: rows.filter((r) => r.wanted).map((r) => ({ to_id: r.id, weight: Number(r.weight) })) }
  if (participant) Object.assign(body, { participant_kind: participant.kind, participant_id: participant.id })
  return body
}

// What a registered participant works on when naming their own wishes: the
// other side as the server lists it for them (counterparts) and themself.
export function participantView(event, self) {
  const own = (event?.registrations ?? []).filter((r) => r.participant_kind === self.kind && r.participant_id === self.id)
  return { ...event, registrations: [...own, ...(event?.counterparts ?? [])] }
}

// A registration its owner may still take back: before the event, not
// cancelled, and no attendance recorded (the KPIs would already hold it).
export function canWithdraw(event, registration, today = todayIso()) {
  if (!event || !registration || event.state === 'cancelled') return false
  return event.date >= today && !(registration.attended > 0)
}

// How many wishes each registered participant has named, for the overview.
export function wishCounts(event) {
  const wishes = event?.wishes ?? {}
  return (event?.registrations ?? []).map((r) => ({
    kind: r.participant_kind,
    id: r.participant_id,
    name: r.name || r.participant_id,
    count: (wishes[participantKey(r.participant_kind, r.participant_id)] ?? []).length,
  }))
}

// "wishes[3].weight" → {index: 3, field: 'weight'}: which row a server error names.
export function wishErrorOf(field) {
  const m = /^wishes\[(\d+)\](?:\.(\w+))?$/.exec(field ?? '')
  return m ? { index: Number(m[1]), field: m[2] ?? '' } : null
}

// ---- 对接会: slots and the schedule -----------------------------------------

// A participant meets at most one counterpart per slot, so the busiest
// participant (the most distinct pairs named by or about them) sets how
// many slots let every wished pair meet.
export function suggestedSlots(event) {
  const wishes = event?.wishes ?? {}
  const pairs = new Map()
  const add = (key, other) => {
    if (!pairs.has(key)) pairs.set(key, new Set())
    pairs.get(key).add(other)
  }
  for (const [from, list] of Object.entries(wishes)) {
    const [kind] = from.split(':')
    for (const w of list ?? []) {
      const to = participantKey(otherSide(kind), w.to_id)
      add(from, to)
      add(to, from)
    }
  }
  const most = Math.max(0, ...[...pairs.values()].map((s) => s.size))
  return Math.min(LIMITS.slotsMax, Math.max(LIMITS.slotsMin, most))
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/
const hhmm = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

// "14:00" and 15 minutes × 3 → ["14:00-14:15", "14:15-14:30", "14:30-14:45"];
// null when the start is not a time or the day would run past midnight.
export function slotLabels({ start, minutes, count }) {
  const m = TIME.exec(start ?? '')
  const n = Number(count)
  const step = Number(minutes)
  if (!m || !Number.isInteger(n) || n < 1 || !Number.isInteger(step) || step < 1) return null
  const first = Number(m[1]) * 60 + Number(m[2])
  if (first + n * step > 24 * 60) return null
  return Array.from({ length: n }, (_, i) => `${hhmm(first + i * step)}-${hhmm(first + (i + 1) * step)}`)
}

// The POST /events/{id}/schedule body; labels only when a start time is given.
export function scheduleBody({ slots, start, minutes }) {
  const body = { slots: Number(slots) }
  if (start) {
    const labels = slotLabels({ start, minutes, count: slots })
    if (labels) body.slot_labels = labels
  }
  return body
}

// The grid of a stored schedule: one table per enterprise (its fixed place
// in the hall, numbered from 1), one column per slot, the craftsman who
// comes to that table in that slot. Built from the enterprises' agendas,
// which staff read with GET /events/{id}/agenda; GET /events/{id} says only
// how many slots there are.
export function scheduleGrid(agendas, slotCount = 0) {
  const list = agendas ?? []
  const seen = Math.max(-1, ...list.flatMap((a) => (a.entries ?? []).map((e) => e.slot)))
  const count = Math.max(Number(slotCount) || 0, seen + 1)
  const labels = Array.from({ length: count }, () => '')
  for (const a of list) for (const e of a.entries ?? []) if (e.slot_label) labels[e.slot] = e.slot_label
  const slots = labels.map((label, index) => ({ index, number: index + 1, label }))
  const tables = list
    .filter((a) => a.side === 'enterprise')
    .map((a, i) => {
      const cells = Array.from({ length: count }, () => null)
      for (const e of a.entries ?? []) cells[e.slot] = { id: e.counterpart_id, name: e.counterpart_name || e.counterpart_id, mutual: !!e.mutual }
      return { table: i + 1, id: a.participant_id, name: a.participant_name || a.participant_id, cells }
    })
  const idle = list.filter((a) => !(a.entries ?? []).length).map((a) => ({ id: a.participant_id, name: a.participant_name || a.participant_id, side: a.side }))
  const meetings = tables.reduce((n, t) => n + t.cells.filter(Boolean).length, 0)
  const mutual = tables.reduce((n, t) => n + t.cells.filter((c) => c?.mutual).length, 0)
  return { slots, tables, idle, meetings, mutual }
}

// The summary of a freshly made schedule (POST /events/{id}/schedule answers it).
export function scheduleSummary(answer) {
  if (!answer) return null
  return {
    meetings: answer.meetings?.length ?? 0,
    mutual: answer.mutual_meetings ?? 0,
    unplaced: answer.unplaced?.length ?? 0,
    wishedPairs: answer.wished_pairs ?? 0,
    totalScore: answer.total_score ?? 0,
    upperBound: answer.upper_bound ?? 0,
    optimal: (answer.total_score ?? 0) === (answer.upper_bound ?? 0),
  }
}

// "第2场 14:15-14:30" in Chinese, "Slot 2 14:15-14:30" in English.
export function slotName(slot, locale = 'zh-CN') {
  const n = slot.number ?? slot.slot + 1
  const label = slot.label ?? slot.slot_label ?? ''
  const head = locale === 'en' ? `Slot ${n}` : `第${n}场`
  return label ? `${head} ${label}` : head
}

// What each role's home page lists, picked from what the API answers: the
// needs waiting too long, the engagements waiting for someone, the visits
// coming up, the yearly targets in small numbers and how complete a
// craftsman's profile is. Pure functions of the answers and today's date,
// so they are unit-tested; the pages only fetch and show.
import { daysOpen, isStale, needStatus } from './needs.js'
import { TERMINAL, dueFollowups, todayIso, upcomingVisits } from './engagements.js'

// How many of each list a home page shows; the full lists are a link away.
export const SHOWN = 5

const has = (e, action) => Array.isArray(e?.allowed_actions) && e.allowed_actions.includes(action)

// Open needs waiting more than 30 days, the longest first.
export function staleNeeds(needs, now = new Date()) {
  return (needs ?? [])
    .filter((n) => isStale(n, now))
    .sort((a, b) => daysOpen(b, now) - daysOpen(a, now) || String(a.id).localeCompare(String(b.id)))
}

// Whether a page of open needs read oldest first (GET /needs?sort=posted)
// has passed the stale ones: it holds a dated need that is not stale, and
// every later one is newer still. Undated needs sort first and prove nothing.
export function passedStale(needs, now = new Date()) {
  return (needs ?? []).some((n) => daysOpen(n, now) !== null && !isStale(n, now))
}

// The server reminds the craftsman after --dispatch-remind-hours (24 by
// default); from then on the dispatch is worth a call from staff too.
export const REMIND_AFTER_HOURS = 24
const HOUR_MS = 60 * 60 * 1000
// The order staff work them in: their own step first, then chasing.
export const ATTENTION = ['proposed', 'notAccepted', 'notResolved']

// Why an engagement waits for staff ('' when it does not): still to be
// dispatched, dispatched a day ago and not answered, or not resolved (staff
// decide: another craftsman, or close it).
export function staffAttention(engagement, now = new Date()) {
  switch (engagement?.state) {
    case 'proposed':
      return 'proposed'
    case 'dispatched': {
      const at = Date.parse(engagement.dispatched_at ?? engagement.updated_at ?? '')
      return Number.isFinite(at) && now.getTime() - at >= REMIND_AFTER_HOURS * HOUR_MS ? 'notAccepted' : ''
    }
    case 'not_resolved':
      return 'notResolved'
    default:
      return ''
  }
}

// [{engagement, reason}] in ATTENTION order, the longest waiting first.
export function attentionList(engagements, now = new Date()) {
  return (engagements ?? [])
    .map((engagement) => ({ engagement, reason: staffAttention(engagement, now) }))
    .filter((x) => x.reason)
    .sort(
      (a, b) =>
        ATTENTION.indexOf(a.reason) - ATTENTION.indexOf(b.reason) ||
        String(a.engagement.updated_at ?? '').localeCompare(String(b.engagement.updated_at ?? '')),
    )
}

// New dispatches the lead craftsman has still to accept or decline.
export const awaitingReply = (engagements) =>
  (engagements ?? []).filter((e) => e.state === 'dispatched' && has(e, 'accept'))

// Follow-ups are only in an engagement's detail: these are worth reading.
export const mayHaveFollowUp = (engagement) => has(engagement, 'follow_up')

// What waits for the enterprise's answer: [{engagement, reason: 'rate' | 'followUp', days?}].
// `details` maps engagement id → GET /engagements/{id} (for follow-ups).
export function enterpriseTasks(engagements, details = {}, today = todayIso()) {
  const out = []
  for (const e of engagements ?? []) {
    if (has(e, 'rate')) out.push({ engagement: e, reason: 'rate' })
    else if (mayHaveFollowUp(e)) {
      const due = dueFollowups(details[e.id], today)[0]
      if (due) out.push({ engagement: details[e.id], reason: 'followUp', days: due.days })
    }
  }
  return out
}

// Planned visits from today on, soonest first: [{engagement, visit, canLog}].
// With `withUnplanned`, running engagements where a visit may be logged but
// none is planned follow at the end (visit null), so a visit agreed by phone
// can still be logged in one tap.
export function visitAgenda(engagements, today = todayIso(), { withUnplanned = false } = {}) {
  const planned = []
  const unplanned = []
  for (const e of engagements ?? []) {
    if (TERMINAL.has(e.state)) continue
    const visits = upcomingVisits(e, today)
    for (const visit of visits) planned.push({ engagement: e, visit, canLog: has(e, 'log_visit') })
    if (withUnplanned && !visits.length && has(e, 'log_visit')) unplanned.push({ engagement: e, visit: null, canLog: true })
  }
  planned.sort((a, b) => a.visit.date.localeCompare(b.visit.date) || String(a.engagement.id).localeCompare(String(b.engagement.id)))
  return [...planned, ...unplanned]
}

// An enterprise's needs still in play (open or being served), newest first.
export function activeNeeds(needs) {
  return (needs ?? [])
    .filter((n) => needStatus(n) !== 'closed' && !n.archived)
    .sort((a, b) => (b.posted ?? '').localeCompare(a.posted ?? '') || String(b.id).localeCompare(String(a.id)))
}

// Events from today on, soonest first.
export function upcomingEvents(events, today = todayIso()) {
  return (events ?? [])
    .filter((e) => typeof e?.date === 'string' && e.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date) || String(a.id).localeCompare(String(b.id)))
}

// The yearly targets of GET /kpi as small numbers: [{metric, name, actual,
// target, percent}] — percent of the target reached, whole, may pass 100.
export function targetProgress(kpi) {
  return (Array.isArray(kpi?.targets) ? kpi.targets : []).map((x) => {
    const target = Number(x.target) || 0
    const actual = Number(x.actual) || 0
    const progress = Number.isFinite(Number(x.progress)) ? Number(x.progress) : target ? actual / target : 0
    return { metric: x.metric, name: x.name ?? x.metric, actual, target, percent: Math.round(progress * 100) }
  })
}

// The parts of a craftsman's profile staff match on and enterprises read,
// with the label each has in the profile form.
export const PROFILE_FIELDS = [
  { field: 'name', label: 'craftsmen.name' },
  { field: 'title', label: 'craftsmen.titleField' },
  { field: 'employer', label: 'craftsmen.employer' },
  { field: 'region', label: 'common.region' },
  { field: 'phone', label: 'craftsmen.phone' },
  { field: 'skills', label: 'craftsmen.skills' },
  { field: 'service_kinds', label: 'craftsmen.serviceKinds' },
  { field: 'capacity_per_month', label: 'craftsmen.capacity' },
  { field: 'bio', label: 'craftsmen.bio' },
  { field: 'achievements', label: 'craftsmen.achievements' },
]

function filled(value) {
  if (Array.isArray(value)) return value.some((v) => String(v ?? '').trim())
  if (typeof value === 'number') return value > 0
  return typeof value === 'string' && value.trim() !== ''
}

// {percent, missing: [{field, label}]}: the share of PROFILE_FIELDS filled in.
export function profileCompleteness(record) {
  const missing = PROFILE_FIELDS.filter((f) => !filled(record?.[f.field]))
  const percent = Math.round(((PROFILE_FIELDS.length - missing.length) / PROFILE_FIELDS.length) * 100)
  return { percent, missing }
}

// Need rules the UI applies itself because the API does not (yet), and the
// orders it asks the API for.

const DAY_MS = 24 * 60 * 60 * 1000
export const STALE_AFTER_DAYS = 30

// A need without `status` is open (the API omits the default).
export const needStatus = (need) => need?.status || 'open'

// Whole days since `posted` (an ISO date), or null when unknown.
export function daysOpen(need, now = new Date()) {
  if (!need?.posted || !/^\d{4}-\d{2}-\d{2}/.test(need.posted)) return null
  const [y, m, d] = need.posted.slice(0, 10).split('-').map(Number)
  const posted = Date.UTC(y, m - 1, d)
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())
  return Math.max(0, Math.floor((today - posted) / DAY_MS))
}

// Open longer than 30 days: the inbox flags these so staff act on them first.
export function isStale(need, now = new Date()) {
  const days = daysOpen(need, now)
  return needStatus(need) === 'open' && days !== null && days > STALE_AFTER_DAYS
}

// Client-side filters for what GET /needs does not filter yet.
export function matchesFilters(need, { kind, status, onsite, staleOnly } = {}, now = new Date()) {
  if (kind && need.kind !== kind) return false
  if (status && needStatus(need) !== status) return false
  if (onsite === 'onsite' && !need.onsite) return false
  if (onsite === 'remote' && need.onsite) return false
  if (staleOnly && !isStale(need, now)) return false
  return true
}

// The orders the needs inbox offers, as GET /needs?sort= takes them ('' is
// the API's own id order). The server sorts, so the order holds across
// pages; dates are ISO text, so sorting them as text is by date.
export const NEED_SORTS = [
  { value: '', label: 'needs.sortDefault' },
  { value: '-posted', label: 'needs.sortNewest' },
  { value: 'posted', label: 'needs.sortOldest' },
  { value: 'region', label: 'needs.sortRegion' },
  { value: 'industry', label: 'needs.sortIndustry' },
]

// Ids the enterprise form generates: N-<timestamp>-<random>; unique enough
// for one enterprise's hand-typed needs, and a clash answers 409, never overwrites.
export function newNeedId(now = Date.now(), random = Math.random) {
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')
  return `N-${now}-${suffix}`
}

export function isoDate(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

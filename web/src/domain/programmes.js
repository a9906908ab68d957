// What the agreement, mentorship and studio forms share: counting characters
// as the server does (code points, so a Chinese character is one), ISO dates,
// and running a table of field checks. Each check returns an i18n key of the
// problem, or '' when the value is fine; the server checks again and its
// Chinese message wins.
import { isoDate } from './needs.js'

export const todayIso = (now = new Date()) => isoDate(now)

export const charCount = (s) => [...String(s ?? '').trim()].length

// A real calendar day written YYYY-MM-DD (2026-02-30 is not one).
export function isIsoDate(value) {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const [y, m, d] = value.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

function shift(iso, { days = 0, years = 0 }) {
  const [y, m, d] = iso.split('-').map(Number)
  // 29 February plus a year is 28 February, not 1 March.
  const target = new Date(Date.UTC(y + years, m - 1, 1))
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, lastDay) + days)
  return target.toISOString().slice(0, 10)
}
export const addDays = (iso, days) => shift(iso, { days })
export const addYears = (iso, years) => shift(iso, { years })

// Whole days from `from` to `to` (both ISO dates); negative when `to` is earlier.
export function daysBetween(from, to) {
  const ms = (iso) => {
    const [y, m, d] = iso.split('-').map(Number)
    return Date.UTC(y, m - 1, d)
  }
  return Math.round((ms(to) - ms(from)) / 86400000)
}

// A whole number typed into a field: '6' and 6 count, '6.5' and 'abc' do not.
export function wholeNumber(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value)
  return null
}

// {field: i18nKey} for every field at fault; empty when the form may be sent.
export function runChecks(checks, form, context = {}) {
  const errors = {}
  for (const [field, check] of Object.entries(checks)) {
    const problem = check(form[field], form, context)
    if (problem) errors[field] = problem
  }
  return errors
}

// The server names fields as the API spells them (`apprentice.name`,
// `studio_id`); a form maps them onto its own inputs with `aliases`.
export const formFieldOf = (serverField, aliases = {}) => aliases[serverField] ?? serverField ?? ''

import { describe, it, expect } from 'vitest'
import { daysOpen, isStale, matchesFilters, newNeedId, isoDate, needStatus } from '../../src/domain/needs.js'

const now = new Date(2026, 2, 31) // 31 March 2026, local time

describe('need rules', () => {
  it('counts whole days since posted', () => {
    expect(daysOpen({ posted: '2026-03-31' }, now)).toBe(0)
    expect(daysOpen({ posted: '2026-03-01' }, now)).toBe(30)
    expect(daysOpen({ posted: 'not a date' }, now)).toBeNull()
    expect(daysOpen({}, now)).toBeNull()
  })

  it('flags open needs older than 30 days, not closed or undated ones', () => {
    expect(isStale({ posted: '2026-03-01' }, now)).toBe(false) // exactly 30 days
    expect(isStale({ posted: '2026-02-28' }, now)).toBe(true)
    expect(isStale({ posted: '2026-01-01', status: 'closed' }, now)).toBe(false)
    expect(isStale({ posted: '2026-01-01', status: 'in_progress' }, now)).toBe(false)
    expect(isStale({}, now)).toBe(false)
  })

  it('treats a need without status as open', () => {
    expect(needStatus({})).toBe('open')
    expect(needStatus({ status: 'closed' })).toBe('closed')
  })

  it('filters by kind, status, mode and staleness', () => {
    const need = { kind: '技术攻关', onsite: true, posted: '2026-01-01' }
    expect(matchesFilters(need, {}, now)).toBe(true)
    expect(matchesFilters(need, { kind: '技术攻关', status: 'open', onsite: 'onsite', staleOnly: true }, now)).toBe(true)
    expect(matchesFilters(need, { kind: '技能培训' }, now)).toBe(false)
    expect(matchesFilters(need, { onsite: 'remote' }, now)).toBe(false)
    expect(matchesFilters({ ...need, posted: '2026-03-30' }, { staleOnly: true }, now)).toBe(false)
  })

  it('makes ids of the form N-<timestamp>-<random>', () => {
    expect(newNeedId(1711843200000, () => 0.5)).toMatch(/^N-1711843200000-[0-9a-z]{6}$/)
    expect(newNeedId()).not.toBe(newNeedId())
  })

  it('writes local ISO dates', () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05')
  })
})

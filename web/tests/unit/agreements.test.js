// 长期协议 rules: visits against the plan, where the term and the pace stand,
// the list's order, the address filters, and the create, renew and end
// forms' checks and request bodies.
import { describe, it, expect } from 'vitest'
import {
  visitProgress,
  termStatus,
  expiringSoon,
  paceOf,
  sortAgreements,
  filtersFromQuery,
  queryOf,
  emptyAgreementForm,
  validateAgreement,
  agreementBody,
  agreementFieldOf,
  renewalStart,
  emptyRenewForm,
  validateRenew,
  renewBody,
  validateEnd,
  stateLabel,
} from '../../src/domain/agreements.js'
import { addDays, addYears, isIsoDate, daysBetween, wholeNumber } from '../../src/domain/programmes.js'

const A = {
  id: 'AG-1',
  state: 'active',
  state_name: '有效',
  start: '2026-01-01',
  end: '2026-12-31',
  planned_visits: 12,
  visits_done: 3,
  scope: '数控车削指导',
}

describe('dates', () => {
  it('knows real calendar days', () => {
    expect(isIsoDate('2026-02-28')).toBe(true)
    expect(isIsoDate('2026-02-30')).toBe(false)
    expect(isIsoDate('2026-2-3')).toBe(false)
    expect(isIsoDate(null)).toBe(false)
  })
  it('adds days and years, keeping 29 February inside February', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28')
    expect(addDays(addYears('2026-11-29', 1), -1)).toBe('2027-11-28')
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364)
  })
  it('reads whole numbers only', () => {
    expect(wholeNumber('6')).toBe(6)
    expect(wholeNumber(' 12 ')).toBe(12)
    expect(wholeNumber('6.5')).toBeNull()
    expect(wholeNumber(2.5)).toBeNull()
    expect(wholeNumber('')).toBeNull()
  })
})

describe('visits and pace', () => {
  it('measures visits against the plan and never overflows the bar', () => {
    expect(visitProgress(A)).toEqual({ done: 3, planned: 12, remaining: 9, percent: 25, over: false })
    expect(visitProgress({ ...A, visits_done: 15 })).toMatchObject({ percent: 100, remaining: 0, over: true })
    expect(visitProgress({ planned_visits: 0, visits_done: 0 }).percent).toBe(0)
  })

  it('places an active term on today; renewed and ended ones are past', () => {
    expect(termStatus(A, '2025-12-31')).toBe('upcoming')
    expect(termStatus(A, '2026-06-01')).toBe('in_force')
    expect(termStatus(A, '2027-01-01')).toBe('expired')
    expect(termStatus({ ...A, state: 'renewed' }, '2026-06-01')).toBe('past')
    expect(expiringSoon(A, '2026-12-10')).toBe(true)
    expect(expiringSoon(A, '2026-06-01')).toBe(false)
  })

  it('says when the visits fall a whole visit behind the share of the term gone by', () => {
    // Half the year gone: 6 of 12 visits expected.
    expect(paceOf({ ...A, visits_done: 6 }, '2026-07-02')).toBe('on_track')
    expect(paceOf({ ...A, visits_done: 5 }, '2026-07-02')).toBe('behind')
    expect(paceOf({ ...A, visits_done: 0 }, '2026-01-10')).toBe('on_track')
    expect(paceOf({ ...A, visits_done: 12 }, '2026-03-01')).toBe('done')
    expect(paceOf({ ...A, visits_done: 11 }, '2027-01-05')).toBe('short')
    expect(paceOf({ ...A, state: 'ended' }, '2026-07-02')).toBeNull()
    expect(paceOf(A, '2025-12-01')).toBeNull()
  })

  it('names the state in both languages, the server’s Chinese first', () => {
    expect(stateLabel(A)).toBe('有效')
    expect(stateLabel({ state: 'renewed' }, 'en')).toBe('Renewed')
    expect(stateLabel({ state: 'odd' })).toBe('odd')
  })
})

describe('the list', () => {
  it('puts active agreements first, nearest end first, then the rest latest first', () => {
    const items = [
      { id: 'a', state: 'ended', end: '2025-06-30' },
      { id: 'b', state: 'active', end: '2027-03-31' },
      { id: 'c', state: 'renewed', end: '2026-06-30' },
      { id: 'd', state: 'active', end: '2026-12-31' },
    ]
    expect(sortAgreements(items).map((a) => a.id)).toEqual(['d', 'b', 'c', 'a'])
  })

  it('keeps only known, non-empty filters in the address', () => {
    const f = filtersFromQuery({ enterprise_id: 'E-CD-001', state: ['x'], other: 'y' })
    expect(f).toEqual({ state: '', enterprise_id: 'E-CD-001', craftsman_id: '', studio_id: '' })
    expect(queryOf(f)).toEqual({ enterprise_id: 'E-CD-001' })
  })
})

describe('新建协议', () => {
  const filled = () => ({
    ...emptyAgreementForm('2026-11-29'),
    enterprise_id: 'E-CD-001',
    craftsman_id: 'C-001',
    scope: '每月一次数控车削指导',
    planned_visits: 12,
  })

  it('starts with a one-year term from today', () => {
    const f = emptyAgreementForm('2026-11-29')
    expect([f.start, f.end, f.party_kind, f.planned_visits]).toEqual(['2026-11-29', '2027-11-28', 'craftsman', null])
  })

  it('asks for every field, the party the kind names, and a term that does not run backwards', () => {
    expect(Object.keys(validateAgreement(emptyAgreementForm('2026-11-29'))).sort()).toEqual(
      ['craftsman_id', 'enterprise_id', 'planned_visits', 'scope'].sort(),
    )
    expect(validateAgreement(filled())).toEqual({})
    expect(validateAgreement({ ...filled(), party_kind: 'studio' })).toEqual({ studio_id: 'agreements.errors.studio' })
    expect(validateAgreement({ ...filled(), end: '2026-11-01' })).toEqual({ end: 'agreements.errors.endBeforeStart' })
    expect(validateAgreement({ ...filled(), planned_visits: 0 })).toEqual({ planned_visits: 'agreements.errors.visitsRange' })
    expect(validateAgreement({ ...filled(), planned_visits: 1001 }).planned_visits).toBe('agreements.errors.visitsRange')
    expect(validateAgreement({ ...filled(), scope: '   ' }).scope).toBe('agreements.errors.scopeRequired')
    expect(validateAgreement({ ...filled(), scope: '字'.repeat(2001) }).scope).toBe('agreements.errors.scopeLong')
    expect(validateAgreement({ ...filled(), start: '2026-13-01' }).start).toBe('agreements.errors.date')
  })

  it('sends one party, trimmed text and a number', () => {
    expect(agreementBody({ ...filled(), scope: ' 指导 ', planned_visits: '6', studio_id: 'ST-1' })).toEqual({
      enterprise_id: 'E-CD-001',
      craftsman_id: 'C-001',
      start: '2026-11-29',
      end: '2027-11-28',
      scope: '指导',
      planned_visits: 6,
    })
    const studio = agreementBody({ ...filled(), party_kind: 'studio', studio_id: 'ST-1' })
    expect(studio.studio_id).toBe('ST-1')
    expect(studio).not.toHaveProperty('craftsman_id')
  })

  it('shows the server’s party error on the picker in use', () => {
    expect(agreementFieldOf('craftsman_id', { party_kind: 'studio' })).toBe('studio_id')
    expect(agreementFieldOf('craftsman_id', { party_kind: 'craftsman' })).toBe('craftsman_id')
    expect(agreementFieldOf('end', { party_kind: 'craftsman' })).toBe('end')
  })
})

describe('续签 and 终止', () => {
  it('starts the renewal today, or the day after an end already passed', () => {
    expect(renewalStart(A, '2026-11-29')).toBe('2026-11-29')
    expect(renewalStart(A, '2027-02-01')).toBe('2027-01-01')
    expect(renewalStart({ ...A, start: '2027-01-01', end: '2027-12-31' }, '2026-11-29')).toBe('2027-01-01')
  })

  it('proposes a year more with the same plan and checks the new end is later', () => {
    const form = emptyRenewForm(A)
    expect(form).toEqual({ end: '2027-12-31', planned_visits: '12', start: '', scope: '数控车削指导' })
    const context = { agreement: A, today: '2026-11-29' }
    expect(validateRenew(form, context)).toEqual({})
    expect(validateRenew({ ...form, end: '2026-12-31' }, context)).toEqual({ end: 'agreements.errors.renewEndAfter' })
    expect(validateRenew({ ...form, start: '2025-12-01' }, context)).toEqual({ start: 'agreements.errors.renewStartBefore' })
    expect(validateRenew({ ...form, start: '2028-02-01' }, context)).toEqual({ end: 'agreements.errors.endBeforeStart' })
    expect(validateRenew({ ...form, planned_visits: 'x' }, context).planned_visits).toBe('agreements.errors.visitsRange')
  })

  it('sends only what changes', () => {
    expect(renewBody(emptyRenewForm(A), A)).toEqual({ end: '2027-12-31', planned_visits: 12 })
    expect(renewBody({ ...emptyRenewForm(A), start: '2027-01-01', scope: '新的内容' }, A)).toEqual({
      end: '2027-12-31',
      planned_visits: 12,
      start: '2027-01-01',
      scope: '新的内容',
    })
  })

  it('needs a reason to end one early', () => {
    expect(validateEnd({ reason: ' ' })).toEqual({ reason: 'agreements.errors.reasonRequired' })
    expect(validateEnd({ reason: '企业搬迁' })).toEqual({})
    expect(validateEnd({ reason: '字'.repeat(501) })).toEqual({ reason: 'agreements.errors.reasonLong' })
  })
})

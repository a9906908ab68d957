// 助企服务 rules: buttons from allowed_actions, the board's grouping, the
// visit form's checks and every step's request body.
import { describe, it, expect } from 'vitest'
import {
  actionButtons,
  groupByState,
  stateLabel,
  validateVisit,
  visitBody,
  emptyVisitForm,
  validateStep,
  stepBody,
  emptyStepForm,
  dueFollowups,
  upcomingVisits,
  formFieldOf,
  memberNames,
  isActive,
} from '../../src/domain/engagements.js'
import { STEP_PATHS } from '../../src/api/engagements.js'

const codes = (e) => actionButtons(e).map((a) => a.code)

describe('state → buttons', () => {
  it('shows exactly the allowed actions, forward steps first, ending ones last', () => {
    expect(codes({ state: 'dispatched', allowed_actions: ['decline', 'accept'] })).toEqual(['accept', 'decline'])
    expect(codes({ state: 'dispatched', allowed_actions: ['dispatch', 'cancel'] })).toEqual(['dispatch', 'cancel'])
    expect(codes({ state: 'in_service', allowed_actions: ['schedule', 'log_visit', 'resolve', 'not_resolve'] })).toEqual([
      'log_visit',
      'schedule',
      'resolve',
      'not_resolve',
    ])
    expect(codes({ state: 'resolved', allowed_actions: ['rate'] })).toEqual(['rate'])
    expect(codes({ state: 'rated', allowed_actions: ['follow_up', 'close'] })).toEqual(['follow_up', 'close'])
  })

  it('offers nothing when nothing is allowed, and no button for an unknown action', () => {
    expect(codes({ state: 'closed', allowed_actions: [] })).toEqual([])
    expect(codes({ state: 'accepted' })).toEqual([])
    expect(codes({ state: 'accepted', allowed_actions: ['teleport', 'schedule'] })).toEqual(['schedule'])
  })

  it('has a path for every action the server may allow', () => {
    for (const code of ['dispatch', 'accept', 'decline', 'schedule', 'log_visit', 'resolve', 'not_resolve', 'rate', 'follow_up', 'close', 'cancel']) {
      expect(STEP_PATHS[code], code).toBeTruthy()
    }
    expect(STEP_PATHS.log_visit).toBe('visits')
    expect(STEP_PATHS.not_resolve).toBe('not-resolved')
    expect(STEP_PATHS.rate).toBe('feedback')
    expect(STEP_PATHS.follow_up).toBe('followups')
  })

  it("names states with the server's Chinese name, or ours in English", () => {
    expect(stateLabel({ state: 'in_service', state_name: '服务中' })).toBe('服务中')
    expect(stateLabel({ state: 'in_service', state_name: '服务中' }, 'en')).toBe('In service')
    expect(stateLabel({ state: 'brand_new' })).toBe('brand_new')
    expect(isActive({ state: 'scheduled' })).toBe(true)
    expect(isActive({ state: 'declined' })).toBe(false)
  })
})

describe('board grouping', () => {
  it('groups by state in life-cycle order and leaves empty states out', () => {
    const groups = groupByState([
      { id: 'a', state: 'closed' },
      { id: 'b', state: 'dispatched' },
      { id: 'c', state: 'in_service' },
      { id: 'd', state: 'dispatched' },
      { id: 'e', state: 'mystery' },
    ])
    expect(groups.map((g) => g.state.code)).toEqual(['dispatched', 'in_service', 'closed', 'mystery'])
    expect(groups[0].items.map((e) => e.id)).toEqual(['b', 'd'])
    expect(groupByState([])).toEqual([])
  })
})

describe('登记走访 form', () => {
  const today = '2026-03-05'
  const good = { date: today, hours: 2, workers_trained: 12, summary: '调整保护气流量', place: '', craftsman_ids: [] }

  it('starts with today and asks for hours and what was done', () => {
    const form = emptyVisitForm(today)
    expect(form.date).toBe(today)
    expect(form.workers_trained).toBe(0)
    expect(validateVisit(form, today)).toEqual({
      hours: 'engagements.errors.hoursRequired',
      summary: 'engagements.errors.summaryRequired',
    })
  })

  it('refuses a future date, hours out of range, a fractional head count, blank text', () => {
    expect(validateVisit(good, today)).toEqual({})
    expect(validateVisit({ ...good, date: '2026-03-06' }, today).date).toBe('engagements.errors.visitInFuture')
    expect(validateVisit({ ...good, date: '2026/03/05' }, today).date).toBe('engagements.errors.dateFormat')
    expect(validateVisit({ ...good, date: '' }, today).date).toBe('engagements.errors.dateRequired')
    expect(validateVisit({ ...good, hours: 0 }, today).hours).toBe('engagements.errors.hoursRange')
    expect(validateVisit({ ...good, hours: 24.5 }, today).hours).toBe('engagements.errors.hoursRange')
    expect(validateVisit({ ...good, hours: 0.5 }, today)).toEqual({})
    expect(validateVisit({ ...good, workers_trained: 1.5 }, today).workers_trained).toBe('engagements.errors.trainedRange')
    expect(validateVisit({ ...good, workers_trained: -1 }, today).workers_trained).toBe('engagements.errors.trainedRange')
    expect(validateVisit({ ...good, summary: '   ' }, today).summary).toBe('engagements.errors.summaryRequired')
    expect(validateVisit({ ...good, summary: '字'.repeat(2001) }, today).summary).toBe('engagements.errors.summaryLong')
    expect(validateVisit({ ...good, place: '间'.repeat(201) }, today).place).toBe('engagements.errors.placeLong')
  })

  it('sends numbers, trimmed text, and who was present only for a squad', () => {
    expect(visitBody({ ...good, hours: '3.5', summary: ' 复查焊缝 ', place: ' 一号车间 ' })).toEqual({
      date: today,
      hours: 3.5,
      workers_trained: 12,
      summary: '复查焊缝',
      place: '一号车间',
    })
    expect(visitBody({ ...good, workers_trained: null, craftsman_ids: ['C1', 'C2'] })).toMatchObject({
      workers_trained: 0,
      craftsman_ids: ['C1', 'C2'],
    })
  })
})

describe('the other steps', () => {
  const today = '2026-03-05'
  const resolved = {
    state: 'resolved',
    followups: [
      { days: 30, due_date: '2026-04-04', answered_at: '' },
      { days: 90, due_date: '2026-06-03', answered_at: '' },
    ],
  }

  it('needs a reason to decline, cancel or report not solved', () => {
    expect(validateStep('decline', { reason: '' })).toEqual({ reason: 'engagements.errors.declineRequired' })
    expect(validateStep('decline', { reason: '本月已排满' })).toEqual({})
    expect(validateStep('cancel', { reason: ' ' })).toEqual({ reason: 'engagements.errors.cancelRequired' })
    expect(validateStep('not_resolve', { reason: '' })).toEqual({ reason: 'engagements.errors.notResolvedRequired' })
    expect(stepBody('decline', { reason: ' 本月已排满 ' })).toEqual({ reason: '本月已排满' })
    expect(validateStep('close', { reason: '' })).toEqual({})
    expect(stepBody('close', { reason: '' })).toEqual({})
  })

  it('schedules only today or later', () => {
    expect(validateStep('schedule', { date: '2026-03-04', place: '', note: '' }, { today }).date).toBe('engagements.errors.scheduleInPast')
    expect(validateStep('schedule', { date: today, place: '', note: '' }, { today })).toEqual({})
    expect(stepBody('schedule', { date: today, place: ' 车间 ', note: '' })).toEqual({ date: today, place: '车间', note: '' })
  })

  it('asks the enterprise for stars, and whether it is solved only after a reported fix', () => {
    const form = emptyStepForm('rate', { engagement: resolved })
    expect(validateStep('rate', form, { engagement: resolved })).toEqual({
      rating: 'engagements.errors.ratingRequired',
      confirmed: 'engagements.errors.confirmedRequired',
    })
    expect(validateStep('rate', { rating: 5, comment: '', confirmed: true }, { engagement: resolved })).toEqual({})
    expect(stepBody('rate', { rating: 5, comment: ' 很好 ', confirmed: true })).toEqual({ rating: 5, comment: '很好', confirmed: true })
    // After 未能解决 there is nothing to confirm.
    const notResolved = { state: 'not_resolved' }
    const f2 = emptyStepForm('rate', { engagement: notResolved })
    expect(validateStep('rate', { ...f2, rating: 2 }, { engagement: notResolved })).toEqual({})
  })

  it('answers the first due follow-up with holding and the benefit', () => {
    expect(dueFollowups(resolved, today)).toEqual([])
    expect(dueFollowups(resolved, '2026-04-04').map((f) => f.days)).toEqual([30])
    const form = emptyStepForm('follow_up', { engagement: resolved, today: '2026-07-01' })
    expect(form.days).toBe(30)
    expect(validateStep('follow_up', form)).toEqual({ holding: 'engagements.errors.holdingRequired' })
    expect(stepBody('follow_up', { ...form, holding: true, cost_saved_yuan: 20000, defect_rate_after: 0.5, note: ' 稳定 ' })).toEqual({
      days: 30,
      holding: true,
      benefit: { cost_saved_yuan: 20000, defect_rate_after: 0.5, note: '稳定' },
    })
    expect(formFieldOf('benefit.cost_saved_yuan')).toBe('cost_saved_yuan')
  })

  it('lists planned visits to come and names craftsmen', () => {
    const e = {
      planned_visits: [{ date: '2026-03-09' }, { date: '2026-03-01' }, { date: today }],
      members: [{ id: 'C1', name: '雷振川', lead: true }],
    }
    expect(upcomingVisits(e, today).map((p) => p.date)).toEqual([today, '2026-03-09'])
    expect(memberNames(e, ['C1', 'C9'])).toEqual(['雷振川', 'C9'])
  })
})

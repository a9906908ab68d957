// What each role's home page lists: needs waiting too long, engagements
// waiting for staff, dispatches to answer, what waits for the enterprise,
// visits coming up, targets and how complete a profile is.
import { describe, it, expect } from 'vitest'
import {
  activeNeeds,
  attentionList,
  awaitingReply,
  enterpriseTasks,
  passedStale,
  profileCompleteness,
  PROFILE_FIELDS,
  staffAttention,
  staleNeeds,
  targetProgress,
  upcomingEvents,
  visitAgenda,
} from '../../src/domain/home.js'
import { latestByNeed } from '../../src/domain/engagements.js'

const NOW = new Date(2026, 10, 29, 10, 0, 0) // 29 Nov 2026, 10:00 local
const TODAY = '2026-11-29'
const hoursAgo = (h) => new Date(NOW.getTime() - h * 3600 * 1000).toISOString()

describe('staff: needs waiting too long', () => {
  it('keeps open needs over 30 days, the longest waiting first', () => {
    const needs = [
      { id: 'N-A', posted: '2026-10-20' }, // 40 days
      { id: 'N-B', posted: '2026-11-20' }, // 9 days
      { id: 'N-C', posted: '2026-09-01', status: 'in_progress' },
      { id: 'N-D', posted: '2026-08-01' }, // 120 days
      { id: 'N-E' }, // no date: never stale
      { id: 'N-F', posted: '2026-10-29' }, // exactly 31 days
    ]
    expect(staleNeeds(needs, NOW).map((n) => n.id)).toEqual(['N-D', 'N-A', 'N-F'])
    expect(staleNeeds(undefined, NOW)).toEqual([])
  })

  it('knows a page read oldest first has passed the stale needs at the first recent one', () => {
    // sort=posted puts undated needs first: they prove nothing either way.
    expect(passedStale([{ id: 'N-E' }, { id: 'N-D', posted: '2026-08-01' }, { id: 'N-F', posted: '2026-10-29' }], NOW)).toBe(false)
    expect(passedStale([{ id: 'N-F', posted: '2026-10-29' }, { id: 'N-G', posted: '2026-10-30' }], NOW)).toBe(true) // 30 days
    expect(passedStale([], NOW)).toBe(false)
    expect(passedStale(undefined, NOW)).toBe(false)
  })
})

describe('staff: engagements waiting for them', () => {
  it('names why each one waits, and leaves the others out', () => {
    expect(staffAttention({ state: 'proposed' }, NOW)).toBe('proposed')
    expect(staffAttention({ state: 'dispatched', dispatched_at: hoursAgo(25) }, NOW)).toBe('notAccepted')
    expect(staffAttention({ state: 'dispatched', dispatched_at: hoursAgo(23) }, NOW)).toBe('')
    expect(staffAttention({ state: 'dispatched' }, NOW)).toBe('')
    expect(staffAttention({ state: 'not_resolved' }, NOW)).toBe('notResolved')
    for (const state of ['accepted', 'in_service', 'resolved', 'rated', 'closed', 'declined']) {
      expect(staffAttention({ state, dispatched_at: hoursAgo(100) }, NOW)).toBe('')
    }
  })

  it('lists staff’s own step first, then the longest waiting', () => {
    const list = attentionList(
      [
        { id: 'G-1', state: 'not_resolved', updated_at: '2026-11-01T00:00:00Z' },
        { id: 'G-2', state: 'dispatched', dispatched_at: hoursAgo(30), updated_at: '2026-11-28T00:00:00Z' },
        { id: 'G-3', state: 'proposed', updated_at: '2026-11-20T00:00:00Z' },
        { id: 'G-4', state: 'dispatched', dispatched_at: hoursAgo(2), updated_at: '2026-11-29T00:00:00Z' },
        { id: 'G-5', state: 'proposed', updated_at: '2026-11-10T00:00:00Z' },
      ],
      NOW,
    )
    expect(list.map((x) => `${x.engagement.id}:${x.reason}`)).toEqual([
      'G-5:proposed',
      'G-3:proposed',
      'G-2:notAccepted',
      'G-1:notResolved',
    ])
  })
})

describe('yearly targets in small numbers', () => {
  it('reads progress as whole percentages, past 100 when exceeded', () => {
    const rows = targetProgress({
      targets: [
        { metric: 'visits', name: '服务人次', target: 1000, actual: 123, progress: 0.123 },
        { metric: 'problems_solved', name: '解决难题数', target: 10, actual: 12, progress: 1.2 },
        { metric: 'workers_trained', name: '培训职工人次', target: 200, actual: 50 },
      ],
    })
    expect(rows.map((r) => r.percent)).toEqual([12, 120, 25])
    expect(rows[0]).toEqual({ metric: 'visits', name: '服务人次', actual: 123, target: 1000, percent: 12 })
    expect(targetProgress(null)).toEqual([])
  })
})

describe('events coming up', () => {
  it('keeps today and later, soonest first', () => {
    const events = [
      { id: 'EV-3', date: '2026-12-05' },
      { id: 'EV-1', date: '2026-11-28' },
      { id: 'EV-2', date: TODAY },
      { id: 'EV-4' },
    ]
    expect(upcomingEvents(events, TODAY).map((e) => e.id)).toEqual(['EV-2', 'EV-3'])
  })
})

const engagement = (id, state, extra = {}) => ({ id, need_id: `N-${id}`, state, allowed_actions: [], ...extra })

describe('craftsman: dispatches and visits', () => {
  it('lists the dispatches the lead has still to answer', () => {
    const list = [
      engagement('G-1', 'dispatched', { allowed_actions: ['accept', 'decline'] }),
      engagement('G-2', 'dispatched'), // a squad member: the lead answers
      engagement('G-3', 'accepted', { allowed_actions: ['schedule', 'log_visit'] }),
    ]
    expect(awaitingReply(list).map((e) => e.id)).toEqual(['G-1'])
  })

  it('orders planned visits by date, and adds running services without one for a quick log', () => {
    const list = [
      engagement('G-1', 'scheduled', { planned_visits: [{ date: '2026-12-03', place: '车间' }, { date: '2026-11-20' }], allowed_actions: ['log_visit'] }),
      engagement('G-2', 'in_service', { planned_visits: [{ date: TODAY }], allowed_actions: ['log_visit', 'resolve'] }),
      engagement('G-3', 'accepted', { allowed_actions: ['schedule', 'log_visit'] }),
      engagement('G-4', 'cancelled', { planned_visits: [{ date: '2026-12-01' }] }),
      engagement('G-5', 'resolved', { planned_visits: [{ date: '2026-12-02' }], allowed_actions: ['follow_up'] }),
    ]
    const agenda = visitAgenda(list, TODAY, { withUnplanned: true })
    expect(agenda.map((x) => `${x.engagement.id}:${x.visit?.date ?? '-'}:${x.canLog}`)).toEqual([
      `G-2:${TODAY}:true`,
      'G-5:2026-12-02:false',
      'G-1:2026-12-03:true',
      'G-3:-:true',
    ])
    expect(visitAgenda(list, TODAY).map((x) => x.engagement.id)).toEqual(['G-2', 'G-5', 'G-1'])
  })

  it('measures a profile by the fields staff match on', () => {
    const full = {
      name: '王建国', title: '全国劳动模范', employer: '东方电气', region: '510100', phone: '13700001111', skills: ['数控车削'],
      service_kinds: ['技术服务'], capacity_per_month: 3, bio: '三十年', achievements: ['攻关12项'],
    }
    expect(profileCompleteness(full)).toEqual({ percent: 100, missing: [] })
    const thin = { ...full, bio: '  ', skills: [], capacity_per_month: 0, achievements: undefined }
    const result = profileCompleteness(thin)
    expect(result.percent).toBe(60)
    expect(result.missing.map((f) => f.field)).toEqual(['skills', 'capacity_per_month', 'bio', 'achievements'])
    expect(result.missing[0].label).toBe('craftsmen.skills')
    expect(profileCompleteness(null).missing).toHaveLength(PROFILE_FIELDS.length)
  })
})

describe('enterprise: what waits for its answer', () => {
  it('asks for a rating, and for follow-ups only when one is due', () => {
    const list = [
      engagement('G-1', 'resolved', { allowed_actions: ['rate', 'follow_up'] }),
      engagement('G-2', 'rated', { allowed_actions: ['follow_up'] }),
      engagement('G-3', 'rated', { allowed_actions: ['follow_up'] }),
      engagement('G-4', 'in_service'),
    ]
    const details = {
      'G-2': { ...list[1], followups: [{ days: 90, due_date: '2027-02-01' }, { days: 30, due_date: '2026-11-28' }] },
      'G-3': { ...list[2], followups: [{ days: 30, due_date: '2026-11-01', answered_at: '2026-11-02' }, { days: 90, due_date: '2027-01-01' }] },
    }
    const tasks = enterpriseTasks(list, details, TODAY)
    expect(tasks.map((x) => `${x.engagement.id}:${x.reason}:${x.days ?? ''}`)).toEqual(['G-1:rate:', 'G-2:followUp:30'])
    expect(tasks[1].engagement.followups).toHaveLength(2) // the detail, so the form knows the follow-ups
    expect(enterpriseTasks(list, {}, TODAY).map((x) => x.engagement.id)).toEqual(['G-1'])
  })

  it('shows needs still in play, newest first, and the engagement for each', () => {
    const needs = [
      { id: 'N-1', posted: '2026-10-01' },
      { id: 'N-2', posted: '2026-11-01', status: 'in_progress' },
      { id: 'N-3', posted: '2026-11-15', status: 'closed' },
      { id: 'N-4', posted: '2026-11-10', archived: true },
    ]
    expect(activeNeeds(needs).map((n) => n.id)).toEqual(['N-2', 'N-1'])
    const byNeed = latestByNeed([
      { id: 'G-1', need_id: 'N-2', state: 'declined', created_at: '2026-11-02' },
      { id: 'G-2', need_id: 'N-2', state: 'dispatched', created_at: '2026-11-01' },
      { id: 'G-3', need_id: 'N-1', state: 'cancelled', created_at: '2026-10-02' },
      { id: 'G-4', need_id: 'N-1', state: 'expired', created_at: '2026-10-05' },
    ])
    expect(byNeed['N-2'].id).toBe('G-2') // the running one beats a later declined one
    expect(byNeed['N-1'].id).toBe('G-4') // else the latest
  })
})

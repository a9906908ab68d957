// 活动 rules: the form's checks and bodies, seats, who may register when,
// the list's order and filters, 对接会 wishes, slot labels and the schedule
// grid built from agendas.
import { describe, it, expect } from 'vitest'
import {
  validateEvent,
  eventBody,
  emptyEventForm,
  lockedFields,
  seatsOf,
  attendanceOpen,
  canSelfRegister,
  ownRegistration,
  EVENT_VIEWS,
  chinaToday,
  eventListParams,
  filtersFromQuery,
  filtersToQuery,
  registrationChecks,
  attendanceCheck,
  wishRows,
  wishesBody,
  wishCounts,
  wishErrorOf,
  suggestedSlots,
  slotLabels,
  scheduleBody,
  scheduleGrid,
  scheduleSummary,
  slotName,
  validDate,
  kindLabel,
  participantView,
  canWithdraw,
} from '../../src/domain/events.js'
import { request } from '../../src/api/client.js'

const GOOD = { kind: 'matchmaking', title: '川渝对接会', date: '2026-05-20', place: '成都', organiser: '四川省总工会', capacity: 30, region: '' }

const EVENT = {
  id: 'EV-1',
  org_id: 'sc',
  kind: 'matchmaking',
  title: '对接会',
  date: '2026-05-20',
  capacity: 10,
  seats_taken: 6,
  version: 4,
  registrations: [
    { participant_kind: 'enterprise', participant_id: 'E1', name: '精工机械', seats: 3 },
    { participant_kind: 'enterprise', participant_id: 'E2', name: '蜀兴化工', seats: 1 },
    { participant_kind: 'craftsman', participant_id: 'C1', name: '王建国', seats: 1 },
    { participant_kind: 'craftsman', participant_id: 'C2', name: '雷振川', seats: 1 },
  ],
  wishes: {
    'enterprise:E1': [{ to_id: 'C1', weight: 80 }, { to_id: 'C2', weight: 20 }],
    'craftsman:C1': [{ to_id: 'E1', weight: 60 }],
    'craftsman:C2': [{ to_id: 'E2', weight: 40 }],
  },
}

describe('the event form', () => {
  it('accepts a complete form and names each problem with an i18n key', () => {
    expect(validateEvent(GOOD)).toEqual({})
    expect(validateEvent({ ...GOOD, kind: 'party', title: '  ', date: '2026-02-30', capacity: 0, region: '5101' })).toEqual({
      kind: 'events.errors.kindRequired',
      title: 'events.errors.titleRequired',
      date: 'events.errors.dateFormat',
      capacity: 'events.errors.capacityRange',
      region: 'events.errors.regionFormat',
    })
    expect(validateEvent({ ...GOOD, date: '', capacity: null }).date).toBe('events.errors.dateRequired')
    expect(validateEvent({ ...GOOD, capacity: 2.5 }).capacity).toBe('events.errors.capacityRange')
  })

  it('counts characters as people do and caps the lengths as the server does', () => {
    expect(validateEvent({ ...GOOD, title: '对'.repeat(200) }).title).toBeUndefined()
    expect(validateEvent({ ...GOOD, title: '对'.repeat(201) }).title).toBe('events.errors.titleLong')
    expect(validateEvent({ ...GOOD, place: '地'.repeat(201) }).place).toBe('events.errors.placeLong')
  })

  it('keeps capacity at or above the seats taken on edit', () => {
    expect(validateEvent({ ...GOOD, capacity: 5 }, { seatsTaken: 6 }).capacity).toBe('events.errors.capacityBelowTaken')
    expect(validateEvent({ ...GOOD, capacity: 6 }, { seatsTaken: 6 }).capacity).toBeUndefined()
  })

  it('sends trimmed fields, and on edit the organisation and version read', () => {
    expect(eventBody({ ...GOOD, title: ' 对接会 ', capacity: '30', region: ' 510100 ' })).toEqual({
      ...GOOD, title: '对接会', capacity: 30, region: '510100',
    })
    const body = eventBody(emptyEventForm(EVENT), EVENT)
    expect(body).toMatchObject({ kind: 'matchmaking', capacity: 10, org_id: 'sc', version: 4 })
  })

  it('fixes kind, date and region once attendance is recorded', () => {
    expect([...lockedFields(EVENT)]).toEqual([])
    const attended = { ...EVENT, registrations: [{ ...EVENT.registrations[0], attended: 0 }] }
    expect([...lockedFields(attended)].sort()).toEqual(['date', 'kind', 'region'])
  })

  it('checks real calendar dates', () => {
    expect(validDate('2028-02-29')).toBe(true)
    expect(validDate('2026-02-29')).toBe(false)
    expect(validDate('2026-5-1')).toBe(false)
  })
})

describe('seats, dates and participants', () => {
  it('sums seats and says when the event is full', () => {
    expect(seatsOf(EVENT)).toEqual({ capacity: 10, taken: 6, left: 4, full: false, percent: 60 })
    expect(seatsOf({ capacity: 3, seats_taken: 3 })).toMatchObject({ left: 0, full: true, percent: 100 })
  })

  it('opens attendance on the event date, not before', () => {
    expect(attendanceOpen(EVENT, '2026-05-19')).toBe(false)
    expect(attendanceOpen(EVENT, '2026-05-20')).toBe(true)
    expect(attendanceOpen(EVENT, '2026-06-01')).toBe(true)
  })

  it('lets enterprises and craftsmen sign themselves up for events to come', () => {
    const enterprise = { role: 'enterprise', enterprise_id: 'E1' }
    const craftsman = { role: 'craftsman', craftsman_id: 'C9' }
    expect(ownRegistration(EVENT, enterprise).seats).toBe(3)
    expect(canSelfRegister(EVENT, enterprise, '2026-05-01')).toBe(true) // to change seats
    expect(canSelfRegister(EVENT, craftsman, '2026-05-01')).toBe(true)
    expect(canSelfRegister(EVENT, { role: 'craftsman', craftsman_id: 'C1' }, '2026-05-01')).toBe(false) // one seat, taken
    expect(canSelfRegister(EVENT, craftsman, '2026-05-21')).toBe(false) // over
    expect(canSelfRegister(EVENT, { role: 'staff', org_id: 'sc' }, '2026-05-01')).toBe(false)
  })

  it('checks a registration: one seat for a craftsman, no more than left', () => {
    const c = registrationChecks({ kind: 'craftsman', seatsLeft: 4 })
    expect(c.seats(2)).toBe('events.errors.craftsmanOneSeat')
    expect(c.seats(1)).toBe('')
    const e = registrationChecks({ kind: 'enterprise', seatsLeft: 4, current: 3 })
    expect(e.seats(7)).toBe('')
    expect(e.seats(8)).toBe('events.errors.seatsOver')
    expect(e.seats(0)).toBe('events.errors.seatsRange')
    expect(e.participant_id('')).toBe('events.errors.participantRequired')
    expect(e.participant_kind('studio')).toBe('events.errors.participantKindRequired')
  })

  it('keeps attendance between 0 and the seats registered', () => {
    expect(attendanceCheck(3, { seats: 3 })).toBe('')
    expect(attendanceCheck(0, { seats: 3 })).toBe('')
    expect(attendanceCheck(4, { seats: 3 })).toBe('events.errors.attendedOverSeats')
    expect(attendanceCheck(-1, { seats: 3 })).toBe('events.errors.attendedRange')
    expect(attendanceCheck(null, { seats: 3 })).toBe('events.errors.attendedRange')
  })
})

describe('the list', () => {
  it('asks the server for upcoming events soonest first by default, past ones latest first, a range in date order', () => {
    expect(EVENT_VIEWS).toEqual(['upcoming', 'past', 'range'])
    const today = '2026-03-01'
    expect(eventListParams(filtersFromQuery({}), today)).toEqual({ kind: undefined, from: '2026-03-01', sort: 'date' })
    expect(eventListParams(filtersFromQuery({ when: 'past', kind: 'training' }), today)).toEqual({ kind: 'training', to: '2026-02-28', sort: '-date' })
    expect(eventListParams(filtersFromQuery({ from: '2026-01-01', to: '2026-01-31' }), today)).toEqual({
      kind: undefined, from: '2026-01-01', to: '2026-01-31', sort: 'date',
    })
    expect(eventListParams(filtersFromQuery({ when: 'range' }), today)).toEqual({ kind: undefined, from: undefined, to: undefined, sort: 'date' })
  })

  it('dates today as China does, whatever the browser’s time zone', () => {
    // 16:30 UTC on 28 February is half past midnight on 1 March in Beijing.
    expect(chinaToday(new Date('2026-02-28T16:30:00Z'))).toBe('2026-03-01')
    expect(chinaToday(new Date('2026-02-28T15:59:00Z'))).toBe('2026-02-28')
  })

  it('reads filters from the address, dropping what the API would refuse', () => {
    expect(filtersFromQuery({ kind: 'training', from: '2026-01-01', to: 'soon' })).toEqual({ kind: 'training', view: 'range', from: '2026-01-01', to: '' })
    expect(filtersFromQuery({ kind: 'party' })).toEqual({ kind: '', view: 'upcoming', from: '', to: '' })
    // Dates belong to a range; a range given backwards is read the way it was meant.
    expect(filtersFromQuery({ when: 'past', from: '2026-01-01' })).toEqual({ kind: '', view: 'past', from: '', to: '' })
    expect(filtersFromQuery({ from: '2026-02-01', to: '2026-01-01' })).toMatchObject({ from: '2026-01-01', to: '2026-02-01' })
    expect(filtersToQuery({ kind: '', view: 'range', from: '2026-01-01', to: '' })).toEqual({ from: '2026-01-01' })
    expect(filtersToQuery({ kind: 'lecture', view: 'past', from: '', to: '' })).toEqual({ kind: 'lecture', when: 'past' })
    expect(filtersToQuery({ kind: '', view: 'range', from: '', to: '' })).toEqual({ when: 'range' })
    expect(filtersToQuery({ kind: '', view: 'upcoming', from: '', to: '' })).toEqual({})
  })

  it('names kinds in both languages', () => {
    expect(kindLabel('matchmaking')).toBe('对接会')
    expect(kindLabel('showcase', 'en')).toBe('Showcase')
    expect(kindLabel('unknown')).toBe('unknown')
  })
})

describe('对接会 wishes', () => {
  it('lists the other side with what is wanted and what is mutual', () => {
    expect(wishRows(EVENT, 'enterprise', 'E1')).toEqual([
      { id: 'C1', name: '王建国', wanted: true, weight: 80, mutual: true },
      { id: 'C2', name: '雷振川', wanted: true, weight: 20, mutual: false },
    ])
    expect(wishRows(EVENT, 'craftsman', 'C2')).toEqual([
      { id: 'E1', name: '精工机械', wanted: false, weight: 50, mutual: true },
      { id: 'E2', name: '蜀兴化工', wanted: true, weight: 40, mutual: false },
    ])
  })

  it('sends only the ticked rows, naming the participant for staff', () => {
    const rows = wishRows(EVENT, 'craftsman', 'C2')
    rows[0].wanted = true
    rows[0].weight = '70'
    rows[1].wanted = false
    expect(wishesBody(rows, { kind: 'craftsman', id: 'C2' })).toEqual({
      wishes: [{ to_id: 'E1', weight: 70 }],
      participant_kind: 'craftsman',
      participant_id: 'C2',
    })
    expect(wishesBody([])).toEqual({ wishes: [] })
  })

  it('counts each participant’s wishes and reads the row a server error names', () => {
    expect(wishCounts(EVENT).map((c) => c.count)).toEqual([2, 0, 1, 1])
    expect(wishErrorOf('wishes[3].weight')).toEqual({ index: 3, field: 'weight' })
    expect(wishErrorOf('wishes[0]')).toEqual({ index: 0, field: '' })
    expect(wishErrorOf('participant_id')).toBeNull()
  })

  it('suggests as many slots as the busiest participant needs', () => {
    // E1 is in two pairs (C1, C2); C1–E1 counts once though both named it.
    expect(suggestedSlots(EVENT)).toBe(2)
    expect(suggestedSlots({ wishes: {} })).toBe(1)
  })
})

describe('slots and the schedule', () => {
  it('labels slots with times, refusing a day past midnight', () => {
    expect(slotLabels({ start: '14:00', minutes: 15, count: 3 })).toEqual(['14:00-14:15', '14:15-14:30', '14:30-14:45'])
    expect(slotLabels({ start: '23:30', minutes: 15, count: 2 })).toEqual(['23:30-23:45', '23:45-24:00'])
    expect(slotLabels({ start: '23:30', minutes: 20, count: 2 })).toBeNull()
    expect(slotLabels({ start: '9:00', minutes: 15, count: 2 })).toBeNull()
  })

  it('sends labels only with a start time', () => {
    expect(scheduleBody({ slots: 2, start: '', minutes: 15 })).toEqual({ slots: 2 })
    expect(scheduleBody({ slots: '2', start: '09:00', minutes: 30 })).toEqual({ slots: 2, slot_labels: ['09:00-09:30', '09:30-10:00'] })
  })

  const AGENDAS = [
    { participant_id: 'E1', participant_name: '精工机械', side: 'enterprise', entries: [
      { slot: 0, slot_label: '14:00-14:15', counterpart_id: 'C1', counterpart_name: '王建国', mutual: true },
      { slot: 1, slot_label: '14:15-14:30', counterpart_id: 'C2', counterpart_name: '雷振川', mutual: false },
    ] },
    { participant_id: 'E2', participant_name: '蜀兴化工', side: 'enterprise', entries: [] },
    { participant_id: 'C1', participant_name: '王建国', side: 'craftsman', entries: [
      { slot: 0, slot_label: '14:00-14:15', counterpart_id: 'E1', counterpart_name: '精工机械', mutual: true },
    ] },
    { participant_id: 'C2', participant_name: '雷振川', side: 'craftsman', entries: [
      { slot: 1, slot_label: '14:15-14:30', counterpart_id: 'E1', counterpart_name: '精工机械', mutual: false },
    ] },
  ]

  it('lays the stored schedule out as tables × slots', () => {
    const g = scheduleGrid(AGENDAS, 3)
    expect(g.slots.map((s) => [s.number, s.label])).toEqual([[1, '14:00-14:15'], [2, '14:15-14:30'], [3, '']])
    expect(g.tables.map((t) => [t.table, t.id])).toEqual([[1, 'E1'], [2, 'E2']])
    expect(g.tables[0].cells).toEqual([{ id: 'C1', name: '王建国', mutual: true }, { id: 'C2', name: '雷振川', mutual: false }, null])
    expect(g.tables[1].cells).toEqual([null, null, null])
    expect(g).toMatchObject({ meetings: 2, mutual: 1 })
    expect(g.idle).toEqual([{ id: 'E2', name: '蜀兴化工', side: 'enterprise' }])
  })

  it('widens the grid to every slot an agenda uses', () => {
    expect(scheduleGrid(AGENDAS, 0).slots).toHaveLength(2)
    expect(scheduleGrid([], 2)).toMatchObject({ meetings: 0, tables: [] })
  })

  it('summarises a fresh schedule', () => {
    expect(scheduleSummary({ meetings: [{}, {}], mutual_meetings: 1, unplaced: [], total_score: 240, upper_bound: 240, wished_pairs: 3 }))
      .toEqual({ meetings: 2, mutual: 1, unplaced: 0, wishedPairs: 3, totalScore: 240, upperBound: 240, optimal: true })
    expect(scheduleSummary(null)).toBeNull()
  })

  it('names a slot with its time', () => {
    expect(slotName({ slot: 2, slot_label: '14:30-14:45' })).toBe('第3场 14:30-14:45')
    expect(slotName({ number: 1, label: '' }, 'en')).toBe('Slot 1')
  })
})

describe('the printable agenda', () => {
  it('is read as text, with the API’s Chinese message on failure', async () => {
    const ok = async () => new Response('【王建国】对接会日程（共 1 场）\n', { status: 200, headers: { 'Content-Type': 'text/plain' } })
    expect(await request('GET', '/events/EV-1/agenda', { as: 'text', query: { format: 'text' }, fetchImpl: ok })).toContain('王建国')
    const missing = async () =>
      new Response(JSON.stringify({ error: { code: 'not_found', message: '这次对接会尚未生成日程' } }), { status: 404 })
    await expect(request('GET', '/events/EV-1/agenda', { as: 'text', fetchImpl: missing })).rejects.toMatchObject({
      status: 404,
      message: '这次对接会尚未生成日程',
    })
  })
})

describe('a participant at a 对接会', () => {
  const seen = {
    id: 'EV-9', kind: 'matchmaking', date: '2026-06-01', state: 'open',
    registrations: [{ participant_kind: 'enterprise', participant_id: 'E1', name: '企业一', seats: 2 }],
    counterparts: [{ participant_kind: 'craftsman', participant_id: 'C1', name: '工匠一' }, { participant_kind: 'craftsman', participant_id: 'C2', name: '工匠二' }],
    wishes: { 'enterprise:E1': [{ to_id: 'C2', weight: 4 }] },
  }

  it('names their own wishes over the counterparts the server lists', () => {
    const rows = wishRows(participantView(seen, { kind: 'enterprise', id: 'E1' }), 'enterprise', 'E1')
    expect(rows.map((r) => [r.id, r.wanted, r.weight])).toEqual([['C1', false, expect.anything()], ['C2', true, 4]])
  })

  it('may withdraw before the day, not after, not once attended, not from a cancelled event', () => {
    const own = seen.registrations[0]
    expect(canWithdraw(seen, own, '2026-05-31')).toBe(true)
    expect(canWithdraw(seen, own, '2026-06-02')).toBe(false)
    expect(canWithdraw(seen, { ...own, attended: 1 }, '2026-05-31')).toBe(false)
    expect(canWithdraw(seen, { ...own, attended: 0 }, '2026-05-31')).toBe(true)
    expect(canWithdraw({ ...seen, state: 'cancelled' }, own, '2026-05-31')).toBe(false)
  })
})

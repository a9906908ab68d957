// The home panels with the API mocked: staff see the needs waiting too long,
// the engagements waiting for them and the targets; a craftsman sees the
// dispatch to answer, a visit with 登记走访 and what the profile lacks; an
// enterprise sees what waits for its answer and its needs in play.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, RouterLinkStub } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import { isoDate } from '../../src/domain/needs.js'

const user = { value: { role: 'staff', org_id: 'sc', craftsman_id: 'C-001', enterprise_id: 'E-1' } }
vi.mock('../../src/store/session.js', () => ({ session: { get user() { return user.value } } }))
vi.mock('../../src/api/records.js', () => ({ listRecords: vi.fn(), getRecord: vi.fn() }))
vi.mock('../../src/api/events.js', () => ({ listEvents: vi.fn() }))
vi.mock('../../src/api/engagements.js', async (importOriginal) => ({
  ...(await importOriginal()),
  listEngagements: vi.fn(),
  getEngagement: vi.fn(),
  getKpi: vi.fn(),
  listNotifications: vi.fn().mockResolvedValue({ items: [], unread: 0 }),
}))

const { listRecords, getRecord } = await import('../../src/api/records.js')
const { listEvents } = await import('../../src/api/events.js')
const { listEngagements, getEngagement, getKpi } = await import('../../src/api/engagements.js')
const { default: StaffHome } = await import('../../src/pages/home/StaffHome.vue')
const { default: CraftsmanHome } = await import('../../src/pages/home/CraftsmanHome.vue')
const { default: EnterpriseHome } = await import('../../src/pages/home/EnterpriseHome.vue')

const daysAgo = (n) => isoDate(new Date(Date.now() - n * 86400000))
const inDays = (n) => isoDate(new Date(Date.now() + n * 86400000))
let wrapper
async function mountPanel(component) {
  // The events page is another chunk's: the home links to it when the app has it.
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/events/:id', name: 'event', component: { render: () => null } }, { path: '/:any(.*)', component: { render: () => null } }],
  })
  wrapper = mount(component, { attachTo: document.body, global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
  await flushPromises()
  return wrapper
}
const section = (w, id) => w.find(`[data-section="${id}"]`)

beforeEach(() => {
  for (const f of [listRecords, getRecord, listEvents, listEngagements, getEngagement, getKpi]) f.mockReset()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('staff home', () => {
  it('lists needs waiting too long, engagements waiting for staff, the targets and events', async () => {
    user.value = { role: 'staff', org_id: 'sc' }
    listRecords.mockResolvedValue({
      items: [
        { id: 'N-OLD', title: '轴类零件圆度超差', posted: daysAgo(45), enterprise_id: 'E-1' },
        { id: 'N-NEW', title: '新员工培训', posted: daysAgo(3), enterprise_id: 'E-1' },
      ],
      next_after: null,
    })
    listEngagements.mockImplementation(async ({ state }) => ({
      items:
        state === 'dispatched'
          ? [{ id: 'G-1', need_id: 'N-1', need_title: '焊缝气孔', state, dispatched_at: new Date(Date.now() - 30 * 3600e3).toISOString(), allowed_actions: ['cancel'], members: [] }]
          : [],
    }))
    getKpi.mockResolvedValue({ year: 2026, org_name: '四川省总工会', targets: [{ metric: 'visits', name: '服务人次', target: 1000, actual: 250, progress: 0.25 }] })
    listEvents.mockResolvedValue({ items: [{ id: 'EV-1', kind: 'matchmaking', title: '川渝对接会', date: inDays(3), place: '成都' }, { id: 'EV-0', title: '旧活动', date: daysAgo(3) }] })
    const w = await mountPanel(StaffHome)

    expect(listRecords).toHaveBeenCalledWith('needs', expect.objectContaining({ status: 'open', sort: 'posted' }))
    expect(section(w, 'home-stale').findAll('[data-test="need-card"]').map((c) => c.text())).toEqual([expect.stringContaining('轴类零件圆度超差')])
    expect(section(w, 'home-stale').find('[data-test="section-count"]').text()).toBe('1')
    expect(listEngagements.mock.calls.map((c) => c[0].state).sort()).toEqual(['dispatched', 'not_resolved', 'proposed'])
    expect(section(w, 'home-attention').find('[data-test="attention-reason"]').text()).toContain('超过 24 小时未接单')
    expect(section(w, 'home-targets').find('[data-metric="visits"] [data-test="target-figures"]').text()).toBe('250 / 1,000')
    expect(section(w, 'home-targets').text()).toContain('2026 年度目标进度')
    const events = section(w, 'home-events').findAll('[data-test="home-event"]')
    expect(events.map((e) => e.text())).toEqual([expect.stringContaining('川渝对接会')])
    expect(events[0].text()).toContain('对接会')
    expect(events[0].findComponent(RouterLinkStub).props('to')).toEqual({ name: 'event', params: { id: 'EV-1' } })
  })

  it('reads open needs oldest first and stops at the page that reaches a recent one', async () => {
    user.value = { role: 'staff', org_id: 'sc' }
    const stalePage = (from) => Array.from({ length: 3 }, (_, i) => ({ id: `N-${from + i}`, title: `旧需求${from + i}`, posted: daysAgo(90 - from - i) }))
    listRecords
      .mockResolvedValueOnce({ items: [{ id: 'N-UNDATED', title: '无日期' }, ...stalePage(0)], next_after: 'C1' })
      .mockResolvedValueOnce({ items: [...stalePage(3), { id: 'N-NEW', title: '新需求', posted: daysAgo(2) }], next_after: 'C2' })
      .mockResolvedValue({ items: [{ id: 'N-NEWER', posted: daysAgo(1) }], next_after: null })
    listEngagements.mockResolvedValue({ items: [] })
    getKpi.mockResolvedValue(null)
    listEvents.mockResolvedValue({ items: [] })
    const w = await mountPanel(StaffHome)
    expect(listRecords.mock.calls.map((c) => c[1].after)).toEqual([undefined, 'C1'])
    expect(section(w, 'home-stale').find('[data-test="section-count"]').text()).toBe('6')
    expect(section(w, 'home-stale').find('.home-note').exists()).toBe(false) // the list is complete
    const more = section(w, 'home-stale').findAllComponents(RouterLinkStub).find((l) => l.props('to').name === 'needs')
    expect(more.props('to')).toEqual({ name: 'needs', query: { sort: 'posted' } })
  })

  it('hides the events when the server has none to give, and keeps the rest', async () => {
    user.value = { role: 'staff', org_id: 'sc' }
    listRecords.mockResolvedValue({ items: [], next_after: null })
    listEngagements.mockResolvedValue({ items: [] })
    getKpi.mockRejectedValue(Object.assign(new Error('服务暂时不可用'), { status: 503 }))
    listEvents.mockRejectedValue(Object.assign(new Error('没有这个地址'), { status: 404 }))
    const w = await mountPanel(StaffHome)
    expect(section(w, 'home-events').exists()).toBe(false)
    expect(section(w, 'home-targets').find('[data-test="error-message"]').text()).toBe('服务暂时不可用')
    expect(section(w, 'home-stale').find('[data-test="section-empty"]').text()).toContain('没有等待超过 30 天的需求')
  })
})

describe('craftsman home', () => {
  it('offers accept and decline, 登记走访 for a visit, and names what the profile lacks', async () => {
    user.value = { role: 'craftsman', craftsman_id: 'C-001' }
    listEngagements.mockResolvedValue({
      items: [
        { id: 'G-1', need_id: 'N-1', need_title: '细长轴振纹', state: 'dispatched', version: 1, allowed_actions: ['accept', 'decline'], members: [] },
        { id: 'G-2', need_id: 'N-2', need_title: '焊缝气孔', enterprise_name: '成都蜀兴', state: 'scheduled', version: 2,
          allowed_actions: ['schedule', 'log_visit'], planned_visits: [{ date: inDays(2), place: '二号车间' }], members: [] },
      ],
    })
    getRecord.mockResolvedValue({ id: 'C-001', name: '王建国', region: '510100', skills: ['数控车削'], capacity_per_month: 3 })
    const w = await mountPanel(CraftsmanHome)

    const waiting = section(w, 'home-waiting')
    expect(waiting.findAll('[data-test="engagement-card"]')).toHaveLength(1)
    expect(waiting.findAll('[data-action]').map((b) => b.attributes('data-action'))).toEqual(['accept', 'decline'])
    const visit = section(w, 'home-visits').find('[data-test="agenda-visit"]')
    expect(visit.text()).toContain('焊缝气孔')
    expect(visit.text()).toContain('二号车间')
    const log = visit.findAllComponents(RouterLinkStub).find((l) => l.props('to').name === 'log-visit')
    expect(log.props('to')).toEqual({ name: 'log-visit', params: { id: 'G-2' } })
    expect(getRecord).toHaveBeenCalledWith('craftsmen', 'C-001')
    expect(section(w, 'home-profile').find('[data-test="profile-missing"]').text()).toContain('称号')
  })
})

describe('enterprise home', () => {
  it('asks for the rating and the due follow-up, and lists its needs in play', async () => {
    user.value = { role: 'enterprise', enterprise_id: 'E-1' }
    listRecords.mockResolvedValue({
      items: [
        { id: 'N-1', title: '冲压模具寿命短', posted: daysAgo(2) },
        { id: 'N-2', title: '已结束的需求', posted: daysAgo(60), status: 'closed' },
      ],
    })
    const rated = { id: 'G-2', need_id: 'N-9', need_title: '车削振纹', state: 'rated', version: 5, allowed_actions: ['follow_up'], members: [] }
    listEngagements.mockResolvedValue({
      items: [
        { id: 'G-1', need_id: 'N-1', need_title: '冲压模具寿命短', state: 'resolved', version: 4, allowed_actions: ['rate', 'follow_up'], members: [{ id: 'C-1', name: '王建国', lead: true }] },
        rated,
      ],
    })
    getEngagement.mockImplementation(async (id) =>
      id === 'G-2' ? { ...rated, followups: [{ days: 30, due_date: daysAgo(1) }] } : { id, followups: [] },
    )
    const w = await mountPanel(EnterpriseHome)
    const reasons = section(w, 'home-tasks').findAll('[data-test="task-reason"]').map((r) => r.attributes('data-reason'))
    expect(reasons).toEqual(['rate', 'followUp'])
    expect(section(w, 'home-tasks').text()).toContain('第 30 天回访已到期')
    const needs = section(w, 'home-needs').findAll('[data-test="need-card"]')
    expect(needs).toHaveLength(1)
    expect(needs[0].find('[data-test="need-engagement-line"]').text()).toContain('王建国')
  })
})

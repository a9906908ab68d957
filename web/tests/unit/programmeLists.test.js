// The programme lists and the studio page with the API mocked, on a real
// router so that what lives in the address can be checked: the studios,
// agreements and mentorships lists search on the server (q=), the text kept
// in the address beside the other filters; the events list asks the server
// for upcoming events soonest first by default, past ones latest first, or a
// range of dates; a studio's members show by the names the API gives, with
// a link for staff, and by id when the caller may not see them.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, RouterLinkStub } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'

const user = { value: { role: 'staff', org_id: 'sc' } }
vi.mock('../../src/store/session.js', () => ({ session: { get user() { return user.value } } }))
vi.mock('../../src/api/programmes.js', () => ({
  listStudios: vi.fn(), getStudio: vi.fn(), listAgreements: vi.fn(), listMentorships: vi.fn(),
}))
vi.mock('../../src/api/events.js', () => ({ listEvents: vi.fn() }))
vi.mock('../../src/api/records.js', () => ({
  listRecords: vi.fn(async () => ({ items: [] })), getRecord: vi.fn(), listOrganisations: vi.fn(async () => ({ items: [] })),
}))

const programmes = await import('../../src/api/programmes.js')
const { listEvents } = await import('../../src/api/events.js')
const { getRecord } = await import('../../src/api/records.js')
const { chinaToday } = await import('../../src/domain/events.js')
const { addDays } = await import('../../src/domain/programmes.js')
const pages = {
  studios: (await import('../../src/pages/studios/StudiosPage.vue')).default,
  studio: (await import('../../src/pages/studios/StudioPage.vue')).default,
  agreements: (await import('../../src/pages/agreements/AgreementsPage.vue')).default,
  mentorships: (await import('../../src/pages/mentorships/MentorshipsPage.vue')).default,
  events: (await import('../../src/pages/events/EventsPage.vue')).default,
}

vi.setConfig({ testTimeout: 30000 })
let wrapper
let router
async function settle() {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
  }
}
async function mountAt(name, path, props = {}) {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)', component: { render: () => null } }],
  })
  router.push(path)
  await router.isReady()
  wrapper = mount(pages[name], { props, attachTo: document.body, global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
  await settle()
  return wrapper
}
async function search(selector, text) {
  const box = wrapper.find(`${selector} input`)
  await box.setValue(text)
  await wrapper.find(`${selector}`).trigger('submit')
  await settle()
}
const query = () => router.currentRoute.value.query

beforeEach(() => {
  user.value = { role: 'staff', org_id: 'sc' }
  for (const fn of Object.values(programmes)) fn.mockReset().mockResolvedValue({ items: [], next_after: null })
  listEvents.mockReset().mockResolvedValue({ items: [], next_after: null })
  getRecord.mockReset().mockResolvedValue({ id: 'R-1', title: '细长轴车削防振工装' })
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('searching the programme lists', () => {
  it('studios: the search in the address is sent, a new one replaces it and keeps the organisation', async () => {
    await mountAt('studios', '/studios?org_id=sc&q=王建国')
    expect(programmes.listStudios).toHaveBeenLastCalledWith({ org_id: 'sc', q: '王建国', after: undefined, limit: 50 })
    expect(wrapper.find('[data-test="studio-search"] input').element.value).toBe('王建国')
    // Nothing found: said so, with a way back to every studio.
    expect(wrapper.text()).toContain('没有找到符合的创新工作室')
    await search('[data-test="studio-search"]', ' 焊接 ')
    expect(programmes.listStudios).toHaveBeenLastCalledWith({ org_id: 'sc', q: '焊接', after: undefined, limit: 50 })
    expect(query()).toEqual({ org_id: 'sc', q: '焊接' })
    await wrapper.find('[data-test="clear-search"]').trigger('click')
    await settle()
    expect(programmes.listStudios).toHaveBeenLastCalledWith({ org_id: 'sc', q: undefined, after: undefined, limit: 50 })
    expect(query()).toEqual({ org_id: 'sc' })
  })

  it('agreements: the search goes with the filters, and both stay in the address', async () => {
    await mountAt('agreements', '/agreements?state=active&q=精工')
    expect(programmes.listAgreements).toHaveBeenLastCalledWith({ state: 'active', q: '精工', after: undefined, limit: 50 })
    await search('[data-test="agreement-search"]', '细长轴')
    expect(programmes.listAgreements).toHaveBeenLastCalledWith({ state: 'active', q: '细长轴', after: undefined, limit: 50 })
    expect(query()).toEqual({ state: 'active', q: '细长轴' })
    // 清除筛选 on the empty list starts from every agreement: the search goes too.
    const clear = wrapper.findAll('button').find((b) => b.text() === '清除筛选')
    await clear.trigger('click')
    await settle()
    expect(programmes.listAgreements).toHaveBeenLastCalledWith({ q: undefined, after: undefined, limit: 50 })
    expect(query()).toEqual({})
  })

  it('agreements: changing a filter keeps the search', async () => {
    await mountAt('agreements', '/agreements?studio_id=ST-1&q=精工')
    expect(programmes.listAgreements).toHaveBeenLastCalledWith({ studio_id: 'ST-1', q: '精工', after: undefined, limit: 50 })
    await wrapper.find('.el-tag__close').trigger('click') // the studio filter's tag
    await settle()
    expect(programmes.listAgreements).toHaveBeenLastCalledWith({ q: '精工', after: undefined, limit: 50 })
    expect(query()).toEqual({ q: '精工' })
  })

  it('mentorships: staff search; a craftsman’s own list has no search and ignores one in the address', async () => {
    await mountAt('mentorships', '/mentorships?q=赵小龙&state=active')
    expect(programmes.listMentorships).toHaveBeenLastCalledWith({ state: 'active', q: '赵小龙', after: undefined, limit: 50 })
    await search('[data-test="mentorship-search"]', '东方电气')
    expect(query()).toEqual({ state: 'active', q: '东方电气' })
    wrapper.unmount()

    user.value = { role: 'craftsman', craftsman_id: 'C-001' }
    await mountAt('mentorships', '/mentorships?q=赵小龙')
    expect(programmes.listMentorships).toHaveBeenLastCalledWith({ q: undefined, after: undefined, limit: 50 })
    expect(wrapper.find('[data-test="mentorship-search"]').exists()).toBe(false)
  })
})

describe('the events list', () => {
  const today = chinaToday()

  it('shows upcoming events soonest first by default, and past ones latest first on request', async () => {
    await mountAt('events', '/events')
    expect(listEvents).toHaveBeenLastCalledWith({ kind: undefined, from: today, sort: 'date', after: undefined, limit: 50 })
    expect(wrapper.text()).toContain('近期没有要举行的活动')
    await wrapper.find('[data-test="see-past"]').trigger('click')
    await settle()
    expect(listEvents).toHaveBeenLastCalledWith({ kind: undefined, to: addDays(today, -1), sort: '-date', after: undefined, limit: 50 })
    expect(query()).toEqual({ when: 'past' })
    expect(wrapper.text()).toContain('还没有已举行的活动')
  })

  it('lists a range of dates from the address in date order, and clearing goes back to upcoming', async () => {
    listEvents.mockResolvedValue({
      items: [{ id: 'EV-1', kind: 'lecture', title: '安全生产宣讲', date: '2026-01-05', capacity: 10, seats_taken: 0 }],
      next_after: null,
    })
    await mountAt('events', '/events?kind=lecture&from=2026-01-31&to=2026-01-01')
    // Given backwards, read the way it was meant.
    expect(listEvents).toHaveBeenLastCalledWith({ kind: 'lecture', from: '2026-01-01', to: '2026-01-31', sort: 'date', after: undefined, limit: 50 })
    expect(wrapper.find('[data-test="filter-view"] [data-view="range"] input').element.checked).toBe(true)
    expect(document.querySelector('#events-from')).toBeTruthy()
    expect(document.querySelector('#events-to')).toBeTruthy()
    expect(wrapper.find('[data-test="events-list"]').text()).toContain('安全生产宣讲')
    await wrapper.find('[data-test="clear-filters"]').trigger('click')
    await settle()
    expect(listEvents).toHaveBeenLastCalledWith({ kind: undefined, from: today, sort: 'date', after: undefined, limit: 50 })
    expect(query()).toEqual({})
    expect(document.querySelector('#events-from')).toBeNull()
  })
})

describe('a studio’s members', () => {
  const S = {
    id: 'ST-1', name: '王建国劳模创新工作室', org_id: 'sc', lead_id: 'C-001', lead_name: '王建国', member_ids: ['C-001', 'C-002', 'C-009'],
    members: [{ id: 'C-001', name: '王建国' }, { id: 'C-002', name: '李秀英' }, { id: 'C-009' }],
    result_ids: ['R-1'], alliance_ids: [], version: 2,
  }
  const member = (id) => wrapper.find(`[data-test="studio-member"][data-member="${id}"]`)

  it('shows staff the names the API gives, linking to each craftsman, and an id where the name is withheld', async () => {
    programmes.getStudio.mockResolvedValue(S)
    await mountAt('studio', '/studios/ST-1', { id: 'ST-1' })
    expect(member('C-001').text()).toContain('王建国')
    expect(member('C-001').text()).toContain('领衔工匠')
    expect(member('C-002').findComponent(RouterLinkStub).props('to')).toEqual({ name: 'craftsman', params: { id: 'C-002' } })
    expect(member('C-002').text()).toBe('李秀英')
    expect(member('C-009').findComponent(RouterLinkStub).exists()).toBe(false)
    expect(member('C-009').find('[data-test="member-hidden"]').text()).toContain('C-009')
    // Names come with the studio: no craftsman is read one by one.
    expect(getRecord.mock.calls.filter(([kind]) => kind === 'craftsmen')).toEqual([])
  })

  it('titles its results as the API gives them, the id where a title is withheld, reading none one by one', async () => {
    programmes.getStudio.mockResolvedValue({ ...S, result_ids: ['R-1', 'R-2'], results: [{ id: 'R-1', title: '焊缝气孔控制法' }, { id: 'R-2' }] })
    await mountAt('studio', '/studios/ST-1', { id: 'ST-1' })
    const items = wrapper.findAll('[data-test="studio-result"]')
    expect(items.map((i) => i.text())).toEqual(['焊缝气孔控制法', 'R-2'])
    expect(items[0].findComponent(RouterLinkStub).props('to')).toEqual({ name: 'result', params: { id: 'R-1' } })
    expect(getRecord.mock.calls.filter(([kind]) => kind === 'results')).toEqual([])
  })

  it('gives a craftsman the names without links, as craftsmen’s pages are for staff', async () => {
    user.value = { role: 'craftsman', craftsman_id: 'C-002' }
    programmes.getStudio.mockResolvedValue({ ...S, members: [{ id: 'C-001', name: '王建国' }, { id: 'C-002', name: '李秀英' }, { id: 'C-009' }] })
    await mountAt('studio', '/studios/ST-1', { id: 'ST-1' })
    expect(member('C-002').text()).toBe('李秀英')
    expect(wrapper.find('[data-test="studio-members"]').findAllComponents(RouterLinkStub)).toHaveLength(0)
    expect(member('C-009').text()).toContain('C-009')
  })
})

// 批量派单 with the API mocked: the needs ticked in the inbox are proposed,
// both plans are shown need by need with the differences marked, a need can
// be left out, one plan is confirmed, and a plan confirmed before (409)
// says so instead of failing quietly. Picked needs no longer open, which the
// server leaves out (`skipped`), are named with the reason. The plan's id goes
// into the address and the page reads the stored plan back by id, with the
// titles and names it carries: a reload or a shared link shows the same plan,
// a confirmed one as confirmed.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, RouterLinkStub } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import { ApiError } from '../../src/api/client.js'

vi.mock('../../src/api/dispatch.js', () => ({ proposeDispatch: vi.fn(), confirmDispatch: vi.fn(), getDispatch: vi.fn() }))
vi.mock('../../src/api/records.js', () => ({ listRecords: vi.fn(), getRecord: vi.fn() }))
vi.mock('../../src/api/matching.js', () => ({ getNeedMatches: vi.fn(), getResultMatches: vi.fn(), listDuplicateNeeds: vi.fn() }))
vi.mock('../../src/api/engagements.js', async (importOriginal) => ({ ...(await importOriginal()), getEngagement: vi.fn() }))

const { proposeDispatch, confirmDispatch, getDispatch } = await import('../../src/api/dispatch.js')
const { listRecords } = await import('../../src/api/records.js')
const { getNeedMatches } = await import('../../src/api/matching.js')
const { getEngagement } = await import('../../src/api/engagements.js')
const { default: BatchDispatchPage } = await import('../../src/pages/dispatch/BatchDispatchPage.vue')

const PLAN = {
  plan_id: 'P1',
  optimal: {
    assignments: [
      { need_id: 'N-PLC', craftsman_ids: ['C-PLC-02'], lead_id: 'C-PLC-02', score: 0.4543 },
      { need_id: 'N-VFD', craftsman_ids: ['C-PLC-01'], lead_id: 'C-PLC-01', score: 0.7614 },
    ],
    unserved: [],
    total_score: 1.2157,
    needs_served: 2,
  },
  greedy: {
    assignments: [{ need_id: 'N-PLC', craftsman_ids: ['C-PLC-01'], lead_id: 'C-PLC-01', score: 0.8085 }],
    unserved: [{ need_id: 'N-VFD', reason: 'no_capacity', reason_label: '名额已满', detail: '候选工匠本月名额已满' }],
    total_score: 0.8085,
    needs_served: 1,
  },
}
// POST /dispatch and GET /dispatch/{id}: the plan as stored, with titles and names.
const TITLES = { 'N-PLC': '包装线PLC报错停机', 'N-VFD': '风机变频器过流跳闸' }
const NAMES = { 'C-PLC-01': '赵电工', 'C-PLC-02': '钱自控' }
const named = (plan) => ({
  ...plan,
  assignments: plan.assignments.map((a) => ({
    ...a,
    need_title: TITLES[a.need_id],
    craftsmen: a.craftsman_ids.map((id) => ({ id, name: NAMES[id] })),
    lead_name: NAMES[a.lead_id],
  })),
  unserved: plan.unserved.map((u) => ({ ...u, need_title: TITLES[u.need_id] })),
})
const STORED = { ...PLAN, state: 'proposed', optimal: named(PLAN.optimal), greedy: named(PLAN.greedy), skipped: [] }
const NEEDS = [
  { id: 'N-PLC', title: '包装线PLC报错停机', enterprise_id: 'E-1' },
  { id: 'N-VFD', title: '风机变频器过流跳闸', enterprise_id: 'E-2' },
]
const matchesOf = (needId) => ({
  need_id: needId,
  confidence: 'high',
  matches: [
    { craftsman_id: 'C-PLC-01', name: '赵电工', score: 0.8, reasons: [{ type: 'skill', label: 'PLC编程与调试', match: 'exact' }] },
    { craftsman_id: 'C-PLC-02', name: '钱自控', score: 0.45, reasons: [{ type: 'region', label: '同区县' }] },
  ],
  results: [],
})

let wrapper
let router
async function mountPage(query = '?needs=N-PLC,N-VFD') {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/dispatch', name: 'dispatch', component: BatchDispatchPage }, { path: '/:any(.*)', component: { render: () => null } }],
  })
  router.push(`/dispatch${query}`)
  await router.isReady()
  wrapper = mount(BatchDispatchPage, { attachTo: document.body, global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
  await flushPromises()
  return wrapper
}
async function propose(w) {
  await w.find('[data-test="propose"]').trigger('click')
  await flushPromises()
}
const row = (w, needId) => w.find(`[data-test="plan-row"][data-need="${needId}"]`)

beforeEach(() => {
  proposeDispatch.mockReset().mockResolvedValue(STORED)
  confirmDispatch.mockReset()
  getDispatch.mockReset().mockImplementation(async (id) => ({ ...STORED, plan_id: id }))
  listRecords.mockReset().mockResolvedValue({ items: NEEDS, next_after: null })
  getNeedMatches.mockReset().mockImplementation(async (id) => matchesOf(id))
  getEngagement.mockReset().mockImplementation(async (id) => ({ id, need_id: id.slice(2, -2), need_title: '包装线PLC报错停机', state: 'dispatched', members: [] }))
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('批量派单', () => {
  it('proposes the needs ticked in the inbox and shows both plans need by need', async () => {
    const w = await mountPage()
    expect(w.find('[data-test="selected-needs"]').text()).toContain('包装线PLC报错停机')
    await propose(w)
    expect(proposeDispatch).toHaveBeenCalledWith({ need_ids: ['N-PLC', 'N-VFD'], load_balancing: false })
    // The answer names what the page shows, so nothing is read back; the
    // plan's id is kept in the address, beside the needs.
    expect(getDispatch).not.toHaveBeenCalled()
    expect(router.currentRoute.value.query).toEqual({ needs: 'N-PLC,N-VFD', plan: 'P1' })

    const plc = row(w, 'N-PLC')
    expect(plc.text()).toContain('包装线PLC报错停机')
    expect(plc.find('[data-test="differs"]').exists()).toBe(true)
    expect(plc.find('[data-plan="optimal"] [data-test="plan-craftsman"]').text()).toContain('钱自控')
    expect(plc.find('[data-plan="optimal"] [data-test="plan-score"]').text()).toContain('0.45')
    expect(plc.find('[data-plan="greedy"] [data-test="plan-craftsman"]').text()).toContain('赵电工')
    // The reasons are the matcher's, for the craftsman each plan sends.
    expect(plc.find('[data-plan="greedy"] [data-reason="skill"]').text()).toBe('PLC编程与调试')
    expect(plc.find('[data-plan="optimal"] [data-reason="region"]').text()).toBe('同区县')
    expect(row(w, 'N-VFD').find('[data-plan="greedy"] [data-test="plan-unserved"]').exists()).toBe(true)
    expect(row(w, 'N-VFD').find('[data-plan="greedy"]').text()).toContain('候选工匠本月名额已满')

    const optimal = w.find('[data-test="plan-summary"][data-plan="optimal"]')
    const greedy = w.find('[data-test="plan-summary"][data-plan="greedy"]')
    expect(optimal.find('[data-test="total-score"]').text()).toContain('1.22')
    expect(optimal.find('[data-test="needs-served"]').text()).toContain('2 / 2 条')
    expect(greedy.find('[data-test="needs-unserved"]').text()).toContain('名额已满 1 条')
    expect(greedy.find('[data-test="max-load"]').text()).toContain('1 单（赵电工）')
    expect(w.find('[data-test="diff-count"]').text()).toContain('2 条需求中的 2 条安排不同')
  })

  it('confirms the chosen plan without the needs left out, then shows the engagements created', async () => {
    confirmDispatch.mockResolvedValue({ plan_id: 'P1', created: [{ need_id: 'N-PLC', engagement_id: 'G-N-PLC-1' }], failed: [] })
    const w = await mountPage()
    await propose(w)
    await row(w, 'N-VFD').find('[data-test="exclude"] input').setValue(true)
    expect(w.find('[data-test="confirm-summary"]').text()).toContain('将派出 1 项')
    expect(w.find('[data-test="plan-summary"][data-plan="optimal"] [data-test="needs-served"]').text()).toContain('1 / 1 条')
    await w.find('[data-test="confirm"]').trigger('click')
    await flushPromises()
    expect(confirmDispatch).toHaveBeenCalledWith('P1', { plan: 'optimal', exclude: ['N-VFD'] })
    const outcome = w.find('[data-test="dispatch-outcome"]')
    expect(outcome.text()).toContain('已派出 1 项助企服务')
    expect(outcome.findAll('[data-test="engagement-card"]')).toHaveLength(1)
    expect(getEngagement).toHaveBeenCalledWith('G-N-PLC-1')
    expect(w.find('[data-test="confirm"]').exists()).toBe(false)
    expect(outcome.findAllComponents(RouterLinkStub).some((l) => l.props('to').name === 'engagements')).toBe(true)
  })

  it('shows every engagement created, whatever order their answers come in', async () => {
    confirmDispatch.mockResolvedValue({
      plan_id: 'P1',
      created: [{ need_id: 'N-PLC', engagement_id: 'G-N-PLC-1' }, { need_id: 'N-VFD', engagement_id: 'G-N-VFD-1' }],
      failed: [],
    })
    getEngagement.mockImplementation(async (id) => {
      await new Promise((r) => setTimeout(r, id === 'G-N-PLC-1' ? 15 : 0)) // the first answers last
      return { id, need_id: id.slice(2, -2), need_title: id, state: 'dispatched', members: [] }
    })
    const w = await mountPage()
    await propose(w)
    await w.find('[data-test="confirm"]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 40))
    await flushPromises()
    const cards = w.findAll('[data-test="dispatch-outcome"] [data-test="engagement-card"]')
    expect(cards.map((c) => c.attributes('data-state'))).toEqual(['dispatched', 'dispatched'])
    expect(cards[0].text()).toContain('G-N-PLC-1')
  })

  it('confirms the greedy plan when chosen', async () => {
    confirmDispatch.mockResolvedValue({ plan_id: 'P1', created: [], failed: [{ need_id: 'N-PLC', message: '需求 N-PLC 已有进行中的助企服务' }] })
    const w = await mountPage()
    await propose(w)
    await w.find('[data-test="choose-plan"] [data-plan="greedy"] input').setValue(true)
    expect(w.find('[data-test="confirm"]').text()).toContain('按逐条择优方案派出 1 单')
    await w.find('[data-test="confirm"]').trigger('click')
    await flushPromises()
    expect(confirmDispatch).toHaveBeenCalledWith('P1', { plan: 'greedy', exclude: [] })
    expect(w.find('[data-test="dispatch-failed"]').text()).toContain('已有进行中的助企服务')
  })

  it('says clearly that a plan was confirmed already (409), shows how, and offers a new proposal', async () => {
    confirmDispatch.mockRejectedValue(new ApiError(409, 'conflict', '派单方案 P1 已确认过'))
    const w = await mountPage()
    await propose(w)
    // Confirmed in another tab with the greedy plan: the page reads the plan again and shows that.
    getDispatch.mockResolvedValue({
      ...STORED, state: 'confirmed', confirmed: { plan: 'greedy', exclude: ['N-VFD'], at: '2026-11-29T08:30:00Z' },
    })
    await w.find('[data-test="confirm"]').trigger('click')
    await flushPromises()
    const alert = w.find('[data-test="plan-confirmed"]')
    expect(alert.text()).toContain('这个方案已经确认过了')
    expect(alert.find('[data-test="plan-conflict"]').text()).toBe('派单方案 P1 已确认过')
    expect(alert.find('[data-test="confirmed-how"]').text()).toContain('按逐条择优方案确认')
    expect(w.find('[data-test="confirm"]').exists()).toBe(false)
    expect(row(w, 'N-PLC').find('[data-test="exclude"] input').element.disabled).toBe(true)
    expect(row(w, 'N-VFD').find('[data-test="exclude"] input').element.checked).toBe(true)

    proposeDispatch.mockResolvedValue({ ...STORED, plan_id: 'P2' })
    await alert.find('[data-test="propose-again"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.plan).toBe('P2')
    expect(w.find('[data-test="plan-confirmed"]').exists()).toBe(false)
    confirmDispatch.mockResolvedValue({ plan_id: 'P2', created: [], failed: [] })
    await w.find('[data-test="confirm"]').trigger('click')
    await flushPromises()
    expect(confirmDispatch).toHaveBeenLastCalledWith('P2', { plan: 'optimal', exclude: [] })
  })

  it('names the picked needs the server left out because they were no longer open, and why', async () => {
    listRecords.mockResolvedValue({ items: [...NEEDS, { id: 'N-OLD', title: '注塑机液压异响', enterprise_id: 'E-3' }], next_after: null })
    proposeDispatch.mockResolvedValue({ ...STORED, skipped: [{ need_id: 'N-OLD', reason: '已在服务中或已关闭' }, { need_id: 'N-GONE' }] })
    const w = await mountPage('?needs=N-PLC,N-VFD,N-OLD,N-GONE')
    expect(w.find('[data-test="skipped-needs"]').exists()).toBe(false)
    await propose(w)
    const notice = w.find('[data-test="skipped-needs"]')
    expect(notice.text()).toContain('2 条所选需求已不在待派状态，没有列入方案')
    const items = notice.findAll('[data-test="skipped-need"]')
    expect(items.map((i) => i.attributes('data-need'))).toEqual(['N-OLD', 'N-GONE'])
    // The title the server gave (here: none) or the inbox listed, else the id; the server's reason, else ours.
    expect(items[0].text()).toBe('注塑机液压异响：已在服务中或已关闭')
    expect(items[1].text()).toBe('N-GONE：已在服务中或已关闭')
    expect(items[0].findComponent(RouterLinkStub).props('to')).toEqual({ name: 'need', params: { id: 'N-OLD' } })
    // The plans below still show the needs that were planned.
    expect(row(w, 'N-PLC').exists()).toBe(true)
    expect(row(w, 'N-OLD').exists()).toBe(false)

    proposeDispatch.mockResolvedValue({ ...STORED, plan_id: 'P2', skipped: [] })
    await propose(w)
    expect(w.find('[data-test="skipped-needs"]').exists()).toBe(false)
  })

  it('proposes every open need in scope when none were ticked, and shows the server’s refusal', async () => {
    proposeDispatch.mockRejectedValue(new ApiError(409, 'conflict', '需求 N-PLC 已在服务中或已关闭'))
    const w = await mountPage('')
    expect(w.find('[data-test="selected-needs"]').exists()).toBe(false)
    await propose(w)
    expect(proposeDispatch).toHaveBeenCalledWith({ need_ids: null, load_balancing: false })
    expect(w.find('[data-test="error-message"]').text()).toBe('需求 N-PLC 已在服务中或已关闭')
    expect(w.find('[data-test="plan-rows"]').exists()).toBe(false)
  })

  it('shows the plan named in the address (a reload, a shared link) with the titles and names it carries', async () => {
    // The candidates' reasons are not available: names still come from the plan.
    getNeedMatches.mockRejectedValue(new ApiError(503, 'unavailable', '匹配服务尚未就绪'))
    const w = await mountPage('?plan=P7')
    expect(getDispatch).toHaveBeenCalledWith('P7')
    expect(proposeDispatch).not.toHaveBeenCalled()
    expect(listRecords).not.toHaveBeenCalled()
    expect(w.find('[data-test="batch-confirm"]').attributes('data-plan-id')).toBe('P7')
    const plc = row(w, 'N-PLC')
    expect(plc.text()).toContain('包装线PLC报错停机')
    expect(plc.find('[data-plan="optimal"] [data-test="plan-craftsman"]').text()).toContain('钱自控')
    expect(plc.find('[data-plan="greedy"] [data-test="plan-craftsman"]').text()).toContain('赵电工')
    expect(plc.find('[data-plan="greedy"]').text()).toContain('推荐理由暂时读取不到')
    expect(w.find('[data-test="plan-summary"][data-plan="greedy"] [data-test="max-load"]').text()).toContain('1 单（赵电工）')
    expect(w.find('[data-test="confirm"]').exists()).toBe(true)
  })

  it('shows a confirmed plan as confirmed: the choice made, no second confirm button, no reasons asked for', async () => {
    getDispatch.mockResolvedValue({
      ...STORED, plan_id: 'P7', state: 'confirmed',
      confirmed: {
        plan: 'greedy', exclude: ['N-VFD'], at: '2026-11-29T08:30:00Z', created: [{ need_id: 'N-PLC', engagement_id: 'G-N-PLC-1' }],
        failed: [{ need_id: 'N-WELD', message: '需求 N-WELD 已关闭' }],
      },
      optimal: { ...STORED.optimal, assignments: STORED.optimal.assignments.map((a) => ({ ...a, enterprise_name: '精工机械' })) },
    })
    const w = await mountPage('?plan=P7')
    const notice = w.find('[data-test="plan-confirmed"]')
    // The engagements it created, each a link; each need's enterprise beside it.
    const created = notice.find('[data-test="confirmed-created"]')
    expect(created.text()).toContain('G-N-PLC-1')
    expect(created.findComponent(RouterLinkStub).props('to')).toEqual({ name: 'engagement', params: { id: 'G-N-PLC-1' } })
    expect(row(w, 'N-PLC').find('[data-test="plan-enterprise"]').text()).toContain('精工机械')
    // And the needs it could not dispatch, with the server's reason, each a link.
    const failed = notice.find('[data-test="confirmed-failed"]')
    expect(failed.text()).toContain('1')
    expect(failed.text()).toContain('需求 N-WELD 已关闭')
    expect(failed.findComponent(RouterLinkStub).props('to')).toEqual({ name: 'need', params: { id: 'N-WELD' } })
    expect(notice.find('[data-test="confirmed-how"]').text()).toContain('按逐条择优方案确认')
    expect(notice.find('[data-test="confirmed-how"]').text()).toContain('1 条需求保持待派')
    expect(notice.find('[data-test="plan-conflict"]').exists()).toBe(false)
    expect(w.find('[data-test="confirm"]').exists()).toBe(false)
    expect(w.find('[data-test="choose-plan"]').exists()).toBe(false)
    expect(w.find('[data-test="plan-summary"][data-plan="greedy"]').text()).toContain('已选用')
    expect(row(w, 'N-VFD').find('[data-test="exclude"] input').element.checked).toBe(true)
    expect(row(w, 'N-PLC').find('[data-test="exclude"] input').element.disabled).toBe(true)
    expect(getNeedMatches).not.toHaveBeenCalled()
  })

  it('says when the plan in the address cannot be opened, and a new proposal still works', async () => {
    getDispatch.mockRejectedValueOnce(new ApiError(404, 'not_found', '没有找到派单方案 P9'))
    const w = await mountPage('?needs=N-PLC,N-VFD&plan=P9')
    expect(w.find('[data-test="plan-not-found"]').text()).toContain('没有找到这个派单方案')
    expect(w.find('[data-test="plan-rows"]').exists()).toBe(false)
    await propose(w)
    expect(w.find('[data-test="plan-not-found"]').exists()).toBe(false)
    expect(router.currentRoute.value.query.plan).toBe('P1')
    expect(row(w, 'N-PLC').exists()).toBe(true)
  })
})

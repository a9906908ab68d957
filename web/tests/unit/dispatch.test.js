// 派单 from the 候选工匠 panel with the API mocked: one click per candidate,
// a squad with a lead, the override-reason dialog the server asks for, and
// no dispatch while the need has a running engagement.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, RouterLinkStub } from '@vue/test-utils'
import { ApiError } from '../../src/api/client.js'

vi.mock('../../src/store/session.js', () => ({ session: { user: { role: 'staff', org_id: 'sc' } } }))
vi.mock('../../src/api/matching.js', () => ({ getNeedMatches: vi.fn(), getResultMatches: vi.fn(), listDuplicateNeeds: vi.fn() }))
vi.mock('../../src/api/engagements.js', async (importOriginal) => ({ ...(await importOriginal()), createEngagement: vi.fn() }))

const { getNeedMatches } = await import('../../src/api/matching.js')
const { createEngagement } = await import('../../src/api/engagements.js')
const { default: NeedMatchesPanel } = await import('../../src/pages/needs/NeedMatchesPanel.vue')

const NEED = { id: 'N-WELD-001', title: '储罐焊缝气孔多', status: 'open' }
const ANSWER = {
  need_id: 'N-WELD-001',
  confidence: 'high',
  need_skills: [],
  matches: [
    { craftsman_id: 'C-004', name: '雷振川', score: 0.83, reasons: [] },
    { craftsman_id: 'C-001', name: '王建国', score: 0.5, reasons: [] },
    { craftsman_id: 'C-003', name: '张伟', score: 0.41, reasons: [] },
  ],
  results: [],
}
const CREATED = { id: 'G-N-WELD-001-1', state: 'dispatched', members: [{ id: 'C-004', name: '雷振川', lead: true }] }

let wrapper
async function mountPanel(props = {}) {
  wrapper = mount(NeedMatchesPanel, {
    props: { need: NEED, ...props },
    attachTo: document.body,
    global: { stubs: { RouterLink: RouterLinkStub } },
  })
  await flushPromises()
  return wrapper
}

beforeEach(() => {
  getNeedMatches.mockReset().mockResolvedValue(ANSWER)
  createEngagement.mockReset()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('派单', () => {
  it('dispatches one candidate in one click', async () => {
    createEngagement.mockResolvedValue(CREATED)
    const w = await mountPanel()
    const buttons = w.findAll('[data-test="dispatch"]')
    expect(buttons).toHaveLength(3)
    expect(buttons[0].attributes('aria-label')).toBe('派单给 雷振川')
    await buttons[0].trigger('click')
    await flushPromises()
    expect(createEngagement).toHaveBeenCalledWith({ need_id: 'N-WELD-001', craftsman_ids: ['C-004'], lead_id: 'C-004' })
    expect(w.emitted('dispatched')[0][0]).toEqual(CREATED)
  })

  it('asks for the reason the server wants when the pick is not its first choice', async () => {
    createEngagement.mockRejectedValueOnce(
      new ApiError(400, 'invalid_argument', '所选工匠不是系统首选推荐 雷振川（C-004），请填写改派理由', 'override_reason'),
    )
    const w = await mountPanel()
    await w.findAll('[data-test="dispatch"]')[1].trigger('click')
    await flushPromises()
    expect(document.body.querySelector('[data-test="override-message"]').textContent).toContain('所选工匠不是系统首选推荐 雷振川')
    expect(document.body.querySelector('label[for="override-reason"]').textContent).toBe('改派理由')
    expect(w.emitted('dispatched')).toBeUndefined()

    // An empty reason is not sent.
    document.body.querySelector('.override-form').dispatchEvent(new Event('submit', { cancelable: true }))
    await flushPromises()
    expect(document.body.querySelector('#override-error').textContent).toBe('请填写改派理由')
    expect(createEngagement).toHaveBeenCalledTimes(1)

    createEngagement.mockResolvedValueOnce({ ...CREATED, members: [{ id: 'C-001', name: '王建国', lead: true }] })
    const textarea = document.body.querySelector('#override-reason')
    textarea.value = '雷振川本月在外地'
    textarea.dispatchEvent(new Event('input'))
    await flushPromises()
    document.body.querySelector('.override-form').dispatchEvent(new Event('submit', { cancelable: true }))
    await flushPromises()
    expect(createEngagement).toHaveBeenLastCalledWith({
      need_id: 'N-WELD-001',
      craftsman_ids: ['C-001'],
      lead_id: 'C-001',
      override_reason: '雷振川本月在外地',
    })
    expect(w.emitted('dispatched')).toHaveLength(1)
  })

  it('dispatches a squad with the lead chosen, lead first', async () => {
    createEngagement.mockResolvedValue(CREATED)
    const w = await mountPanel()
    const picks = w.findAll('[data-test="pick"] input')
    await picks[1].setValue(true)
    await picks[0].setValue(true)
    expect(w.find('[data-test="squad"]').text()).toContain('已选 2 人：王建国、雷振川')
    // The first ticked leads unless changed.
    expect(w.vm.lead ?? w.findComponent({ name: 'ElSelect' }).props('modelValue')).toBe('C-001')
    w.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 'C-004')
    await flushPromises()
    await w.find('[data-test="dispatch-squad"]').trigger('click')
    await flushPromises()
    expect(createEngagement).toHaveBeenCalledWith({ need_id: 'N-WELD-001', craftsman_ids: ['C-004', 'C-001'], lead_id: 'C-004' })
  })

  it('shows the server message when the need cannot be dispatched, and asks the page to reload', async () => {
    createEngagement.mockRejectedValue(new ApiError(409, 'conflict', '需求 N-WELD-001 已有进行中的助企服务 G-N-WELD-001-1'))
    const w = await mountPanel()
    await w.find('[data-test="dispatch"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test="error-message"]').text()).toContain('已有进行中的助企服务')
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('offers no dispatch while an engagement is running, and links to it', async () => {
    const w = await mountPanel({ activeEngagement: { id: 'G-N-WELD-001-1', state: 'accepted' } })
    expect(w.find('[data-test="dispatch"]').exists()).toBe(false)
    expect(w.find('[data-test="dispatch-busy"]').text()).toContain('已有进行中的助企服务')
    expect(w.find('[data-test="dispatch-busy"]').findComponent(RouterLinkStub).props('to')).toEqual({
      name: 'engagement',
      params: { id: 'G-N-WELD-001-1' },
    })
  })

  it('offers no dispatch on a closed need', async () => {
    const w = await mountPanel({ need: { ...NEED, status: 'closed' } })
    expect(w.find('[data-test="dispatch"]').exists()).toBe(false)
  })
})

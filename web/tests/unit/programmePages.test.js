// The programme pages with the API mocked: the create dialog shows the
// server's message under the field it names and an overlap above the form;
// 结对 on a suggestion creates that mentorship in one click; a renewal that
// lost a race (409) is said in words and the agreement read again.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, RouterLinkStub } from '@vue/test-utils'
import { ApiError } from '../../src/api/client.js'

vi.mock('../../src/store/session.js', () => ({ session: { user: { role: 'staff', org_id: 'sc' } } }))
vi.mock('../../src/api/programmes.js', () => ({
  createAgreement: vi.fn(),
  getAgreement: vi.fn(),
  renewAgreement: vi.fn(),
  endAgreement: vi.fn(),
  createMentorship: vi.fn(),
  listStudios: vi.fn(async () => ({ items: [] })),
}))
vi.mock('vue-router', async (importOriginal) => ({ ...(await importOriginal()), useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }))

const api = await import('../../src/api/programmes.js')
const { default: AgreementCreateDialog } = await import('../../src/pages/agreements/AgreementCreateDialog.vue')
const { default: AgreementPage } = await import('../../src/pages/agreements/AgreementPage.vue')
const { default: SuggestionResults } = await import('../../src/pages/mentorships/SuggestionResults.vue')

let wrapper
const stubs = { RouterLink: RouterLinkStub }
const body = () => document.body
async function mountIt(component, props) {
  wrapper = mount(component, { props, attachTo: document.body, global: { stubs } })
  await flushPromises()
  return wrapper
}
function setInput(selector, value) {
  const el = body().querySelector(selector)
  el.value = value
  el.dispatchEvent(new Event('input'))
}
async function submit(selector) {
  body().querySelector(selector).dispatchEvent(new Event('submit', { cancelable: true }))
  await settle()
}
// The validator answers over several ticks, and a form item shows its
// message 100 ms after its state turns to error (Element Plus debounces it).
async function settle() {
  for (let i = 0; i < 4; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 40))
  }
}

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset?.()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('新建长期协议', () => {
  const props = {
    modelValue: true,
    preset: { enterprise_id: 'E-CD-001', craftsman_id: 'C-001' },
    known: [{ id: 'E-CD-001', name: '成都精工机械有限公司' }, { id: 'C-001', name: '王建国' }],
  }
  async function filled() {
    await mountIt(AgreementCreateDialog, props)
    setInput('#ag-scope', '每月一次数控车削指导')
    setInput('#ag-visits', '12')
    await flushPromises()
  }

  it('checks live and sends nothing while a field is missing', async () => {
    await mountIt(AgreementCreateDialog, props)
    await submit('[data-test="agreement-form"]')
    await vi.waitFor(() => {
      expect(body().textContent).toContain('请填写服务内容')
      expect(body().textContent).toContain('请填写计划走访次数')
    })
    expect(api.createAgreement).not.toHaveBeenCalled()
  })

  it('shows the server’s message under the field it names', async () => {
    api.createAgreement.mockRejectedValueOnce(new ApiError(400, 'invalid_argument', '结束日期不能早于开始日期', 'end'))
    await filled()
    await submit('[data-test="agreement-form"]')
    expect(api.createAgreement).toHaveBeenCalledWith(expect.objectContaining({ enterprise_id: 'E-CD-001', craftsman_id: 'C-001', planned_visits: 12 }))
    const item = body().querySelector('#ag-end').closest('.el-form-item')
    await vi.waitFor(() => expect(item.querySelector('.el-form-item__error')?.textContent).toContain('结束日期不能早于开始日期'))
    expect(body().querySelector('[data-test="agreement-create-error"]')).toBeNull()
  })

  it('shows an overlapping agreement above the form, and a signed one goes to the page', async () => {
    api.createAgreement.mockRejectedValueOnce(new ApiError(409, 'conflict', '双方已有期限重叠的有效协议 AG-1（2026-01-01 至 2026-12-31）；请续签或先终止它'))
    await filled()
    await submit('[data-test="agreement-form"]')
    await vi.waitFor(() =>
      expect(body().querySelector('[data-test="agreement-create-error"]')?.textContent).toContain('双方已有期限重叠的有效协议 AG-1'),
    )

    api.createAgreement.mockResolvedValueOnce({ id: 'AG-2', state: 'active' })
    await submit('[data-test="agreement-form"]')
    await vi.waitFor(() => expect(wrapper.emitted('created')?.[0]?.[0]).toEqual({ id: 'AG-2', state: 'active' }))
    expect(wrapper.emitted('update:modelValue').at(-1)).toEqual([false])
  })
})

describe('协议详情', () => {
  const A = {
    id: 'AG-1', state: 'active', state_name: '有效', enterprise_id: 'E-CD-001', enterprise_name: '成都精工机械有限公司',
    party_kind: 'craftsman', craftsman_id: 'C-001', party_name: '王建国', start: '2026-01-01', end: '2026-12-31',
    scope: '数控', planned_visits: 6, visits_done: 2, visits_remaining: 4, version: 1,
  }

  it('says when someone renewed first, and reads the agreement again', async () => {
    api.getAgreement.mockResolvedValueOnce(A).mockResolvedValueOnce({ ...A, state: 'renewed', state_name: '已续签', renewed_to: 'AG-2', version: 2 })
    api.renewAgreement.mockRejectedValueOnce(new ApiError(409, 'conflict', '协议 AG-1 已被他人更新（当前版本 2），请刷新后再操作'))
    await mountIt(AgreementPage, { id: 'AG-1' })
    expect(body().querySelector('[data-test="visits-text"]').textContent).toBe('已走访 2 / 计划 6 次')
    await wrapper.find('[data-test="agreement-renew"]').trigger('click')
    await flushPromises()
    await submit('[data-test="renew-form"]')
    expect(api.renewAgreement).toHaveBeenCalledWith(A, { end: '2027-12-31', planned_visits: 6 })
    expect(body().querySelector('[data-test="agreement-conflict"]').textContent).toContain('已被他人更新（当前版本 2）')
    expect(api.getAgreement).toHaveBeenCalledTimes(2)
    expect(body().querySelector('[data-test="agreement-state"]').textContent).toContain('已续签')
    expect(body().querySelector('[data-test="agreement-renew"]')).toBeNull()
  })
})

describe('结对建议', () => {
  const answer = {
    masters_considered: 3,
    mentorships: [
      { apprentice_id: 'outside-1', apprentice_name: '赵小龙', master_id: 'C-001', master_name: '王建国', score: 0.88,
        reasons: ['共同技能：数控车削（1/1）', '地区：同城市', '师傅可带徒 2 名，在带 0 名'] },
      { apprentice_id: 'C-003', apprentice_name: '张伟', master_id: 'C-004', master_name: '雷振川', score: 0.7, reasons: ['共同技能：焊接（1/1）'] },
    ],
    unmatched: [{ apprentice_id: 'C-002', apprentice_name: '李秀英', reason: '没有技能相符且尚有带徒名额的师傅' }],
  }
  const props = { answer, outsideById: { 'outside-1': { name: '赵小龙', employer: '成都精工', skills: '数控车削' } }, start: '2026-11-29' }

  it('shows each pair with its score and reasons, and the apprentices left over', async () => {
    await mountIt(SuggestionResults, props)
    const rows = wrapper.findAll('[data-test="suggestion"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('王建国 带徒 赵小龙')
    expect(rows[0].find('[role="meter"]').attributes('aria-valuenow')).toBe('88')
    expect(rows[0].text()).toContain('共同技能：数控车削（1/1）')
    expect(wrapper.find('[data-test="unmatched"]').text()).toContain('李秀英')
  })

  it('creates the mentorship in one click and links to it', async () => {
    api.createMentorship.mockResolvedValueOnce({ id: 'MS-1', state: 'active' })
    await mountIt(SuggestionResults, props)
    await wrapper.findAll('[data-test="pair-create"]')[0].trigger('click')
    await flushPromises()
    expect(api.createMentorship).toHaveBeenCalledWith({
      master_id: 'C-001',
      apprentice: { name: '赵小龙', employer: '成都精工' },
      goals: '跟随王建国学习数控车削，一年内能独立解决相关技术问题',
      start: '2026-11-29',
    })
    expect(wrapper.emitted('created')[0][0].id).toBe('MS-1')
    const row = wrapper.findAll('[data-test="suggestion"]')[0]
    expect(row.find('[data-test="paired-link"]').exists()).toBe(true)
    expect(row.find('[data-test="pair-create"]').exists()).toBe(false)
  })

  it('keeps a refused pair’s message on its own row', async () => {
    api.createMentorship.mockRejectedValueOnce(new ApiError(409, 'conflict', '师傅 雷振川 的带徒名额已满（2 名）'))
    await mountIt(SuggestionResults, props)
    await wrapper.findAll('[data-test="pair-create"]')[1].trigger('click')
    await flushPromises()
    const rows = wrapper.findAll('[data-test="suggestion"]')
    expect(rows[1].find('[data-test="pair-error"]').text()).toBe('师傅 雷振川 的带徒名额已满（2 名）')
    expect(rows[0].find('[data-test="pair-error"]').exists()).toBe(false)
    expect(rows[1].find('[data-test="pair-create"]').exists()).toBe(true)
  })
})

// The shared dialogs with the API mocked. ReasonDialog (提前终止, 结业, 取消活动):
// nothing is sent until the text passes its check; the text goes trimmed;
// a refusal naming the field shows under it, anything else above the form;
// a 409 goes to the page when the write carried a version, else it stays
// in the dialog. Opening again starts afresh. Then the pages that use them:
// 结业 that lost a race says so and reads the pair again, 取消活动 sends the
// reason with the version read, says it worked and shows the event as
// cancelled, and a 404 shows the not-found page.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { ApiError } from '../../src/api/client.js'
import { body, itemOf, settle, submit, type, until } from './support/dom.js'

vi.mock('../../src/store/session.js', () => ({ session: { user: { role: 'staff', org_id: 'sc' } } }))
vi.mock('../../src/api/programmes.js', () => ({ getMentorship: vi.fn(), completeMentorship: vi.fn(), addMentorshipNote: vi.fn() }))
vi.mock('../../src/api/events.js', async (importOriginal) => ({ ...(await importOriginal()), getEvent: vi.fn(), cancelEvent: vi.fn() }))
vi.mock('../../src/api/records.js', () => ({ listRecords: vi.fn(async () => ({ items: [] })), getRecord: vi.fn() }))

const programmes = await import('../../src/api/programmes.js')
const events = await import('../../src/api/events.js')
const { default: ReasonDialog } = await import('../../src/components/ReasonDialog.vue')
const { default: MentorshipPage } = await import('../../src/pages/mentorships/MentorshipPage.vue')
const { default: EventPage } = await import('../../src/pages/events/EventPage.vue')

vi.setConfig({ testTimeout: 30000 })
let wrapper


beforeEach(() => {
  for (const api of [programmes, events]) for (const fn of Object.values(api)) fn.mockReset?.()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('ReasonDialog', () => {
  const send = vi.fn()
  const props = (more = {}) => ({
    modelValue: true,
    title: '提前终止协议',
    label: '终止原因',
    maxlength: 500,
    check: (v) => (v.trim() ? '' : 'agreements.errors.reasonRequired'),
    send,
    inputId: 'r-text',
    submitLabel: '确认终止',
    formTest: 'r-form',
    errorTest: 'r-error',
    ...more,
  })
  beforeEach(() => send.mockReset())
  const mountIt = async (more) => {
    wrapper = mount(ReasonDialog, { props: props(more), attachTo: document.body })
    await settle()
  }

  it('sends nothing without a reason, then the reason trimmed, and closes with the answer', async () => {
    await mountIt()
    await submit('[data-test="r-form"]')
    await until(() => expect(itemOf('r-text').textContent).toContain('请填写终止原因'))
    expect(send).not.toHaveBeenCalled()

    send.mockResolvedValueOnce({ id: 'AG-1', state: 'ended' })
    type('#r-text', '  企业搬迁  ')
    await submit('[data-test="r-form"]')
    expect(send).toHaveBeenCalledWith('企业搬迁')
    expect(wrapper.emitted('update:modelValue').at(-1)).toEqual([false])
    expect(wrapper.emitted('done')[0][0]).toEqual({ id: 'AG-1', state: 'ended' })
  })

  it('shows a refusal naming the field under it, and another one above the form', async () => {
    await mountIt()
    type('#r-text', '企业搬迁')
    send.mockRejectedValueOnce(new ApiError(400, 'invalid_argument', '原因过长', 'reason'))
    await submit('[data-test="r-form"]')
    await until(() => expect(itemOf('r-text').querySelector('.el-form-item__error')?.textContent).toContain('原因过长'))
    expect(body().querySelector('[data-test="r-error"]')).toBeNull()

    send.mockRejectedValueOnce(new ApiError(403, 'forbidden', '只有工会工作人员可以终止协议'))
    await submit('[data-test="r-form"]')
    await until(() => expect(body().querySelector('[data-test="r-error"]')?.textContent).toContain('只有工会工作人员可以终止协议'))
    expect(wrapper.emitted('done')).toBeUndefined()
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })

  it('hands a 409 to the page when the write carried a version, and keeps it otherwise', async () => {
    await mountIt({ conflictsToPage: true })
    type('#r-text', '企业搬迁')
    const stale = new ApiError(409, 'conflict', '协议 AG-1 已被他人更新（当前版本 2），请刷新后再操作')
    send.mockRejectedValueOnce(stale)
    await submit('[data-test="r-form"]')
    expect(wrapper.emitted('conflict')[0][0]).toBe(stale)
    expect(wrapper.emitted('update:modelValue').at(-1)).toEqual([false])
    wrapper.unmount()

    await mountIt()
    type('#r-text', '企业搬迁')
    send.mockRejectedValueOnce(new ApiError(409, 'conflict', '已登记出席，不能取消'))
    await submit('[data-test="r-form"]')
    await until(() => expect(body().querySelector('[data-test="r-error"]')?.textContent).toContain('已登记出席，不能取消'))
    expect(wrapper.emitted('conflict')).toBeUndefined()
  })

  it('starts afresh when opened again', async () => {
    await mountIt()
    type('#r-text', '企业搬迁')
    send.mockRejectedValueOnce(new ApiError(500, 'internal', '出错了'))
    await submit('[data-test="r-form"]')
    await until(() => expect(body().querySelector('[data-test="r-error"]')).toBeTruthy())
    await wrapper.setProps({ modelValue: false })
    await wrapper.setProps({ modelValue: true })
    await settle()
    expect(body().querySelector('[data-test="r-error"]')).toBeNull()
    expect(body().querySelector('#r-text').value).toBe('')
  })
})

describe('pages with a reason to give', () => {
  const stubs = { RouterLink: RouterLinkStub }
  const M = {
    id: 'MS-1', state: 'active', state_name: '进行中', master_id: 'C-001', master_name: '王建国', apprentice_id: 'C-003',
    apprentice_name: '张伟', goals: '数控车削', start: '2026-01-01', notes: [], your_role: 'staff', can_complete: true, version: 4,
  }

  it('结业 that lost a race says so in words and reads the pair again', async () => {
    programmes.getMentorship.mockResolvedValueOnce(M).mockResolvedValueOnce({ ...M, state: 'completed', state_name: '已结业', version: 5 })
    programmes.completeMentorship.mockRejectedValueOnce(new ApiError(409, 'conflict', '师徒结对 MS-1 已结业'))
    wrapper = mount(MentorshipPage, { props: { id: 'MS-1' }, attachTo: document.body, global: { stubs } })
    await settle()
    await wrapper.find('[data-test="mentorship-complete"]').trigger('click')
    await settle()
    type('#complete-summary', '能独立完成数控车削')
    await submit('[data-test="complete-form"]')
    expect(programmes.completeMentorship).toHaveBeenCalledWith(M, '能独立完成数控车削')
    await until(() => expect(body().querySelector('[data-test="mentorship-conflict"]')?.textContent).toContain('师徒结对 MS-1 已结业'))
    expect(programmes.getMentorship).toHaveBeenCalledTimes(2)
    expect(body().querySelector('[data-test="mentorship-state"]').textContent).toContain('已结业')
    expect(body().querySelector('[data-test="mentorship-complete"]')).toBeNull()
  })

  it('取消活动 sends the reason with the version read and shows the event cancelled', async () => {
    const E = { id: 'EV-1', org_id: 'sc', kind: 'lecture', title: '安全生产宣讲', date: '2999-05-20', capacity: 10, seats_taken: 3,
      version: 7, can_edit: true, state: 'scheduled', registrations: [] }
    events.getEvent.mockResolvedValueOnce(E)
    events.cancelEvent.mockResolvedValueOnce({ ...E, state: 'cancelled', cancel_reason: '场地检修', version: 8 })
    wrapper = mount(EventPage, { props: { id: 'EV-1' }, attachTo: document.body, global: { stubs } })
    await settle()
    await wrapper.find('[data-test="event-cancel"]').trigger('click')
    await settle()
    expect(body().textContent).toContain('3 人次名额')
    await submit('[data-test="event-cancel-form"]')
    await until(() => expect(itemOf('event-cancel-reason').textContent).toContain('请填写取消原因'))
    expect(events.cancelEvent).not.toHaveBeenCalled()
    type('#event-cancel-reason', '场地检修')
    await submit('[data-test="event-cancel-form"]')
    expect(events.cancelEvent).toHaveBeenCalledWith('EV-1', { reason: '场地检修', version: 7 })
    await until(() => expect(body().querySelector('[data-test="event-cancelled"]')).toBeTruthy())
    await until(() => expect(body().querySelector('.el-message')?.textContent).toContain('活动已取消，已通知报名者'))
    expect(body().querySelector('[data-test="event-cancel"]')).toBeNull()
  })

  it('shows the not-found page when the API answers 404', async () => {
    events.getEvent.mockRejectedValueOnce(new ApiError(404, 'not_found', '没有找到活动 EV-9'))
    wrapper = mount(EventPage, { props: { id: 'EV-9' }, attachTo: document.body, global: { stubs } })
    await settle()
    expect(body().querySelector('[data-test="not-found"]').textContent).toContain('没有找到活动 EV-9')
    expect(body().querySelector('[data-test="reload-event"]')).toBeNull()
  })
})

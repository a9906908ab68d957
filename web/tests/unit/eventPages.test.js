// The event pages' pieces with the API mocked: the create form checks as
// the user types and puts the server's message on the field it names; a
// staff member sees every registration and the server's refusal of early
// attendance; the wishes editor sends the ticked rows and shows a refused
// wish on its row; a participant sees only their own registration.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { ApiError } from '../../src/api/client.js'

const user = { value: { role: 'staff', org_id: 'sc' } }
vi.mock('../../src/store/session.js', () => ({ session: { get user() { return user.value } } }))
vi.mock('../../src/api/events.js', async (importOriginal) => {
  const real = await importOriginal()
  return { ...real, createEvent: vi.fn(), updateEvent: vi.fn(), getEvent: vi.fn(), recordAttendance: vi.fn(), setWishes: vi.fn(), registerParticipant: vi.fn() }
})
vi.mock('../../src/api/records.js', () => ({ listRecords: vi.fn(async () => ({ items: [] })) }))

const api = await import('../../src/api/events.js')
const { default: EventFormDialog } = await import('../../src/pages/events/EventFormDialog.vue')
const { default: RegistrationsPanel } = await import('../../src/pages/events/RegistrationsPanel.vue')
const { default: WishesPanel } = await import('../../src/pages/events/WishesPanel.vue')

const EVENT = {
  id: 'EV-1', org_id: 'sc', kind: 'matchmaking', title: '川渝对接会', date: '2999-05-20', capacity: 10, seats_taken: 4,
  version: 3, can_edit: true,
  registrations: [
    { participant_kind: 'enterprise', participant_id: 'E1', name: '精工机械', seats: 3 },
    { participant_kind: 'craftsman', participant_id: 'C1', name: '王建国', seats: 1 },
  ],
  wishes: { 'craftsman:C1': [{ to_id: 'E1', weight: 60 }] },
}

// Element Plus dialogs mount slowly on a busy machine; give them time.
vi.setConfig({ testTimeout: 30000 })
const until = (check) => vi.waitFor(check, { timeout: 8000, interval: 50 })

let wrapper
const body = () => document.body
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 20))
  await flushPromises()
}
async function submitIn(selector) {
  await until(() => expect(body().querySelector(selector)).toBeTruthy())
  body().querySelector(selector).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
  await settle()
}
const itemOf = (id) => body().querySelector(`label[for="${id}"]`).closest('.el-form-item')

beforeEach(() => {
  user.value = { role: 'staff', org_id: 'sc' }
  for (const fn of Object.values(api)) fn.mockReset?.()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('the create form', () => {
  it('names every missing field in Chinese before anything is sent', async () => {
    wrapper = mount(EventFormDialog, { props: { modelValue: true }, attachTo: document.body })
    await settle()
    await submitIn('[data-test="event-form"]')
    await until(() => {
      expect(itemOf('event-title').textContent).toContain('请填写活动名称')
      expect(itemOf('event-kind').textContent).toContain('请选择活动类型')
      expect(itemOf('event-date').textContent).toContain('请选择活动日期')
      expect(itemOf('event-capacity').textContent).toContain('请填写名额')
    })
    expect(api.createEvent).not.toHaveBeenCalled()
  })

  it("puts the server's message on the field it names, and emits the created event", async () => {
    wrapper = mount(EventFormDialog, { props: { modelValue: true }, attachTo: document.body })
    await settle()
    Object.assign(wrapper.vm.form, { kind: 'training', title: '数控车工培训', date: '2999-06-01', capacity: 40, region: '510100' })
    api.createEvent.mockRejectedValueOnce(new ApiError(400, 'invalid_argument', '地区应为 6 位行政区划代码（GB/T 2260）', 'region'))
    await submitIn('[data-test="event-form"]')
    await until(() => expect(itemOf('event-region').textContent).toContain('地区应为 6 位行政区划代码'))
    expect(api.createEvent).toHaveBeenCalledWith({
      kind: 'training', title: '数控车工培训', date: '2999-06-01', place: '', organiser: '', capacity: 40, region: '510100',
    })
    // Changing the field clears the server's message; the next try succeeds.
    wrapper.vm.form.region = ''
    await settle()
    expect(itemOf('event-region').textContent).not.toContain('地区应为')
    api.createEvent.mockResolvedValueOnce({ ...EVENT, id: 'EV-2' })
    await submitIn('[data-test="event-form"]')
    await until(() => expect(wrapper.emitted('saved')?.[0][0].id).toBe('EV-2'))
  })
})

describe('registrations', () => {
  it('shows staff every registration and the server’s refusal of early attendance', async () => {
    wrapper = mount(RegistrationsPanel, { props: { event: EVENT }, attachTo: document.body })
    await settle()
    expect(wrapper.findAll('[data-test="registration"]').map((r) => r.attributes('data-participant'))).toEqual(['E1', 'C1'])
    expect(wrapper.find('[data-test="attendance-later"]').text()).toContain('2999-05-20')
    await wrapper.find('[data-test="attendance-E1"]').trigger('click')
    await settle()
    api.recordAttendance.mockRejectedValueOnce(new ApiError(409, 'conflict', '活动（2999-05-20）尚未举行，不能登记出席'))
    await submitIn('[data-test="attendance-form"]')
    expect(api.recordAttendance).toHaveBeenCalledWith('EV-1', { participant_id: 'E1', participant_kind: 'enterprise', attended: 3 })
    await until(() => expect(body().querySelector('[data-test="attendance-error"]').textContent).toContain('尚未举行，不能登记出席'))
    expect(wrapper.emitted('updated')).toBeUndefined()
  })

  it('shows a participant only their own registration and lets them register', async () => {
    user.value = { role: 'craftsman', craftsman_id: 'C7' }
    const mine = { ...EVENT, can_edit: false, registrations: [] }
    wrapper = mount(RegistrationsPanel, { props: { event: mine }, attachTo: document.body })
    await settle()
    expect(wrapper.find('[data-test="registrations-empty"]').text()).toContain('您还没有报名')
    expect(wrapper.find('[data-test="register-open"]').exists()).toBe(false)
    await wrapper.find('[data-test="register-self"]').trigger('click')
    await settle()
    const answer = { event: { ...mine, registrations: [{ participant_kind: 'craftsman', participant_id: 'C7', name: '张伟', seats: 1 }] }, registration: { name: '张伟' }, created: true }
    api.registerParticipant.mockResolvedValueOnce(answer)
    await submitIn('[data-test="register-form"]')
    await until(() => expect(api.registerParticipant).toHaveBeenCalledWith('EV-1', { participant_kind: 'craftsman', participant_id: 'C7', seats: 1 }))
    expect(wrapper.emitted('updated')[0][0]).toBe(answer.event)
  })
})

describe('the wishes editor', () => {
  it('sends the ticked rows for the chosen participant and shows a refused wish on its row', async () => {
    wrapper = mount(WishesPanel, { props: { event: EVENT }, attachTo: document.body })
    await settle()
    await wrapper.find('[data-test="wisher-E1"]').trigger('click')
    await settle()
    const rows = wrapper.findAll('[data-test="wish-row"]')
    expect(rows.map((r) => r.attributes('data-target'))).toEqual(['C1'])
    expect(rows[0].text()).toContain('对方也想见')
    await rows[0].find('input[type="checkbox"]').setValue(true)
    api.setWishes.mockRejectedValueOnce(new ApiError(400, 'invalid_argument', 'C1 未以工匠身份报名这次对接会', 'wishes[0].to_id'))
    await wrapper.find('[data-test="wishes-save"]').trigger('click')
    await settle()
    expect(api.setWishes).toHaveBeenCalledWith('EV-1', { wishes: [{ to_id: 'C1', weight: 50 }], participant_kind: 'enterprise', participant_id: 'E1' })
    expect(wrapper.find('[data-target="C1"]').text()).toContain('C1 未以工匠身份报名')
    expect(wrapper.emitted('reload')).toBeUndefined()

    api.setWishes.mockResolvedValueOnce({ event_id: 'EV-1', participant: 'enterprise:E1', wishes: [{ to_id: 'C1', weight: 50 }] })
    await wrapper.find('[data-test="wishes-save"]').trigger('click')
    await settle()
    expect(wrapper.emitted('reload')).toHaveLength(1)
  })
})

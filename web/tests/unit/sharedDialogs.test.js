// Dialogs moved onto the shared FormDialog, with the API mocked: 新建用户
// asks for the link the role needs and sends only that one, and puts the
// server's message under the field it names; 登记出席 refuses an empty
// figure before sending and sends the figure otherwise; 报名 (staff)
// refuses more seats than are left before sending. 我的资料 in the shared
// DocumentFrame: a save that lost a race says so and shows the latest
// record; a record that is not there shows the not-found page.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { ApiError } from '../../src/api/client.js'
import { body, itemOf, settle, submit, type, until } from './support/dom.js'

const user = { value: { role: 'admin' } }
vi.mock('../../src/store/session.js', () => ({ session: { get user() { return user.value } } }))
vi.mock('../../src/api/records.js', () => ({
  createUser: vi.fn(), listRecords: vi.fn(async () => ({ items: [] })), getRecord: vi.fn(), updateRecord: vi.fn(),
}))
vi.mock('../../src/api/events.js', () => ({ recordAttendance: vi.fn(), registerParticipant: vi.fn() }))

const records = await import('../../src/api/records.js')
const events = await import('../../src/api/events.js')
const { default: UserCreateDialog } = await import('../../src/pages/admin/UserCreateDialog.vue')
const { default: AttendanceDialog } = await import('../../src/pages/events/AttendanceDialog.vue')
const { default: RegisterDialog } = await import('../../src/pages/events/RegisterDialog.vue')
const { default: MyProfilePage } = await import('../../src/pages/craftsman/MyProfilePage.vue')

vi.setConfig({ testTimeout: 30000 })
let wrapper

async function open(component, props) {
  wrapper = mount(component, { props: { modelValue: true, ...props }, attachTo: document.body })
  await settle()
}

beforeEach(() => {
  user.value = { role: 'admin' }
  for (const fn of [records.createUser, records.getRecord, records.updateRecord, events.recordAttendance, events.registerParticipant]) fn.mockReset()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('新建用户', () => {
  it('asks for what the role needs, sends only the link that role uses, and shows the server’s message on its field', async () => {
    await open(UserCreateDialog, { organisations: [{ id: 'sc', name: '四川省总工会' }] })
    await submit('.el-dialog form')
    await until(() => expect(itemOf('user-username').textContent).toContain('请填写用户名'))
    expect(records.createUser).not.toHaveBeenCalled()

    type('#user-username', 'wang')
    type('#user-password', 'a long passphrase')
    // The role is a select: set it through the form the dialog owns.
    const form = wrapper.findComponent({ name: 'ElForm' }).props('model')
    form.role = 'craftsman'
    form.org_id = 'sc' // typed before the role changed: not the craftsman's link
    await settle()
    await submit('.el-dialog form')
    await until(() => expect(itemOf('user-craftsman').textContent).toContain('须填写关联工匠编号'))
    expect(records.createUser).not.toHaveBeenCalled()

    type('#user-craftsman', 'C-404')
    records.createUser.mockRejectedValueOnce(new ApiError(400, 'invalid_argument', '没有工匠 C-404', 'craftsman_id'))
    await submit('.el-dialog form')
    expect(records.createUser).toHaveBeenCalledWith({
      username: 'wang', display_name: '', role: 'craftsman', org_id: '', enterprise_id: '', craftsman_id: 'C-404', password: 'a long passphrase',
    })
    await until(() => expect(itemOf('user-craftsman').textContent).toContain('没有工匠 C-404'))
    expect(wrapper.emitted('created')).toBeUndefined()

    records.createUser.mockResolvedValueOnce({ id: 'U-9' })
    type('#user-craftsman', 'C-001')
    await submit('.el-dialog form')
    await until(() => expect(wrapper.emitted('created')).toHaveLength(1))
    expect(wrapper.emitted('update:modelValue').at(-1)).toEqual([false])
  })
})

describe('登记出席 and 报名', () => {
  const EVENT = {
    id: 'EV-1', kind: 'training', title: '数控培训', date: '2000-01-01', capacity: 10, seats_taken: 9, version: 2,
    registrations: [{ participant_kind: 'enterprise', participant_id: 'E1', name: '精工机械', seats: 3 }],
  }

  it('登记出席 starts from the seats, refuses an empty figure, then sends the figure', async () => {
    await open(AttendanceDialog, { event: EVENT, registration: EVENT.registrations[0] })
    expect(body().querySelector('#attendance-number').value).toBe('3')
    const form = wrapper.findComponent({ name: 'ElForm' }).props('model')
    form.attended = null // the field cleared
    await submit('[data-test="attendance-form"]')
    await until(() => expect(itemOf('attendance-number').textContent).toContain('出席人数应为 0 或正整数'))
    expect(events.recordAttendance).not.toHaveBeenCalled()
    form.attended = 2
    events.recordAttendance.mockResolvedValueOnce({ event: { ...EVENT, version: 3 }, delta: 2 })
    await submit('[data-test="attendance-form"]')
    expect(events.recordAttendance).toHaveBeenCalledWith('EV-1', { participant_id: 'E1', participant_kind: 'enterprise', attended: 2 })
    await until(() => expect(wrapper.emitted('updated')?.[0]?.[0]).toEqual({ ...EVENT, version: 3 }))
  })

  it('报名 by staff: someone must be picked, and no more seats than are left', async () => {
    await open(RegisterDialog, { event: EVENT, asStaff: true })
    await submit('[data-test="register-form"]')
    await until(() => expect(itemOf('register-participant').textContent).toContain('请选择'))
    const form = wrapper.findComponent({ name: 'ElForm' }).props('model')
    form.participant_id = 'E2'
    form.seats = 2 // one seat is left
    await submit('[data-test="register-form"]')
    await until(() => expect(itemOf('register-seats').textContent).toContain('名额不足'))
    expect(events.registerParticipant).not.toHaveBeenCalled()
    form.seats = 1
    events.registerParticipant.mockResolvedValueOnce({ event: EVENT, registration: { name: '蜀兴化工' }, created: true })
    await submit('[data-test="register-form"]')
    expect(events.registerParticipant).toHaveBeenCalledWith('EV-1', { participant_kind: 'enterprise', participant_id: 'E2', seats: 1 })
    await until(() => expect(wrapper.emitted('updated')?.[0]?.[0]).toBe(EVENT))
  })
})

describe('我的资料', () => {
  const C = {
    id: 'C-001', name: '王建国', region: '510100', skills: ['数控车削'], honors: ['全国五一劳动奖章'], capacity_per_month: 3, version: 4,
  }
  beforeEach(() => {
    user.value = { role: 'craftsman', craftsman_id: 'C-001' }
  })

  it('says a save lost to someone else’s and shows the record as it now is', async () => {
    records.getRecord.mockResolvedValueOnce(C).mockResolvedValueOnce({ ...C, name: '王建国（改）', version: 5 })
    records.updateRecord.mockRejectedValueOnce(new ApiError(409, 'conflict', '工匠 C-001 已被他人更新'))
    wrapper = mount(MyProfilePage, { attachTo: document.body, global: { stubs: { RouterLink: RouterLinkStub } } })
    await settle()
    expect(body().textContent).toContain('全国五一劳动奖章')
    await submit('[data-test="profile-form"]')
    expect(records.updateRecord).toHaveBeenCalledWith('craftsmen', 'C-001', expect.objectContaining({ id: 'C-001', version: 4 }))
    await until(() => expect(body().querySelector('[data-test="profile-conflict"]')?.textContent).toContain('已为您载入最新内容'))
    expect(records.getRecord).toHaveBeenCalledTimes(2)
    await until(() => expect(body().querySelector('#pf-name').value).toContain('王建国（改）'))
  })

  it('shows the not-found page when the record is not there', async () => {
    records.getRecord.mockRejectedValueOnce(new ApiError(404, 'not_found', '没有找到工匠 C-001'))
    wrapper = mount(MyProfilePage, { attachTo: document.body, global: { stubs: { RouterLink: RouterLinkStub } } })
    await settle()
    expect(body().querySelector('[data-test="not-found"]').textContent).toContain('没有找到工匠 C-001')
    expect(body().querySelector('[data-test="profile-form"]')).toBeNull()
  })
})

// The engagement's buttons and forms with the API mocked: exactly the
// allowed actions, a reason asked before declining, the version sent, a
// 409 that reloads, server field errors on their field, and the visit form.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { ApiError } from '../../src/api/client.js'

vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }) }))
vi.mock('../../src/store/session.js', () => ({ session: { user: { role: 'craftsman', craftsman_id: 'C1' } } }))
vi.mock('../../src/api/engagements.js', async (importOriginal) => {
  const real = await importOriginal()
  return { ...real, actOn: vi.fn(), getEngagement: vi.fn() }
})

const { actOn, getEngagement } = await import('../../src/api/engagements.js')
const { default: EngagementActions } = await import('../../src/pages/engagements/EngagementActions.vue')
const { default: VisitForm } = await import('../../src/pages/engagements/VisitForm.vue')
const { todayIso } = await import('../../src/domain/engagements.js')

const ENG = {
  id: 'G-N1-1',
  state: 'dispatched',
  version: 2,
  allowed_actions: ['decline', 'accept'],
  members: [{ id: 'C1', name: '雷振川', lead: true }],
}

let wrapper
function mountActions(engagement = ENG, props = {}) {
  wrapper = mount(EngagementActions, { props: { engagement, ...props }, attachTo: document.body })
  return wrapper
}
const body = () => document.body
const buttonTexts = (w) => w.findAll('[data-action]').map((b) => b.text())
// Element Plus validates through async-validator, a few ticks after the event.
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 20))
  await flushPromises()
}
const submitForm = async (selector) => {
  body().querySelector(selector).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
  await settle()
}

beforeEach(() => {
  actOn.mockReset()
  getEngagement.mockReset()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('buttons from allowed_actions', () => {
  it('shows one button per allowed step, in a fixed order', async () => {
    const w = mountActions()
    expect(buttonTexts(w)).toEqual(['接单', '婉拒'])
    await w.setProps({ engagement: { ...ENG, state: 'in_service', allowed_actions: ['schedule', 'log_visit', 'resolve', 'not_resolve'] } })
    expect(buttonTexts(w)).toEqual(['登记走访', '预约走访', '确认解决', '未能解决'])
    await w.setProps({ engagement: { ...ENG, state: 'closed', allowed_actions: [] } })
    expect(w.find('[data-test="engagement-actions"]').exists()).toBe(false)
  })

  it('can be narrowed to a few steps for a list card', () => {
    const w = mountActions({ ...ENG, allowed_actions: ['accept', 'decline', 'cancel'] }, { only: ['accept'] })
    expect(buttonTexts(w)).toEqual(['接单'])
  })
})

describe('a step', () => {
  it('asks for a reason before declining, then sends it with the version read', async () => {
    const w = mountActions()
    await w.find('[data-action="decline"]').trigger('click')
    await flushPromises()
    const form = body().querySelector('[data-test="step-form-decline"]')
    expect(form).toBeTruthy()
    expect(body().querySelector('label[for="step-decline-reason"]').textContent).toContain('婉拒理由')
    await submitForm('[data-test="step-form-decline"]')
    await vi.waitFor(() => expect(body().textContent).toContain('请填写婉拒理由'))
    expect(actOn).not.toHaveBeenCalled()

    actOn.mockResolvedValue({ ...ENG, state: 'declined', version: 3, allowed_actions: [] })
    const textarea = body().querySelector('#step-decline-reason')
    textarea.value = '本月已排满'
    textarea.dispatchEvent(new Event('input'))
    await submitForm('[data-test="step-form-decline"]')
    expect(actOn).toHaveBeenCalledWith(ENG, 'decline', { reason: '本月已排满' })
    expect(w.emitted('updated')[0][0]).toMatchObject({ state: 'declined', version: 3 })
  })

  it('on 409 shows why and reads the engagement again', async () => {
    const w = mountActions()
    await w.find('[data-action="accept"]').trigger('click')
    await flushPromises()
    actOn.mockRejectedValue(new ApiError(409, 'conflict', '这项助企服务已被他人更新（当前版本 3），请刷新后再操作'))
    getEngagement.mockResolvedValue({ ...ENG, state: 'accepted', version: 3, allowed_actions: ['log_visit'] })
    await submitForm('[data-test="step-form-accept"]')
    expect(getEngagement).toHaveBeenCalledWith('G-N1-1')
    expect(w.emitted('updated')[0][0]).toMatchObject({ state: 'accepted', version: 3 })
    expect(body().textContent).toContain('这项助企服务已被他人更新')
  })

  it("puts the server's message for a field on that field", async () => {
    const e = { ...ENG, state: 'accepted', allowed_actions: ['schedule'] }
    const w = mountActions(e)
    await w.find('[data-action="schedule"]').trigger('click')
    await flushPromises()
    const wrapperVm = w.findComponent({ name: 'StepForm' })
    wrapperVm.vm.form.date = todayIso()
    await flushPromises()
    actOn.mockRejectedValue(new ApiError(400, 'invalid_argument', '地点过长', 'place'))
    await submitForm('[data-test="step-form-schedule"]')
    const item = body().querySelector('label[for="step-schedule-place"]').closest('.el-form-item')
    await vi.waitFor(() => expect(item.textContent).toContain('地点过长'))
  })
})

describe('回访', () => {
  it('says when the next follow-up falls due instead of a form that cannot be sent', async () => {
    const e = {
      ...ENG,
      state: 'rated',
      allowed_actions: ['follow_up', 'close'],
      followups: [{ days: 30, due_date: '2999-01-30', answered_at: '' }],
    }
    const w = mountActions(e)
    await w.find('[data-action="follow_up"]').trigger('click')
    await flushPromises()
    expect(body().querySelector('[data-test="followup-not-due"]').textContent).toContain('第 30 天回访于 2999-01-30 到期')
    expect(body().querySelector('[data-test="step-submit-follow_up"]').disabled).toBe(true)
  })

  it('answers a due follow-up with holding and the benefit', async () => {
    const e = {
      ...ENG,
      state: 'rated',
      allowed_actions: ['follow_up'],
      followups: [{ days: 30, due_date: '2000-01-30', answered_at: '' }],
    }
    actOn.mockResolvedValue({ ...e, version: 3 })
    const w = mountActions(e)
    await w.find('[data-action="follow_up"]').trigger('click')
    await flushPromises()
    const form = w.findComponent({ name: 'StepForm' })
    Object.assign(form.vm.form, { holding: true, cost_saved_yuan: 20000 })
    await settle()
    await submitForm('[data-test="step-form-follow_up"]')
    await vi.waitFor(() => expect(actOn).toHaveBeenCalled())
    expect(actOn).toHaveBeenCalledWith(e, 'follow_up', { days: 30, holding: true, benefit: { cost_saved_yuan: 20000 } })
  })
})

describe('登记走访 form', () => {
  it('starts on today, checks as you go, and sends the body', async () => {
    const w = mount(VisitForm, { props: { engagement: { ...ENG, allowed_actions: ['log_visit'] } }, attachTo: document.body })
    wrapper = w
    await settle()
    expect(w.vm.form.date).toBe(todayIso())
    for (const id of ['visit-date', 'visit-hours', 'visit-trained', 'visit-summary', 'visit-place']) {
      expect(w.find(`label[for="${id}"]`).exists(), id).toBe(true)
      expect(w.find(`#${id}`).exists(), id).toBe(true)
    }
    await w.find('form').trigger('submit')
    await settle()
    await vi.waitFor(() => expect(w.text()).toContain('请填写服务时长'))
    expect(w.text()).toContain('请写下这次做了什么')
    expect(w.emitted('submit')).toBeUndefined()

    await w.find('[data-test="hours-2"]').trigger('click')
    await w.find('#visit-summary').setValue('调整保护气流量，示范焊前清理')
    w.vm.form.workers_trained = 12
    await settle()
    await w.find('form').trigger('submit')
    await vi.waitFor(() => expect(w.emitted('submit')).toBeTruthy())
    expect(w.emitted('submit')[0][0]).toEqual({
      date: todayIso(),
      hours: 2,
      workers_trained: 12,
      summary: '调整保护气流量，示范焊前清理',
    })
  })

  it('refuses a visit dated in the future', async () => {
    const w = mount(VisitForm, { props: { engagement: ENG }, attachTo: document.body })
    wrapper = w
    w.vm.form.date = '2999-01-01'
    w.vm.form.hours = 2
    w.vm.form.summary = 'x'
    await flushPromises()
    await w.find('form').trigger('submit')
    await settle()
    await vi.waitFor(() => expect(w.text()).toContain('走访日期不能晚于今天'))
    expect(w.emitted('submit')).toBeUndefined()
  })

  it('asks who was present when a squad serves', () => {
    const squad = { ...ENG, members: [{ id: 'C1', name: '雷振川', lead: true }, { id: 'C2', name: '王建国' }] }
    const w = mount(VisitForm, { props: { engagement: squad } })
    wrapper = w
    expect(w.text()).toContain('到场工匠')
    expect(w.vm.form.craftsman_ids).toEqual(['C1'])
  })
})

// 修改培养目标 on the mentorship page with the API mocked: only staff see it
// and only on an active pair; the goals are checked as typed and sent
// trimmed with the version read; the page shows the pair the server answers;
// a 409 (someone wrote first) is said in words on the page and the pair read
// again; another refusal stays in the dialog, above the form.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { ApiError } from '../../src/api/client.js'
import { canEditGoals } from '../../src/domain/mentorships.js'
import { body, settle, submit, type, until } from './support/dom.js'

vi.mock('../../src/store/session.js', () => ({ session: { user: { role: 'staff', org_id: 'sc' } } }))
vi.mock('../../src/api/programmes.js', () => ({
  getMentorship: vi.fn(), completeMentorship: vi.fn(), addMentorshipNote: vi.fn(), updateMentorshipGoals: vi.fn(),
}))

const programmes = await import('../../src/api/programmes.js')
const { default: MentorshipPage } = await import('../../src/pages/mentorships/MentorshipPage.vue')

vi.setConfig({ testTimeout: 30000 })
const M = {
  id: 'MS-1', state: 'active', state_name: '进行中', master_id: 'C-001', master_name: '王建国',
  apprentice: { craftsman_id: 'C-003', name: '张伟' }, goals: '学习数控车削', start: '2026-01-01', notes: [], your_role: 'staff', version: 4,
}
let wrapper

const submitGoals = () => submit('[data-test="goals-form"]')
async function openPage() {
  wrapper = mount(MentorshipPage, { props: { id: 'MS-1' }, attachTo: document.body, global: { stubs: { RouterLink: RouterLinkStub } } })
  await settle()
  await wrapper.find('[data-test="mentorship-edit-goals"]').trigger('click')
  await settle()
}

beforeEach(() => {
  for (const fn of Object.values(programmes)) fn.mockReset()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('修改培养目标', () => {
  it('is offered to staff on an active pair only', () => {
    expect(canEditGoals(M)).toBe(true)
    expect(canEditGoals({ ...M, state: 'completed' })).toBe(false)
    expect(canEditGoals({ ...M, your_role: 'master' })).toBe(false)
    expect(canEditGoals({ ...M, your_role: 'apprentice' })).toBe(false)
    expect(canEditGoals(null)).toBe(false)
  })

  it('checks the goals, sends them trimmed with the version read and shows the pair answered', async () => {
    programmes.getMentorship.mockResolvedValueOnce(M)
    programmes.updateMentorshipGoals.mockResolvedValueOnce({ ...M, goals: '一年内独立完成细长轴精车', version: 5 })
    await openPage()
    expect(body().querySelector('#goals-text').value).toBe('学习数控车削')
    type('#goals-text', '   ')
    await submitGoals()
    await until(() => expect(body().querySelector('#goals-text').closest('.el-form-item').textContent).toContain('请填写培养目标'))
    expect(programmes.updateMentorshipGoals).not.toHaveBeenCalled()
    type('#goals-text', '  一年内独立完成细长轴精车 ')
    await submitGoals()
    expect(programmes.updateMentorshipGoals).toHaveBeenCalledWith(M, '一年内独立完成细长轴精车')
    await until(() => expect(body().querySelector('[data-test="mentorship-goals"]').textContent).toBe('一年内独立完成细长轴精车'))
    await until(() => expect(body().querySelector('.el-message')?.textContent).toContain('培养目标已保存'))
    expect(programmes.getMentorship).toHaveBeenCalledTimes(1)
  })

  it('says so when someone changed the pair first (409) and reads it again', async () => {
    programmes.getMentorship.mockResolvedValueOnce(M).mockResolvedValueOnce({ ...M, goals: '别人改过的目标', version: 5 })
    programmes.updateMentorshipGoals.mockRejectedValueOnce(new ApiError(409, 'conflict', '师徒结对 MS-1 已被他人更新，请刷新后再操作'))
    await openPage()
    type('#goals-text', '我的新目标')
    await submitGoals()
    await until(() => expect(body().querySelector('[data-test="mentorship-conflict"]')?.textContent).toContain('已被他人更新'))
    expect(programmes.getMentorship).toHaveBeenCalledTimes(2)
    expect(body().querySelector('[data-test="mentorship-goals"]').textContent).toBe('别人改过的目标')
  })

  it('keeps another refusal in the dialog, above the form', async () => {
    programmes.getMentorship.mockResolvedValueOnce(M)
    programmes.updateMentorshipGoals.mockRejectedValueOnce(new ApiError(403, 'permission_denied', '只有工会工作人员可以修改培养目标'))
    await openPage()
    type('#goals-text', '我的新目标')
    await submitGoals()
    await until(() => expect(body().querySelector('[data-test="goals-error"]')?.textContent).toContain('只有工会工作人员可以修改培养目标'))
    expect(body().querySelector('[data-test="mentorship-conflict"]')).toBeNull()
  })

  it('is not offered on a completed pair', async () => {
    programmes.getMentorship.mockResolvedValueOnce({ ...M, state: 'completed', state_name: '已结业' })
    wrapper = mount(MentorshipPage, { props: { id: 'MS-1' }, attachTo: document.body, global: { stubs: { RouterLink: RouterLinkStub } } })
    await settle()
    expect(body().querySelector('[data-test="mentorship-goals"]').textContent).toBe('学习数控车削')
    expect(wrapper.find('[data-test="mentorship-edit-goals"]').exists()).toBe(false)
  })
})

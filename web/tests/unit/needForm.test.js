import { describe, it, expect, vi } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'

// Element Plus validates through async-validator, a few ticks after the event.
const settle = async () => {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 20))
  await flushPromises()
}
import NeedForm from '../../src/pages/enterprise/NeedForm.vue'
import { validateNeedForm, composeNeed, titleFromProblem, emptyNeedForm } from '../../src/domain/needForm.js'

const good = {
  kind: '技术攻关',
  problem: '数控车床加工的轴类零件圆度超差，废品率约5%。换刀后依旧。',
  since: 'month',
  tried: '更换过刀具',
  onsite: true,
  when: 'asap',
  title: '',
}

describe('need form rules', () => {
  it('accepts a complete form', () => {
    expect(validateNeedForm(good)).toEqual({})
  })

  it('names every missing answer', () => {
    expect(Object.keys(validateNeedForm(emptyNeedForm())).sort()).toEqual(['kind', 'onsite', 'problem', 'since', 'when'])
  })

  it('counts Chinese characters, not bytes, for the minimum length', () => {
    expect(validateNeedForm({ ...good, problem: '设备坏了' }).problem).toBe('needForm.errors.problemShort')
    expect(validateNeedForm({ ...good, problem: '主轴异响温升过高需要诊断' }).problem).toBeUndefined()
  })

  it('only accepts the five service kinds by their Chinese names', () => {
    expect(validateNeedForm({ ...good, kind: 'joint_research' }).kind).toBe('needForm.errors.kind')
    expect(validateNeedForm({ ...good, kind: '宣讲' }).kind).toBe('needForm.errors.kind')
    for (const kind of ['技术服务', '技术攻关', '管理提升', '技能培训', '安全生产']) {
      expect(validateNeedForm({ ...good, kind }).kind).toBeUndefined()
    }
  })

  it('composes title and description from the answers', () => {
    const need = composeNeed(good)
    expect(need.title).toBe('数控车床加工的轴类零件圆度超差，废品率约5%')
    expect(need.kind).toBe('技术攻关')
    expect(need.onsite).toBe(true)
    expect(need.description).toContain('遇到的问题：数控车床')
    expect(need.description).toContain('出现时间：一个月内')
    expect(need.description).toContain('已尝试的办法：更换过刀具')
    expect(need.description).toContain('服务方式：需要工匠到现场')
    expect(need.description).toContain('期望解决时间：尽快（两周内）')
    expect(composeNeed({ ...good, title: '  圆度超差  ', onsite: false }).title).toBe('圆度超差')
    expect(composeNeed({ ...good, tried: '' }).description).toContain('已尝试的办法：暂无')
  })

  it('cuts long first sentences for the title', () => {
    expect([...titleFromProblem('一'.repeat(50))].length).toBe(31)
  })
})

describe('NeedForm component', () => {
  it('shows Chinese errors and does not submit an empty form', async () => {
    const wrapper = mount(NeedForm, { attachTo: document.body })
    await settle()
    await wrapper.find('form').trigger('submit')
    const errors = () => wrapper.findAll('.el-form-item__error').map((e) => e.text())
    await vi.waitFor(() => expect(errors()).toHaveLength(5))
    expect(errors()).toEqual(['请选择服务类型', '请描述遇到的问题', '请选择问题出现的时间', '请选择服务方式', '请选择希望解决的时间'])
    expect(wrapper.emitted('submit')).toBeUndefined()
    wrapper.unmount()
  })

  it('validates while typing', async () => {
    const wrapper = mount(NeedForm, { attachTo: document.body })
    await settle()
    await wrapper.find('#need-problem').setValue('坏了')
    await vi.waitFor(() => expect(wrapper.text()).toContain('请再写详细一些（至少 10 个字）'))
    await wrapper.find('#need-problem').setValue(good.problem)
    await vi.waitFor(() => expect(wrapper.text()).not.toContain('请再写详细一些'))
    wrapper.unmount()
  })

  it('emits the composed need when every answer is valid', async () => {
    const wrapper = mount(NeedForm, { attachTo: document.body })
    Object.assign(wrapper.vm.form, good)
    await settle()
    expect(wrapper.find('[data-test="need-preview"]').text()).toContain('数控车床加工的轴类零件圆度超差')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.emitted('submit')).toBeTruthy())
    expect(wrapper.emitted('submit')[0][0]).toEqual(composeNeed(good))
    wrapper.unmount()
  })

  it('labels every input', async () => {
    const wrapper = mount(NeedForm, { attachTo: document.body })
    await settle()
    for (const id of ['need-problem', 'need-tried', 'need-title']) {
      expect(document.querySelector(`label[for="${id}"]`), id).not.toBeNull()
      expect(document.getElementById(id), id).not.toBeNull()
    }
    wrapper.unmount()
  })
})

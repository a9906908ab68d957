import { describe, it, expect } from 'vitest'
import { buildOrgTree } from '../../src/domain/orgTree.js'
import { toProfileForm, fromProfileForm, profileChecks } from '../../src/domain/craftsmanForm.js'
import { labelOf, SERVICE_KINDS, serviceKindCode } from '../../src/domain/vocab.js'

describe('organisation tree', () => {
  it('nests by parent_id and keeps alliances apart', () => {
    const { roots, alliances } = buildOrgTree([
      { id: 'root', name: '中华全国总工会', kind: 'national' },
      { id: 'sc', name: '四川省总工会', kind: 'province', parent_id: 'root' },
      { id: 'cd', name: '成都市总工会', kind: 'city', parent_id: 'sc' },
      { id: 'cq', name: '重庆市总工会', kind: 'province', parent_id: 'root' },
      { id: 'lost', name: '上级缺失', kind: 'city', parent_id: 'gone' },
      { id: 'chuanyu', name: '川渝工会联盟', kind: 'alliance', member_ids: ['sc', 'cq'] },
    ])
    expect(roots.map((r) => r.id)).toEqual(['lost', 'root'])
    const root = roots.find((r) => r.id === 'root')
    expect(root.children.map((c) => c.id)).toEqual(['cq', 'sc'])
    expect(root.children[1].children[0].name).toBe('成都市总工会')
    expect(alliances[0].members.map((m) => m.name)).toEqual(['四川省总工会', '重庆市总工会'])
  })
})

describe('craftsman profile form', () => {
  const record = {
    id: 'C1', name: '王师傅', honors: ['全国五一劳动奖章'], skills: ['焊接'], capacity_per_month: 2,
    consent_scope: 'alliance', org_id: 'sc', archived: false, version: 'abc', achievements: ['一', '二'],
  }

  it('keeps fields it does not edit and the version, drops server-owned ones', () => {
    const form = toProfileForm(record)
    form.skills.push(' 机器人 ', '焊接')
    form.bio = '三十年焊接经验'
    form.achievements = '一\n\n三'
    form.available = false
    const out = fromProfileForm(record, form)
    expect(out.version).toBe('abc')
    expect(out.honors).toEqual(['全国五一劳动奖章'])
    expect(out.consent_scope).toBe('alliance')
    expect(out.skills).toEqual(['焊接', '机器人'])
    expect(out.achievements).toEqual(['一', '三'])
    expect(out.available).toBe(false)
    expect(out.bio).toBe('三十年焊接经验')
    expect('org_id' in out).toBe(false)
    expect('archived' in out).toBe(false)
  })

  it('clears a field emptied on the form', () => {
    const form = toProfileForm({ ...record, studio: '王师傅创新工作室' })
    form.studio = '  '
    expect('studio' in fromProfileForm(record, form)).toBe(false)
  })

  it('checks name and region code', () => {
    expect(profileChecks.name('')).toBe('myProfile.nameRequired')
    expect(profileChecks.region('5101')).toBe('myProfile.regionInvalid')
    expect(profileChecks.region('510100')).toBe('')
    expect(profileChecks.region('')).toBe('')
  })
})

describe('vocabularies', () => {
  it('map Chinese API values and codes to labels', () => {
    expect(labelOf(SERVICE_KINDS, '技术攻关')).toBe('技术攻关')
    expect(labelOf(SERVICE_KINDS, '技术攻关', 'en')).toBe('Joint research')
    expect(labelOf(SERVICE_KINDS, 'safety')).toBe('安全生产')
    expect(serviceKindCode('技能培训')).toBe('training')
    expect(labelOf(SERVICE_KINDS, '未知')).toBe('未知')
  })
})

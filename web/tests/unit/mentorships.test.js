// 师徒结对 and 创新工作室 rules: who may add notes or complete, the create
// form's checks and body, the suggestion request with apprentices from
// outside the pool, one suggested pair made into a mentorship, and the
// studio form made from a studio and back.
import { describe, it, expect } from 'vitest'
import {
  canAddNote,
  canComplete,
  notesNewestFirst,
  sortMentorships,
  emptyMentorshipForm,
  validateMentorship,
  mentorshipBody,
  mentorshipFieldOf,
  parseSkills,
  outsideApprenticeProblem,
  suggestRequest,
  sharedSkillsOf,
  defaultGoals,
  mentorshipFromSuggestion,
  noteCheck,
  stateLabel,
} from '../../src/domain/mentorships.js'
import {
  membersOf,
  studioMembers,
  studioForm,
  studioBody,
  validateStudio,
  studioOrgOptions,
  allianceOptions,
  isNameClash,
} from '../../src/domain/studios.js'

describe('who may do what', () => {
  it('lets all three note an active pair, and the master or staff complete it', () => {
    for (const role of ['staff', 'master', 'apprentice']) expect(canAddNote({ state: 'active', your_role: role })).toBe(true)
    expect(canAddNote({ state: 'completed', your_role: 'master' })).toBe(false)
    expect(canComplete({ state: 'active', your_role: 'master' })).toBe(true)
    expect(canComplete({ state: 'active', your_role: 'staff' })).toBe(true)
    expect(canComplete({ state: 'active', your_role: 'apprentice' })).toBe(false)
    expect(canComplete({ state: 'completed', your_role: 'staff' })).toBe(false)
    expect(stateLabel({ state: 'completed' })).toBe('已结业')
  })

  it('reads notes newest first and lists active pairs first', () => {
    const m = { notes: [{ at: '2026-11-01T08:00:00Z', text: 'a' }, { at: '2026-11-20T08:00:00Z', text: 'b' }] }
    expect(notesNewestFirst(m).map((n) => n.text)).toEqual(['b', 'a'])
    expect(notesNewestFirst({})).toEqual([])
    const items = [
      { id: '1', state: 'completed', start: '2026-03-01' },
      { id: '2', state: 'active', start: '2026-01-01' },
      { id: '3', state: 'active', start: '2026-05-01' },
    ]
    expect(sortMentorships(items).map((x) => x.id)).toEqual(['3', '2', '1'])
  })
})

describe('新建结对', () => {
  const pool = { ...emptyMentorshipForm('2026-11-29'), master_id: 'C-001', apprentice_id: 'C-003', goals: '学数控车削' }

  it('asks for a master, an apprentice who is someone else, goals and a start', () => {
    expect(Object.keys(validateMentorship(emptyMentorshipForm('2026-11-29'))).sort()).toEqual(['apprentice_id', 'goals', 'master_id'])
    expect(validateMentorship(pool)).toEqual({})
    expect(validateMentorship({ ...pool, apprentice_id: 'C-001' })).toEqual({ apprentice_id: 'mentorships.errors.samePerson' })
    const outside = { ...pool, apprentice_kind: 'outside', apprentice_id: '' }
    expect(validateMentorship(outside)).toEqual({ apprentice_name: 'mentorships.errors.apprenticeName' })
    expect(validateMentorship({ ...outside, apprentice_name: '赵小龙' })).toEqual({})
    expect(validateMentorship({ ...pool, start: '' })).toEqual({ start: 'mentorships.errors.start' })
    expect(noteCheck('  ')).toBe('mentorships.errors.note')
    expect(noteCheck('学会了')).toBe('')
  })

  it('sends the apprentice in the shape the API takes for each kind', () => {
    expect(mentorshipBody(pool)).toEqual({ master_id: 'C-001', apprentice: { craftsman_id: 'C-003' }, goals: '学数控车削', start: '2026-11-29' })
    const outside = { ...pool, apprentice_kind: 'outside', apprentice_name: ' 赵小龙 ', apprentice_employer: '成都精工 ' }
    expect(mentorshipBody(outside).apprentice).toEqual({ name: '赵小龙', employer: '成都精工' })
  })

  it('maps the API’s nested field names onto the form', () => {
    expect(mentorshipFieldOf('apprentice.craftsman_id', pool)).toBe('apprentice_id')
    expect(mentorshipFieldOf('apprentice.name', pool)).toBe('apprentice_name')
    expect(mentorshipFieldOf('apprentice', { apprentice_kind: 'outside' })).toBe('apprentice_name')
    expect(mentorshipFieldOf('goals', pool)).toBe('goals')
  })
})

describe('结对建议', () => {
  it('splits typed skills on the separators people use', () => {
    expect(parseSkills('数控车削、精密加工，焊接; 装配  钳工')).toEqual(['数控车削', '精密加工', '焊接', '装配', '钳工'])
    expect(parseSkills('')).toEqual([])
  })

  it('checks an outside apprentice’s name and region code', () => {
    expect(outsideApprenticeProblem({ name: '', skills: '' })).toBe('mentorships.errors.apprenticeName')
    expect(outsideApprenticeProblem({ name: '赵小龙', skills: '数控车削', region: '5101' })).toBe('mentorships.errors.region')
    expect(outsideApprenticeProblem({ name: '赵小龙', skills: '数控车削', region: '510107' })).toBe('')
  })

  it('sends pool apprentices by id and outside ones inline under ids of our own', () => {
    const outside = [{ name: ' 赵小龙 ', employer: '成都精工', skills: '数控车削、精密加工', region: '510107' }, { name: '钱多', skills: '', region: '' }]
    const { body, outsideById } = suggestRequest(['C-003'], outside)
    expect(body).toEqual({
      apprentice_ids: ['C-003'],
      apprentices: [
        { id: 'outside-1', name: '赵小龙', skills: ['数控车削', '精密加工'], region: '510107' },
        { id: 'outside-2', name: '钱多', skills: [] },
      ],
    })
    expect(outsideById['outside-1']).toBe(outside[0])
    expect(suggestRequest([], []).body).toEqual({})
  })

  const pair = {
    apprentice_id: 'outside-1',
    apprentice_name: '赵小龙',
    master_id: 'C-001',
    master_name: '王建国',
    score: 0.88,
    reasons: ['共同技能：数控车削、精密加工（2/2）', '地区：同城市', '师傅可带徒 2 名，在带 0 名'],
  }

  it('reads the shared skills from the server’s first reason and writes goals from them', () => {
    expect(sharedSkillsOf(pair)).toEqual(['数控车削', '精密加工'])
    expect(sharedSkillsOf({ reasons: ['地区：同城市'] })).toEqual([])
    expect(defaultGoals(pair)).toBe('跟随王建国学习数控车削、精密加工，一年内能独立解决相关技术问题')
    expect(defaultGoals({ master_name: '李秀英', reasons: [] })).toBe('跟随李秀英学习技艺，一年内能独立承担岗位技术工作')
  })

  it('makes one suggested pair into the mentorship request', () => {
    const outsideById = { 'outside-1': { name: '赵小龙', employer: '成都精工', skills: '数控车削' } }
    expect(mentorshipFromSuggestion(pair, { outsideById, start: '2026-12-01' })).toEqual({
      master_id: 'C-001',
      apprentice: { name: '赵小龙', employer: '成都精工' },
      goals: '跟随王建国学习数控车削、精密加工，一年内能独立解决相关技术问题',
      start: '2026-12-01',
    })
    const fromPool = mentorshipFromSuggestion({ ...pair, apprentice_id: 'C-003' }, { goals: ' 自定目标 ', start: '2026-12-01' })
    expect(fromPool.apprentice).toEqual({ craftsman_id: 'C-003' })
    expect(fromPool.goals).toBe('自定目标')
  })
})

describe('创新工作室', () => {
  const studio = {
    id: 'ST-1',
    name: '王建国创新工作室',
    org_id: 'sc',
    lead_id: 'C-001',
    lead_name: '王建国',
    member_ids: ['C-001', 'C-002'],
    result_ids: ['R-001'],
    alliance_ids: ['chuanyu'],
    description: '数控',
    version: 3,
  }

  it('lists the lead first, each member once', () => {
    expect(membersOf(studio)).toEqual(['C-001', 'C-002'])
    expect(membersOf({ lead_id: 'C-9', member_ids: ['C-2', 'C-9', 'C-2'] })).toEqual(['C-9', 'C-2'])
    expect(membersOf(null)).toEqual([])
  })

  it('names the members the API names, lead first, and keeps the others as ids', () => {
    const view = { ...studio, member_ids: ['C-001', 'C-002', 'C-003'], members: [{ id: 'C-001', name: '王建国' }, { id: 'C-002', name: '李秀英' }, { id: 'C-003' }] }
    expect(studioMembers(view)).toEqual([
      { id: 'C-001', name: '王建国', lead: true },
      { id: 'C-002', name: '李秀英', lead: false },
      { id: 'C-003', name: '', lead: false },
    ])
    // Without `members` (an older server) the lead keeps lead_name and the others their ids.
    expect(studioMembers(studio)).toEqual([{ id: 'C-001', name: '王建国', lead: true }, { id: 'C-002', name: '', lead: false }])
    expect(studioMembers(null)).toEqual([])
  })

  it('round-trips a studio through the form without the lead among the members', () => {
    const form = studioForm(studio)
    expect(form.member_ids).toEqual(['C-002'])
    expect(validateStudio(form)).toEqual({})
    expect(studioBody({ ...form, name: ' 新名 ' })).toEqual({
      name: '新名',
      org_id: 'sc',
      lead_id: 'C-001',
      member_ids: ['C-002'],
      result_ids: ['R-001'],
      alliance_ids: ['chuanyu'],
      description: '数控',
    })
    expect(studioForm(null, 'cd')).toMatchObject({ name: '', org_id: 'cd', member_ids: [] })
    expect(validateStudio(studioForm(null, ''))).toEqual({ name: 'studios.errors.name', org_id: 'studios.errors.org', lead_id: 'studios.errors.lead' })
  })

  const orgs = [
    { id: 'root', kind: 'national' },
    { id: 'sc', kind: 'province', parent_id: 'root' },
    { id: 'cd', kind: 'city', parent_id: 'sc' },
    { id: 'cq', kind: 'province', parent_id: 'root' },
    { id: 'chuanyu', kind: 'alliance', parent_id: 'root' },
  ]
  it('offers staff their own organisation and those below it; alliances apart', () => {
    expect(studioOrgOptions(orgs, { role: 'staff', org_id: 'sc' }).map((o) => o.id)).toEqual(['sc', 'cd'])
    expect(studioOrgOptions(orgs, { role: 'admin' }).map((o) => o.id)).toEqual(['root', 'sc', 'cd', 'cq'])
    expect(allianceOptions(orgs).map((o) => o.id)).toEqual(['chuanyu'])
  })

  it('tells a duplicate name from a stale version', () => {
    expect(isNameClash({ status: 409, message: '本组织已有同名工作室 ST-2' })).toBe(true)
    expect(isNameClash({ status: 409, message: '创新工作室 ST-1 已被他人更新（当前版本 4），请刷新后再操作' })).toBe(false)
  })
})

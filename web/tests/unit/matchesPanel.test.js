// The 候选工匠 panel with the matching API mocked: reasons as tags, the
// low-confidence message, the error state, and the staff-only profile link.
import { describe, it, expect, vi, beforeEach } from 'vitest'
import { mount, flushPromises, RouterLinkStub } from '@vue/test-utils'
import { reactive } from 'vue'
import { ApiError } from '../../src/api/client.js'

const user = reactive({ value: { role: 'staff' } })
vi.mock('../../src/store/session.js', () => ({
  session: {
    get user() {
      return user.value
    },
  },
}))
vi.mock('../../src/api/matching.js', () => ({
  getNeedMatches: vi.fn(),
  getResultMatches: vi.fn(),
  listDuplicateNeeds: vi.fn(),
}))

const { getNeedMatches, getResultMatches } = await import('../../src/api/matching.js')
const { default: NeedMatchesPanel } = await import('../../src/pages/needs/NeedMatchesPanel.vue')
const { default: ResultNeedsPanel } = await import('../../src/pages/results/ResultNeedsPanel.vue')
const { reasonTags, normaliseMatchList, scorePercent } = await import('../../src/domain/matching.js')

const NEED = { id: 'N-WELD-001', title: '储罐焊缝气孔多' }
const ANSWER = {
  need_id: 'N-WELD-001',
  confidence: 'high',
  need_skills: [{ skill_id: 'weld.tig', label: '钨极氩弧焊', weight: 0.8 }],
  matches: [
    {
      craftsman_id: 'C-004',
      name: '雷振川',
      score: 0.83,
      reasons: [
        { type: 'region', label: '同城（需到现场）', relation: 'same_city' },
        { type: 'capacity', label: '本月还可安排2次', left: 2 },
        { type: 'terms', label: '匹配词：焊缝气孔', terms: ['焊缝气孔'] },
        { type: 'skill', label: '钨极氩弧焊', skill_id: 'weld.tig', match: 'exact' },
        { type: 'skill', label: '压力管道与容器焊接（相关技能：钨极氩弧焊）', skill_id: 'weld.pipe', match: 'related', via_skill_id: 'weld.tig' },
        { type: 'track_record', label: '已解决3项需求，平均评分4.7' },
        { type: 'something_new', label: '新的理由', extra: 1 },
      ],
    },
    { craftsman_id: 'C-003', name: '张伟', score: 0.41, reasons: [] },
  ],
  results: [{ result_id: 'R-002', title: '储罐焊缝气孔控制工法', score: 0.7, reasons: [] }],
}

function mountPanel(component = NeedMatchesPanel, props = { need: NEED }) {
  return mount(component, { props, global: { stubs: { RouterLink: RouterLinkStub } } })
}

beforeEach(() => {
  user.value = { role: 'staff' }
  getNeedMatches.mockReset()
  getResultMatches.mockReset()
})

describe('reason tags', () => {
  it('puts matched skills first and highlights exact ones', () => {
    const tags = reasonTags(ANSWER.matches[0].reasons)
    expect(tags.map((t) => t.reasonType)).toEqual(['skill', 'skill', 'terms', 'track_record', 'region', 'capacity', 'something_new'])
    expect(tags[0]).toMatchObject({ text: '钨极氩弧焊', highlight: true, effect: 'dark', type: 'success' })
    expect(tags[1]).toMatchObject({ highlight: false, effect: 'plain' })
    expect(tags.at(-1).text).toBe('新的理由')
  })

  it('shows evidence from resolved needs right after the matched words, never last', () => {
    const tags = reasonTags([{ type: 'region', label: '同区县' }, { type: 'evidence', label: '曾解决过类似问题' }, { type: 'skill', label: '空压机维修' }])
    expect(tags.map((t) => t.reasonType)).toEqual(['skill', 'evidence', 'region'])
    expect(tags[1]).toMatchObject({ text: '曾解决过类似问题', type: 'success' })
  })

  it('survives reasons with missing or odd members', () => {
    expect(reasonTags(null)).toEqual([])
    const [terms, full, bare] = reasonTags([{ type: 'terms', terms: ['气孔', '焊缝'] }, { type: 'capacity', label: '本月已排满', left: 0 }, {}])
    expect(terms.text).toBe('气孔、焊缝')
    expect(full.type).toBe('danger')
    expect(bare.text).toBe('other')
  })

  it('clamps scores and treats an unknown confidence as low', () => {
    expect([scorePercent(0.834), scorePercent(1.7), scorePercent(-1), scorePercent('x')]).toEqual([83, 100, 0, 0])
    const list = normaliseMatchList({ confidence: 'certain', matches: [null, { craftsman_id: 'C-1' }] })
    expect(list.confidence).toBe('low')
    expect(list.matches).toEqual([{ id: 'C-1', name: 'C-1', score: 0, tags: [] }])
    expect(list.results).toEqual([])
  })
})

describe('候选工匠 panel', () => {
  it('lists ranked craftsmen with score, confidence, recognised skills and reasons', async () => {
    getNeedMatches.mockResolvedValue(ANSWER)
    const w = mountPanel()
    expect(w.find('[data-test="candidates-loading"]').text()).toContain('正在查找合适的工匠')
    await flushPromises()
    expect(getNeedMatches).toHaveBeenCalledWith('N-WELD-001', { top: 10, includeFull: false })
    expect(w.find('[data-test="confidence"]').text()).toBe('高置信度')
    expect(w.find('[data-test="need-skills"]').text()).toContain('识别为：')
    expect(w.find('[data-test="need-skills"]').text()).toContain('钨极氩弧焊')
    expect(w.find('[data-test="low-confidence"]').exists()).toBe(false)

    const candidates = w.findAll('[data-test="candidate"]')
    expect(candidates).toHaveLength(2)
    const first = candidates[0]
    expect(first.text()).toContain('雷振川')
    expect(first.find('[role="meter"]').attributes('aria-valuenow')).toBe('83')
    expect(first.text()).toContain('83%')
    const tags = first.findAll('[data-reason]')
    expect(tags.map((t) => t.attributes('data-reason'))).toEqual(['skill', 'skill', 'terms', 'track_record', 'region', 'capacity', 'something_new'])
    expect(tags[0].classes()).toContain('reason-tags__hit')
    expect(tags[1].classes()).not.toContain('reason-tags__hit')
    expect(first.text()).toContain('同城（需到现场）')
    expect(first.text()).toContain('本月还可安排2次')
    expect(first.text()).toContain('已解决3项需求')

    // Staff may open the profile.
    const link = first.findComponent(RouterLinkStub)
    expect(link.props('to')).toEqual({ name: 'craftsman', params: { id: 'C-004' } })

    // 推荐创新成果 below.
    expect(w.find('[data-test="results-panel"]').text()).toContain('推荐创新成果')
    expect(w.find('[data-test="recommended-result"]').text()).toContain('储罐焊缝气孔控制工法')
    // Staff dispatch from here: one 派单 button per candidate (dispatch.test.js).
    expect(w.findAll('[data-test="dispatch"]')).toHaveLength(2)
  })

  it('gives the enterprise no link to a craftsman profile', async () => {
    user.value = { role: 'enterprise' }
    getNeedMatches.mockResolvedValue(ANSWER)
    const w = mountPanel()
    await flushPromises()
    expect(w.findAll('[data-test="candidate"]')).toHaveLength(2)
    expect(w.find('[data-test="candidate-link"]').exists()).toBe(false)
    expect(w.find('[data-test="include-full"]').exists()).toBe(false)
    expect(w.text()).not.toMatch(/派单|组队/)
  })

  it('says plainly when confidence is low and keeps the weak list folded', async () => {
    getNeedMatches.mockResolvedValue({ ...ANSWER, confidence: 'low', need_skills: [] })
    const w = mountPanel()
    await flushPromises()
    expect(w.find('[data-test="confidence"]').text()).toBe('低置信度')
    expect(w.find('[data-test="low-confidence"]').text()).toContain('没有很合适的工匠，建议扩大范围或联系上级工会')
    expect(w.find('[data-test="need-skills"]').text()).toContain('未识别出具体技能')
    expect(w.find('[data-test="candidates"]').exists()).toBe(false)
    await w.find('[data-test="show-weak"]').trigger('click')
    expect(w.findAll('[data-test="candidate"]')).toHaveLength(2)
  })

  it('says so when nobody is found', async () => {
    getNeedMatches.mockResolvedValue({ need_id: 'N-WELD-001', confidence: 'medium', matches: [], results: [] })
    const w = mountPanel()
    await flushPromises()
    expect(w.find('[data-test="candidates-empty"]').text()).toContain('暂时没有可推荐的工匠')
    expect(w.find('[data-test="results-empty"]').text()).toContain('没有相关的创新成果')
  })

  it("shows the server's message on failure and retries", async () => {
    getNeedMatches.mockRejectedValueOnce(new ApiError(503, 'unavailable', '匹配服务尚未就绪，请稍后再试'))
    const w = mountPanel()
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toContain('候选工匠加载失败')
    expect(w.find('[data-test="error-message"]').text()).toBe('匹配服务尚未就绪，请稍后再试')
    expect(w.find('[data-test="candidate"]').exists()).toBe(false)
    expect(w.find('[data-test="results-panel"]').exists()).toBe(false)

    getNeedMatches.mockResolvedValueOnce(ANSWER)
    await w.find('[data-test="retry"]').trigger('click')
    await flushPromises()
    expect(getNeedMatches).toHaveBeenCalledTimes(2)
    expect(w.find('[role="alert"]').exists()).toBe(false)
    expect(w.findAll('[data-test="candidate"]')).toHaveLength(2)
  })

  it('asks again, including fully booked craftsmen, when staff tick the box', async () => {
    getNeedMatches.mockResolvedValue(ANSWER)
    const w = mountPanel()
    await flushPromises()
    await w.find('[data-test="include-full"] input').setValue(true)
    await flushPromises()
    expect(getNeedMatches).toHaveBeenLastCalledWith('N-WELD-001', { top: 10, includeFull: true })
  })
})

describe('可推广到的需求 panel', () => {
  it('lists the needs a result could serve, linking to each', async () => {
    getResultMatches.mockResolvedValue({
      result_id: 'R-002',
      needs: [{ need_id: 'N-WELD-001', title: '储罐焊缝气孔多', enterprise_id: 'E-CD-002', score: 0.66, reasons: [{ type: 'skill', label: '钨极氩弧焊', match: 'exact' }] }],
    })
    const w = mountPanel(ResultNeedsPanel, { resultId: 'R-002' })
    await flushPromises()
    const item = w.find('[data-test="promotable-need"]')
    expect(item.text()).toContain('储罐焊缝气孔多')
    expect(item.text()).toContain('66%')
    expect(item.findComponent(RouterLinkStub).props('to')).toEqual({ name: 'need', params: { id: 'N-WELD-001' } })
  })

  it('shows empty and error states', async () => {
    getResultMatches.mockResolvedValueOnce({ result_id: 'R-002', needs: [] })
    const w = mountPanel(ResultNeedsPanel, { resultId: 'R-002' })
    await flushPromises()
    expect(w.find('[data-test="promotable-empty"]').text()).toContain('暂时没有适合推广的需求')

    getResultMatches.mockRejectedValueOnce(new ApiError(404, 'not_found', '没有找到 results/R-9，或您无权查看'))
    await w.setProps({ resultId: 'R-9' })
    await flushPromises()
    expect(w.find('[data-test="error-message"]').text()).toBe('没有找到 results/R-9，或您无权查看')
  })
})

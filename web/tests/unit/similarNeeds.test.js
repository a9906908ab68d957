// 相似需求 with the API mocked: groups with their needs' titles, and the empty state.
import { describe, it, expect, vi, beforeEach } from 'vitest'
import { mount, flushPromises, RouterLinkStub } from '@vue/test-utils'

vi.mock('../../src/api/matching.js', () => ({ listDuplicateNeeds: vi.fn(), getNeedMatches: vi.fn(), getResultMatches: vi.fn() }))
vi.mock('../../src/api/records.js', () => ({ getRecord: vi.fn() }))

const { listDuplicateNeeds } = await import('../../src/api/matching.js')
const { getRecord } = await import('../../src/api/records.js')
const { default: SimilarNeedsPage } = await import('../../src/pages/needs/SimilarNeedsPage.vue')

const mountPage = () => mount(SimilarNeedsPage, { global: { stubs: { RouterLink: RouterLinkStub } } })

beforeEach(() => {
  listDuplicateNeeds.mockReset()
  getRecord.mockReset()
})

describe('相似需求', () => {
  it('lists groups with similarity, shared skills and the needs by title', async () => {
    listDuplicateNeeds.mockResolvedValue({
      groups: [{ need_ids: ['N-1', 'N-3', 'N-2'], enterprise_ids: ['E-1', 'E-2'], similarity: 0.64, skill_ids: ['weld.tig'], labels: ['钨极氩弧焊'] }],
    })
    const titles = { 'N-1': '储罐焊缝气孔多', 'N-3': '机架焊缝气孔' }
    getRecord.mockImplementation(async (kind, id) => {
      await new Promise((r) => setTimeout(r, id === 'N-1' ? 5 : 0)) // answers arrive out of order
      if (!titles[id]) throw new Error('hidden')
      return { id, title: titles[id], enterprise_id: 'E-1' }
    })
    const w = mountPage()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20))
    const group = w.find('[data-test="similar-group"]')
    expect(group.text()).toContain('3 条需求 · 2 家企业')
    expect(group.text()).toContain('相似度 64%')
    expect(group.text()).toContain('钨极氩弧焊')
    const links = group.findAllComponents(RouterLinkStub)
    expect(links.map((l) => l.text())).toEqual(['储罐焊缝气孔多', '机架焊缝气孔', 'N-2'])
    expect(links[0].props('to')).toEqual({ name: 'need', params: { id: 'N-1' } })
  })

  it('says what to do when there are no groups', async () => {
    listDuplicateNeeds.mockResolvedValue({ groups: [] })
    const w = mountPage()
    await flushPromises()
    expect(w.find('[data-test="empty-state"]').text()).toContain('没有发现相似的需求')
  })
})

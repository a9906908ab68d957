// The dashboard's 按地区 card: the province map where the rows span
// provinces, the bars otherwise or on request, the screen-reader table, the
// rows the map cannot place, and the CSV of what the map shows.
import { describe, it, expect, afterEach, vi } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import RegionBreakdown from '../../src/pages/dashboard/RegionBreakdown.vue'

// The canvas is ECharts' business (tests/unit/regionMap.test.js draws it);
// here the stub keeps the option it was given.
const EChartStub = { name: 'EChart', props: ['option', 'height', 'label'], template: '<div data-test="chart" :data-title="option.title.text" />' }

let wrapper
// Mounts and waits for the map's lazily imported ECharts parts.
async function mountCard(props) {
  wrapper = mount(RegionBreakdown, {
    attachTo: document.body,
    props: { metric: 'visits', context: { orgName: '全总', year: 2026 }, exportQuery: { org_id: 'root', year: 2026, region_level: 'city' }, ...props },
    global: { stubs: { EChart: EChartStub } },
  })
  await vi.dynamicImportSettled()
  await flushPromises()
  return wrapper
}
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

const ACROSS = [
  { key: '5101', name: '四川省成都市', visits: 3 },
  { key: '5107', name: '四川省绵阳市', visits: 2 },
  { key: '5001', name: '重庆市', visits: 4 },
]

describe('按地区', () => {
  it('shows the province map when city rows span provinces, with a table of the sums', async () => {
    const w = await mountCard({ rows: ACROSS, level: 'city' })
    expect(w.find('[data-test="region-map"]').exists()).toBe(true)
    expect(w.find('[data-test="chart"]').attributes('data-title')).toBe('按地区（省级）')
    const cells = w.findAll('[data-test="region-map-table"] tbody tr').map((tr) => [tr.attributes('data-code'), tr.find('th').text(), tr.find('td').text()])
    expect(cells).toEqual([['51', '四川省', '5'], ['50', '重庆市', '4']])
    expect(w.find('caption').text()).toBe('按地区（省级）：服务人次')
    expect(w.text()).toContain('由各市的数字按所属省份汇总')
    const csv = w.find('[data-test="region-map-csv"]').attributes('href')
    expect(csv).toContain('region_level=province')
    expect(csv).toContain('sheet=region')
    expect(csv).toContain('format=csv')
    expect(w.find('[data-test="region-unplaced"]').exists()).toBe(false)
  })

  it('switches to the bars and back', async () => {
    const w = await mountCard({ rows: ACROSS, level: 'city' })
    const buttons = w.findAll('[data-test="region-view"] input')
    await buttons[1].setValue(true)
    expect(w.find('[data-test="region-map"]').exists()).toBe(false)
    expect(w.find('[data-test="chart"]').attributes('data-title')).toBe('按地区')
    await buttons[0].setValue(true)
    expect(w.find('[data-test="region-map"]').exists()).toBe(true)
  })

  it('keeps the bars, with no map switch, when every city is in one province', async () => {
    const w = await mountCard({ rows: ACROSS.slice(0, 2), level: 'city' })
    expect(w.find('[data-test="region-map"]').exists()).toBe(false)
    expect(w.find('[data-test="region-view"]').exists()).toBe(false)
    expect(w.find('[data-test="chart"]').attributes('data-title')).toBe('按地区')
  })

  it('names the rows it cannot place on the map, with their figures', async () => {
    const w = await mountCard({ rows: [{ key: '51', name: '四川省', visits: 5 }, { key: '', visits: 2 }], level: 'province' })
    expect(w.find('[data-test="region-unplaced"]').text()).toContain('未填写 2')
    const rows = w.findAll('[data-test="region-map-table"] tbody tr')
    expect(rows.map((r) => r.find('th').text())).toEqual(['四川省', '未填写'])
    expect(w.text()).not.toContain('汇总')
  })

  it('asks for another region level through v-model', async () => {
    const w = await mountCard({ rows: ACROSS, level: 'city' })
    const levels = w.findAll('.region-tools .el-radio-group').at(0).findAll('input')
    await levels[0].setValue(true)
    expect(w.emitted('update:level')?.at(-1)).toEqual(['province'])
  })

  it('says when there is nothing to draw', async () => {
    const w = await mountCard({ rows: [], level: 'province' })
    expect(w.find('[data-test="chart"]').exists()).toBe(false)
    expect(w.text()).toContain('暂无数据')
  })
})

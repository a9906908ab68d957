// The dashboard's chart options are built from GET /kpi as it is: the
// figures pass through untouched, only formatting and layout are chosen.
import { describe, it, expect } from 'vitest'
import {
  gaugeOption,
  trendOption,
  breakdownOption,
  breakdownHeight,
  rateCards,
  hasActivity,
  orgChoices,
  formatPercent,
  formatRating,
  imageName,
  targetForm,
  targetProblem,
} from '../../src/domain/kpiCharts.js'

const REPORT = {
  org_id: 'cd',
  org_name: '成都市总工会',
  year: 2026,
  totals: { visits: 2, enterprises_served: 1, problems_solved: 1, workers_trained: 12, ratings: 1, rating_sum: 5 },
  targets: [
    { metric: 'visits', name: '服务人次', target: 1000, actual: 2, progress: 0.002 },
    { metric: 'enterprises_served', name: '服务企业数', target: 1000, actual: 1, progress: 0.001 },
    { metric: 'problems_solved', name: '解决难题数', target: 1, actual: 1, progress: 1 },
    { metric: 'workers_trained', name: '培训职工人次', target: 10, actual: 12, progress: 1.2 },
  ],
  rates: { resolution_rate: 1, followup_retention: 0.6667, average_rating: 5, override_rate: 0, median_days_to_first_visit: 3 },
  by_month: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, visits: i === 2 ? 2 : 0, workers_trained: i === 2 ? 12 : 0 })),
  by_region: [
    { key: '5101', name: '四川省成都市', visits: 2 },
    { key: '5001', visits: 5 },
  ],
}

describe('gauges', () => {
  it('shows progress as a percentage, the actual and target, and caps the dial at 100', () => {
    const o = gaugeOption(REPORT.targets[0], { orgName: '成都市总工会', year: 2026 })
    const s = o.series[0]
    expect(s.type).toBe('gauge')
    expect(s.data[0].value).toBe(0.2)
    expect(s.data[0].name).toBe('2 / 1,000')
    expect(s.detail.formatter()).toBe('0.2%')
    expect(o.title.text).toBe('服务人次')
    const over = gaugeOption(REPORT.targets[3])
    expect(over.series[0].data[0].value).toBe(100)
    expect(over.series[0].detail.formatter()).toBe('120%')
  })

  it('every chart can be saved as an image, named after what it shows', () => {
    for (const o of [gaugeOption(REPORT.targets[0], { orgName: '成都市总工会', year: 2026 }), trendOption(REPORT.by_month), breakdownOption(REPORT.by_region, 'visits', { title: '按地区' })]) {
      expect(o.toolbox.feature.saveAsImage).toBeTruthy()
      expect(o.aria.enabled).toBe(true)
    }
    expect(gaugeOption(REPORT.targets[0], { orgName: '成都市总工会', year: 2026 }).toolbox.feature.saveAsImage.name).toBe('服务人次-成都市总工会-2026')
    expect(imageName('按 地区/行业', { year: 2026 })).toBe('按_地区_行业-2026')
  })
})

describe('monthly trend', () => {
  it('has twelve months per metric, trainees on the right-hand axis', () => {
    const o = trendOption(REPORT.by_month)
    expect(o.xAxis.data).toHaveLength(12)
    expect(o.xAxis.data[2]).toBe('3月')
    expect(o.series.map((s) => s.name)).toEqual(['服务人次', '服务企业数', '解决难题数', '培训职工人次'])
    expect(o.series[0].data).toEqual([0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(o.series[3].yAxisIndex).toBe(1)
    expect(o.yAxis).toHaveLength(2)
  })

  it('fills missing months with zero', () => {
    expect(trendOption([{ month: 5, visits: 3 }], ['visits']).series[0].data).toEqual([0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0])
    expect(trendOption(undefined, ['visits']).yAxis).toHaveLength(1)
  })
})

describe('breakdown bars', () => {
  it('draws one metric, largest at the top, by name or else by code', () => {
    const o = breakdownOption(REPORT.by_region, 'visits', { title: '按地区' })
    // ECharts draws the first category at the bottom, so the largest comes last.
    expect(o.yAxis.data).toEqual(['四川省成都市', '5001'])
    expect(o.series[0].data).toEqual([2, 5])
    expect(o.series[0].name).toBe('服务人次')
    expect(breakdownOption([{ key: '' }], 'visits', { title: 'x' }).yAxis.data).toEqual(['未填写'])
    expect(breakdownHeight(REPORT.by_region)).toBe('160px')
    expect(breakdownHeight(new Array(40).fill({}))).toBe(`${56 + 15 * 30}px`)
  })
})

describe('rates', () => {
  it('formats the server rates without recomputing them', () => {
    const cards = Object.fromEntries(rateCards(REPORT).map((c) => [c.key, c.value]))
    expect(cards).toEqual({
      resolution_rate: '100%',
      average_rating: '5.0',
      override_rate: '0%',
      median_days_to_first_visit: '3',
      followup_retention: '66.7%',
    })
    const none = Object.fromEntries(rateCards({ rates: { average_rating: 0, median_days_to_first_visit: null } }).map((c) => [c.key, c.value]))
    expect(none.average_rating).toBe('—')
    expect(none.median_days_to_first_visit).toBe('—')
    expect(formatPercent(0.125)).toBe('12.5%')
    expect(formatRating(4.66, 3)).toBe('4.7')
    expect(hasActivity(REPORT)).toBe(true)
    expect(hasActivity({ totals: { visits: 0 } })).toBe(false)
  })
})

describe('pickers and targets', () => {
  const ORGS = [
    { id: 'root', name: '全总', kind: 'national' },
    { id: 'sc', name: '四川', kind: 'province', parent_id: 'root' },
    { id: 'cd', name: '成都', kind: 'city', parent_id: 'sc' },
    { id: 'sh', name: '上海', kind: 'province', parent_id: 'root' },
    { id: 'chuanyu', name: '川渝', kind: 'alliance', member_ids: ['sc', 'cq'] },
  ]
  it('offers staff their organisation, those below and their alliances; admins all', () => {
    expect(orgChoices(ORGS, { role: 'staff', org_id: 'sc' }).map((o) => o.id)).toEqual(['sc', 'cd', 'chuanyu'])
    expect(orgChoices(ORGS, { role: 'staff', org_id: 'cd' }).map((o) => o.id)).toEqual(['cd'])
    expect(orgChoices(ORGS, { role: 'admin' })).toHaveLength(5)
    expect(orgChoices(ORGS, { role: 'staff' })).toEqual([])
  })

  it('fills the targets dialog from the report and checks whole numbers', () => {
    expect(targetForm(REPORT)).toEqual({ visits: 1000, enterprises_served: 1000, problems_solved: 1, workers_trained: 10 })
    expect(targetProblem(300)).toBe('')
    expect(targetProblem(-1)).toBeTruthy()
    expect(targetProblem(1.5)).toBeTruthy()
    expect(targetProblem(null)).toBeTruthy()
  })
})

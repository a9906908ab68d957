// The province tile map: its hand-made layout against the reference table,
// the roll-up of city and district rows to provinces, and the chart as the
// dashboard's own ECharts build draws it.
import { describe, it, expect, afterEach } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { init } from '../../src/charts/echarts.js'
import '../../src/charts/heatmap.js'
import {
  TILE_LAYOUT,
  GRID_COLUMNS,
  GRID_ROWS,
  aggregateToProvinces,
  mapAvailable,
  provinceTiles,
  regionMapOption,
  rampColor,
  contrast,
  labelColor,
  EMPTY_TILE,
  EMPTY_TEXT,
} from '../../src/domain/regionMap.js'
import zh from '../../src/i18n/zh-CN.js'
import en from '../../src/i18n/en.js'
import { setLocale } from '../../src/i18n/index.js'

// data/reference/regions.tsv: code, name, parent_code; provinces have no parent.
const TSV = resolve(process.cwd(), '../data/reference/regions.tsv') // vitest runs from web/
const regions = readFileSync(TSV, 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => line.split('\t'))
const provinces = regions.filter(([, , parent]) => !parent)

afterEach(() => setLocale('zh-CN'))

describe('tile layout', () => {
  it('gives every province in regions.tsv a tile, under its own name', () => {
    expect(provinces.length).toBeGreaterThanOrEqual(31)
    for (const [code, name] of provinces) {
      const prefix = code.slice(0, 2)
      expect(TILE_LAYOUT[prefix], `${code} ${name}`).toBeDefined()
      expect(zh.regionMap.provinces[prefix].name).toBe(name)
    }
  })

  it('has 34 tiles (GB/T 2260 with Taiwan, Hong Kong and Macao), each in its own cell of the grid', () => {
    const cells = Object.values(TILE_LAYOUT).map(([x, y]) => `${x},${y}`)
    expect(cells).toHaveLength(34)
    expect(new Set(cells).size).toBe(cells.length)
    for (const [x, y] of Object.values(TILE_LAYOUT)) {
      expect(Number.isInteger(x) && x >= 0 && x < GRID_COLUMNS).toBe(true)
      expect(Number.isInteger(y) && y >= 0 && y < GRID_ROWS).toBe(true)
    }
    for (const code of ['71', '81', '82']) expect(TILE_LAYOUT[code]).toBeDefined()
  })

  it('names every tile in both languages, short enough for a 40px square', () => {
    for (const code of Object.keys(TILE_LAYOUT)) {
      for (const dict of [zh, en]) {
        const p = dict.regionMap.provinces[code]
        expect(p?.name, code).toBeTruthy()
        expect(p.short.length, `${code} ${p.short}`).toBeLessThanOrEqual(3)
      }
    }
    expect(Object.keys(zh.regionMap.provinces).sort()).toEqual(Object.keys(TILE_LAYOUT).sort())
  })

  it('keeps a few real neighbours side by side', () => {
    const at = (code) => TILE_LAYOUT[code]
    expect(at('50')[0] - at('51')[0]).toBe(1) // 重庆 east of 四川
    expect(at('42')[1] - at('41')[1]).toBe(1) // 湖北 south of 河南
    expect(at('23')[1]).toBe(0) // 黑龙江 at the top
    expect(at('46')[1]).toBe(GRID_ROWS - 1) // 海南 at the bottom
  })
})

describe('roll-up to provinces', () => {
  const ROWS = [
    { key: '5101', name: '四川省成都市', visits: 3, workers_trained: 10 },
    { key: '5107', name: '四川省绵阳市', visits: 2 },
    { key: '500115', visits: 4 },
    { key: '51', visits: 1 },
  ]

  it('sums city and district rows into their province by the first two digits', () => {
    const { provinces: sums, unplaced } = aggregateToProvinces(ROWS, ['visits', 'workers_trained'])
    expect([...sums.keys()].sort()).toEqual(['50', '51'])
    expect(sums.get('51')).toEqual({ code: '51', rows: 3, visits: 6, workers_trained: 10 })
    expect(sums.get('50')).toEqual({ code: '50', rows: 1, visits: 4, workers_trained: 0 })
    expect(unplaced).toEqual([])
  })

  it('reports rows it cannot place, figures and all, instead of dropping them', () => {
    const odd = [{ key: '', visits: 5 }, { key: '9901', visits: 2 }, { key: '7', visits: 1 }, { visits: 8 }]
    const { provinces: sums, unplaced } = aggregateToProvinces([...ROWS, ...odd], ['visits'])
    expect(unplaced).toEqual(odd)
    const placed = [...sums.values()].reduce((n, p) => n + p.visits, 0)
    expect(placed + unplaced.reduce((n, r) => n + r.visits, 0)).toBe(10 + 16) // every visit in the input
    const tiles = provinceTiles([...ROWS, ...odd], 'visits')
    expect(tiles.unplaced).toHaveLength(4)
  })

  it('offers the map at province level, and at city or district level only across provinces', () => {
    const one = [{ key: '5101', visits: 1 }, { key: '5107', visits: 1 }]
    expect(mapAvailable(one, 'city', ['visits'])).toBe(false)
    expect(mapAvailable([{ key: '510107', visits: 1 }], 'district', ['visits'])).toBe(false)
    expect(mapAvailable([...one, { key: '5001', visits: 1 }], 'city', ['visits'])).toBe(true)
    expect(mapAvailable([{ key: '51', visits: 1 }], 'province', ['visits'])).toBe(true)
    expect(mapAvailable([{ key: '', visits: 1 }], 'province', ['visits'])).toBe(false)
    expect(mapAvailable([], 'province', ['visits'])).toBe(false)
  })
})

describe('colours', () => {
  it('labels every shade of the ramp, and the grey tiles, at 4.5:1 or better', () => {
    for (let i = 0; i <= 100; i++) {
      const bg = rampColor(i / 100)
      expect(contrast(labelColor(bg), bg), bg).toBeGreaterThanOrEqual(4.5)
    }
    expect(contrast(EMPTY_TEXT, EMPTY_TILE)).toBeGreaterThanOrEqual(4.5)
    expect(labelColor(rampColor(1))).toBe('#ffffff')
    expect(labelColor(rampColor(0))).toBe('#000000')
  })
})

describe('the chart', () => {
  const ROWS = [
    { key: '5101', visits: 5 },
    { key: '5001', visits: 2 },
    { key: '3101', visits: 9 },
    { key: '', visits: 1 },
  ]

  it('colours the provinces with records, greys the rest, and can be saved as an image', () => {
    const o = regionMapOption(ROWS, 'visits', { title: '按地区（省级）', level: 'city', orgName: '全总', year: 2026 })
    const [filled, empty] = o.series
    expect(filled.data.map((d) => [d.short, d.value[2]])).toEqual([['上海', 9], ['四川', 5], ['重庆', 2]])
    expect(empty.data).toHaveLength(31)
    expect(o.visualMap[0]).toMatchObject({ seriesIndex: 0, min: 0, max: 9 })
    expect(o.grid.width / GRID_COLUMNS).toBe(o.grid.height / GRID_ROWS) // square tiles
    expect(o.toolbox.feature.saveAsImage.name).toBe('按地区（省级）-地图-服务人次-全总-2026')
    expect(o.aria.label.description).toContain('上海市 9、四川省 5、重庆市 2')
    expect(o.aria.label.description).toContain('另有 31 个')
    const tip = o.tooltip.formatter({ data: filled.data[1] })
    expect(tip).toBe('四川省<br/>服务人次：5<br/>由 1 个市汇总')
    expect(o.tooltip.formatter({ data: empty.data[0] })).toContain('无记录')
  })

  it('follows the language switch', () => {
    setLocale('en')
    const o = regionMapOption(ROWS, 'visits', { title: 'By region', level: 'province' })
    expect(o.series[0].data.map((d) => d.short)).toEqual(['SH', 'SC', 'CQ'])
    expect(o.tooltip.formatter({ data: o.series[0].data[0] })).toBe('Shanghai<br/>Craftsman visits: 9')
  })

  it('draws with the dashboard\'s ECharts build: every tile, in the colours the labels were chosen for', () => {
    use([SVGRenderer])
    const chart = init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 412 })
    const o = regionMapOption(ROWS, 'visits', { title: '按地区（省级）', level: 'city' })
    chart.setOption(o)
    const svg = chart.renderToSVGString()
    chart.dispose()
    for (const d of o.series[0].data) expect(svg).toContain(`fill="${d.tile.color}"`)
    for (const name of ['黑龙江', '海南', '台湾', '香港', '澳门']) expect(svg).toContain(name)
  })
})

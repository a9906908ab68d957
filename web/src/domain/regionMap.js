// The by-region breakdown as a tile-grid cartogram of China's province-level
// divisions: one equal square per province at its rough relative position,
// coloured by the metric. A cartogram rather than an outline map because
// outlines of China need approved map data (审图号) and the GeoJSON packages on
// npm carry no clear licence (docs/architecture.md, Decisions); squares at
// approximate places depict no boundary at all.
//
// The figures are the server's. A report asked at city or district level is
// rolled up to provinces here by the code's first two digits — the same
// roll-up the server does for region_level=province (tracking/kpi.cpp), so
// the tiles show what GET /kpi?region_level=province answers.
import { t } from '../i18n/index.js'
import { COLORS, metricLabel, formatCount, toolbox, titleOf } from './kpiCharts.js'

// GB/T 2260 province-level codes (first two digits) → [column, row] with row 0
// at the top. Hand-placed: each tile keeps its real neighbours on the sides
// where it can (四川 west of 重庆, 湖北 south of 河南, …). Taiwan, Hong Kong
// and Macao are in GB/T 2260 and keep their tiles although regions.tsv (and
// so any record) has no codes under them.
export const TILE_LAYOUT = {
  23: [6, 0],
  15: [3, 1], 11: [4, 1], 21: [5, 1], 22: [6, 1],
  65: [0, 2], 62: [1, 2], 64: [2, 2], 14: [3, 2], 13: [4, 2], 12: [5, 2],
  54: [0, 3], 63: [1, 3], 61: [2, 3], 41: [3, 3], 37: [4, 3],
  51: [1, 4], 50: [2, 4], 42: [3, 4], 34: [4, 4], 32: [5, 4], 31: [6, 4],
  53: [1, 5], 52: [2, 5], 43: [3, 5], 36: [4, 5], 33: [5, 5],
  45: [2, 6], 44: [3, 6], 35: [4, 6], 71: [5, 6],
  46: [2, 7], 82: [3, 7], 81: [4, 7],
}
export const GRID_COLUMNS = 1 + Math.max(...Object.values(TILE_LAYOUT).map(([x]) => x))
export const GRID_ROWS = 1 + Math.max(...Object.values(TILE_LAYOUT).map(([, y]) => y))

export const provinceName = (code) => t(`regionMap.provinces.${code}.name`)
export const provinceShort = (code) => t(`regionMap.provinces.${code}.short`)

// A report's by_region rows summed per province. Rows whose code has no tile
// (no code, or a prefix GB/T 2260 does not have) come back in `unplaced` with
// their figures so the page can name them rather than lose them.
//   → { provinces: Map(code → { code, rows, <metric>: sum, … }), unplaced: [row] }
export function aggregateToProvinces(rows, metrics) {
  const provinces = new Map()
  const unplaced = []
  for (const row of rows ?? []) {
    const key = typeof row?.key === 'string' ? row.key : ''
    const code = key.slice(0, 2)
    if (key.length < 2 || !(code in TILE_LAYOUT)) {
      unplaced.push(row)
      continue
    }
    if (!provinces.has(code)) provinces.set(code, { code, rows: 0, ...Object.fromEntries(metrics.map((m) => [m, 0])) })
    const sum = provinces.get(code)
    sum.rows += 1
    for (const m of metrics) sum[m] += Number(row[m] ?? 0) || 0
  }
  return { provinces, unplaced }
}

// Whether a map says more than the bars: at province level whenever some row
// has a tile; at city or district level only when the rows span two or more
// provinces — a single coloured square would hide the detail the bars show.
export function mapAvailable(rows, level, metrics) {
  const { provinces } = aggregateToProvinces(rows, metrics)
  return level === 'province' ? provinces.size > 0 : provinces.size > 1
}

// ---- colour and contrast -------------------------------------------------

export const RAMP = ['#fbeaea', COLORS[0]] // pale to the dashboard's red
export const EMPTY_TILE = '#eceef1'
export const EMPTY_TEXT = '#5c6370'

const channels = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
// The colour ECharts' continuous visualMap gives a value: linear RGB between
// the two ends (zrender's fastLerp), rounded.
export function rampColor(ratio) {
  const r = Math.min(1, Math.max(0, Number(ratio) || 0))
  const [a, b] = RAMP.map(channels)
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * r)).join(',')})`
}
function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
const parseRgb = (css) => (css.startsWith('#') ? channels(css) : css.match(/\d+/g).map(Number))
export function contrast(fg, bg) {
  const [l1, l2] = [luminance(parseRgb(fg)), luminance(parseRgb(bg))].sort((x, y) => y - x)
  return (l1 + 0.05) / (l2 + 0.05)
}
// Black or white, whichever reads better on the tile: one of them always
// reaches 4.5:1 (WCAG AA for the 11px labels).
export const labelColor = (background) => (contrast('#000000', background) >= contrast('#ffffff', background) ? '#000000' : '#ffffff')

// ---- the chart -----------------------------------------------------------

// The tiles of one metric: provinces with records (value, colour, label
// colour) and those without (grey). Also what the page's table lists.
export function provinceTiles(rows, metric) {
  const { provinces, unplaced } = aggregateToProvinces(rows, [metric])
  const max = Math.max(0, ...[...provinces.values()].map((p) => p[metric]))
  const filled = []
  const empty = []
  for (const [code, [x, y]] of Object.entries(TILE_LAYOUT)) {
    const p = provinces.get(code)
    const tile = { code, x, y, name: provinceName(code), short: provinceShort(code) }
    if (p) filled.push({ ...tile, value: p[metric], rows: p.rows, color: rampColor(max ? p[metric] / max : 0) })
    else empty.push(tile)
  }
  filled.sort((a, b) => b.value - a.value || a.code.localeCompare(b.code))
  return { filled, empty, unplaced, max }
}

export const TILE_PX = 40
export const regionMapHeight = () => `${36 + GRID_ROWS * TILE_PX + 56}px`

function tooltipText(tile, metric, level) {
  if (tile.value === undefined) return `${tile.name}<br/>${t('regionMap.noRecords')}`
  const from = level !== 'province' ? `<br/>${t(`regionMap.rolledUp.${level}`, { n: tile.rows })}` : ''
  return `${tile.name}<br/>${t('regionMap.tooltipValue', { metric: metricLabel(metric), value: formatCount(tile.value) })}${from}`
}

// What a screen reader hears for the canvas (the page also has a table).
export function mapDescription(tiles, metric, title) {
  const listed = tiles.filled.map((f) => `${f.name} ${formatCount(f.value)}`)
  return t('regionMap.description', {
    title,
    metric: metricLabel(metric),
    list: listed.length ? listed.join(t('regionMap.listSep')) : t('regionMap.noRecords'),
    empty: tiles.empty.length,
  })
}

// Two heatmap series on a hidden category grid, square tiles centred: the
// provinces with records under the shown visualMap, the rest under a hidden
// one that paints them grey (ECharts draws a heatmap only through a visualMap).
export function regionMapOption(rows, metric, { title, level = 'province', ...context } = {}) {
  const tiles = provinceTiles(rows, metric)
  const cell = (tile, extra) => ({ name: tile.name, short: tile.short, value: [tile.x, tile.y, extra.v], tile, ...extra.item })
  const label = (p) => (p.data.tile.value === undefined ? p.data.short : `${p.data.short}\n${formatCount(p.data.tile.value)}`)
  const axis = (n) => ({ type: 'category', data: Array.from({ length: n }, (_, i) => String(i)), show: false })
  return {
    aria: { enabled: true, label: { description: mapDescription(tiles, metric, title) } },
    title: titleOf(title),
    toolbox: toolbox(`${title}-${t('regionMap.view.map')}-${metricLabel(metric)}`, context),
    tooltip: { trigger: 'item', formatter: (p) => tooltipText(p.data.tile, metric, level) },
    grid: { left: 'center', top: 36, width: GRID_COLUMNS * TILE_PX, height: GRID_ROWS * TILE_PX },
    xAxis: axis(GRID_COLUMNS),
    yAxis: { ...axis(GRID_ROWS), inverse: true },
    visualMap: [
      {
        type: 'continuous',
        seriesIndex: 0,
        min: 0,
        max: tiles.max || 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 4,
        itemHeight: 160,
        itemWidth: 12,
        text: [formatCount(tiles.max), '0'],
        textStyle: { color: '#1f2329' },
        inRange: { color: RAMP },
      },
      { type: 'continuous', seriesIndex: 1, show: false, min: 0, max: 1, inRange: { color: [EMPTY_TILE, EMPTY_TILE] } },
    ],
    series: [
      {
        type: 'heatmap',
        name: metricLabel(metric),
        data: tiles.filled.map((f) => cell(f, { v: f.value, item: { label: { color: labelColor(f.color) } } })),
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { show: true, formatter: label, fontSize: 11, lineHeight: 14 },
        emphasis: { itemStyle: { borderColor: '#1f2329', borderWidth: 2 } },
      },
      {
        type: 'heatmap',
        name: t('regionMap.noRecords'),
        data: tiles.empty.map((e) => cell(e, { v: 0 })),
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { show: true, formatter: label, fontSize: 11, color: EMPTY_TEXT },
        emphasis: { disabled: true },
      },
    ],
  }
}

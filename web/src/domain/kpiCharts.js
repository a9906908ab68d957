// ECharts options for the KPI dashboard, built from GET /kpi as it is: the
// figures are the server's (no sums or ratios computed here); these
// functions only choose how to draw and format them. Every chart carries
// the saveAsImage toolbox so it can be put into a report.
import { t, locale } from '../i18n/index.js'

// The four yearly targets, in the report's order.
export const TARGET_METRICS = ['visits', 'enterprises_served', 'problems_solved', 'workers_trained']
export const metricLabel = (code) => t(`dashboard.metrics.${code}`)

export const COLORS = ['#b8262e', '#2f6fb0', '#3d7a1f', '#c77800', '#6b4fa0', '#16808a']
const TEXT = '#1f2329'
const MUTED = '#5c6370'

// ---- formatting ----------------------------------------------------------

export function formatPercent(ratio, digits = 1) {
  const n = Number(ratio)
  if (!Number.isFinite(n)) return '—'
  return `${(n * 100).toFixed(digits).replace(/\.0+$/, '')}%`
}
// A rating average; '—' when nobody has rated yet (the server answers 0).
export function formatRating(average, ratings) {
  const n = Number(average)
  if (!Number.isFinite(n) || !ratings) return '—'
  return n.toFixed(1)
}
export function formatDays(days) {
  return days === null || days === undefined || !Number.isFinite(Number(days)) ? '—' : String(days)
}
export function formatCount(n) {
  const v = Number(n)
  if (!Number.isFinite(v)) return '0'
  return v.toLocaleString(locale.value === 'en' ? 'en-US' : 'zh-CN')
}

// ---- shared pieces -------------------------------------------------------

// A file name for saveAsImage: what the chart shows, the organisation, the year.
export function imageName(title, context = {}) {
  return [title, context.orgName, context.year].filter(Boolean).join('-').replace(/[\\/:*?"<>|\s]+/g, '_')
}

export function toolbox(title, context) {
  return {
    right: 4,
    top: 0,
    feature: {
      saveAsImage: { name: imageName(title, context), title: t('dashboard.saveImage'), pixelRatio: 2, backgroundColor: '#fff' },
    },
  }
}

export const titleOf = (text) => ({ text, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: TEXT } })

// ---- the charts ----------------------------------------------------------

// One yearly target as a gauge: progress against the target in percent, the
// actual and target below. Past 100 % the dial stays full.
export function gaugeOption(target, context = {}) {
  const percent = Math.round(Number(target?.progress ?? 0) * 1000) / 10
  const name = metricLabel(target?.metric) || target?.name || ''
  return {
    aria: { enabled: true },
    title: titleOf(name),
    toolbox: toolbox(name, context),
    series: [
      {
        type: 'gauge',
        name,
        min: 0,
        max: 100,
        startAngle: 210,
        endAngle: -30,
        radius: '88%',
        center: ['50%', '60%'],
        progress: { show: true, width: 14, itemStyle: { color: percent >= 100 ? COLORS[2] : COLORS[0] } },
        axisLine: { lineStyle: { width: 14, color: [[1, '#eceef1']] } },
        pointer: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        anchor: { show: false },
        // The actual and target, also in a saved image (the page repeats them as text for screen readers).
        title: { show: true, offsetCenter: [0, '34%'], fontSize: 13, color: MUTED },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '0%'],
          fontSize: 22,
          fontWeight: 600,
          color: TEXT,
          formatter: () => `${percent}%`,
        },
        data: [
          {
            value: Math.min(percent, 100),
            name: t('dashboard.actualOfTarget', { actual: formatCount(target?.actual), target: formatCount(target?.target) }),
          },
        ],
      },
    ],
  }
}

export const monthLabels = () => Array.from({ length: 12 }, (_, i) => t('dashboard.month', { m: i + 1 }))

// by_month (12 rows) as lines; trainees are counted in the tens of
// thousands, so they get the right-hand axis.
export function trendOption(byMonth, metrics = TARGET_METRICS, context = {}) {
  const rows = Array.from({ length: 12 }, (_, i) => (byMonth ?? []).find((r) => r.month === i + 1) ?? {})
  const title = t('dashboard.trend')
  const rightAxis = metrics.includes('workers_trained') && metrics.length > 1
  return {
    aria: { enabled: true },
    color: COLORS,
    title: titleOf(title),
    toolbox: toolbox(title, context),
    tooltip: { trigger: 'axis' },
    legend: { top: 26, left: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: monthLabels(), boundaryGap: false },
    yAxis: rightAxis
      ? [
          { type: 'value', minInterval: 1 },
          // Trainees (the legend names them) on the right-hand scale.
          { type: 'value', minInterval: 1, splitLine: { show: false }, axisLabel: { color: COLORS[3] } },
        ]
      : [{ type: 'value', minInterval: 1 }],
    series: metrics.map((m) => ({
      type: 'line',
      name: metricLabel(m),
      smooth: false,
      symbolSize: 6,
      yAxisIndex: rightAxis && m === 'workers_trained' ? 1 : 0,
      data: rows.map((r) => Number(r[m] ?? 0)),
    })),
  }
}

// A breakdown (by_region, by_industry, by_kind, by_organisation) as
// horizontal bars of one metric, largest first; a row shows its name, or
// its code when the server has no name for it.
export function breakdownOption(rows, metric, { title, limit = 15, ...context } = {}) {
  const list = [...(rows ?? [])]
    .map((r) => ({ label: r.name || r.key || t('dashboard.unknownKey'), value: Number(r[metric] ?? 0) }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, limit)
    .reverse() // ECharts draws the first category at the bottom
  return {
    aria: { enabled: true },
    title: titleOf(title),
    toolbox: toolbox(`${title}-${metricLabel(metric)}`, context),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: list.map((r) => r.label),
      axisLabel: { width: 110, overflow: 'truncate', color: TEXT },
    },
    series: [
      {
        type: 'bar',
        name: metricLabel(metric),
        data: list.map((r) => r.value),
        itemStyle: { color: COLORS[0], borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: MUTED },
        barMaxWidth: 22,
      },
    ],
  }
}

// A chart's height that fits its bars.
export const breakdownHeight = (rows, limit = 15) => `${Math.max(160, 56 + Math.min(rows?.length ?? 0, limit) * 30)}px`

// The rates row: what each card shows, straight from report.rates.
export function rateCards(report) {
  const rates = report?.rates ?? {}
  const totals = report?.totals ?? {}
  return [
    { key: 'resolution_rate', value: formatPercent(rates.resolution_rate), hint: t('dashboard.hints.resolution_rate') },
    { key: 'average_rating', value: formatRating(rates.average_rating, totals.ratings), hint: t('dashboard.hints.average_rating') },
    { key: 'override_rate', value: formatPercent(rates.override_rate), hint: t('dashboard.hints.override_rate') },
    {
      key: 'median_days_to_first_visit',
      value: formatDays(rates.median_days_to_first_visit),
      hint: t('dashboard.hints.median_days_to_first_visit'),
    },
    { key: 'followup_retention', value: formatPercent(rates.followup_retention), hint: t('dashboard.hints.followup_retention') },
  ].map((c) => ({ ...c, label: t(`dashboard.rates.${c.key}`) }))
}

// Whether anything at all has been recorded this year.
export const hasActivity = (report) => Object.values(report?.totals ?? {}).some((v) => Number(v) > 0)

// ---- pickers -------------------------------------------------------------

// The organisations a user may pick: an administrator any; staff their own,
// those below it, and the alliances it belongs to (the server decides in
// the end and answers 404 for any other).
export function orgChoices(orgs, user) {
  const list = Array.isArray(orgs) ? orgs : []
  if (user?.role === 'admin') return list
  const own = user?.org_id
  if (!own) return []
  const children = new Map()
  for (const o of list) {
    if (o.kind === 'alliance' || !o.parent_id || o.parent_id === o.id) continue
    if (!children.has(o.parent_id)) children.set(o.parent_id, [])
    children.get(o.parent_id).push(o.id)
  }
  const ids = new Set()
  const walk = (id) => {
    if (ids.has(id)) return
    ids.add(id)
    for (const c of children.get(id) ?? []) walk(c)
  }
  walk(own)
  for (const o of list) if (o.kind === 'alliance' && (o.member_ids ?? []).includes(own)) ids.add(o.id)
  return list.filter((o) => ids.has(o.id))
}

// The years offered: four back and the next one.
export function yearChoices(now = new Date()) {
  const y = now.getFullYear()
  return [y + 1, y, y - 1, y - 2, y - 3, y - 4]
}

// The targets dialog's values from the report, and its check.
export const targetForm = (report) =>
  Object.fromEntries(TARGET_METRICS.map((m) => [m, (report?.targets ?? []).find((x) => x.metric === m)?.target ?? 0]))
export const targetProblem = (v) =>
  Number.isInteger(v) && v >= 0 && v <= 100_000_000 ? '' : 'dashboard.targetsDialog.invalid'

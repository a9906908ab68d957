// How the UI reads the matching answers: confidence badges, score bars and
// reason tags. The server's reasons carry the Chinese `label` to show; the
// type and its members decide the tag's colour and order. Unknown types and
// members are shown by their label (or type) rather than dropped.

export const CONFIDENCES = {
  high: { key: 'matching.confidenceHigh', tag: 'success' },
  medium: { key: 'matching.confidenceMedium', tag: 'warning' },
  low: { key: 'matching.confidenceLow', tag: 'danger' },
}
export const confidenceOf = (code) => CONFIDENCES[code] ?? CONFIDENCES.low
export const isLowConfidence = (code) => !CONFIDENCES[code] || code === 'low'

// A score in [0, 1] as a whole percentage, clamped; anything else is 0.
export function scorePercent(score) {
  const n = Number(score)
  if (!Number.isFinite(n)) return 0
  return Math.round(Math.min(1, Math.max(0, n)) * 100)
}

const ORDER = ['skill', 'terms', 'evidence', 'track_record', 'region', 'capacity', 'industry', 'kind', 'owner']

// One reason as a tag: {key, type, effect, text, highlight, reasonType}.
export function reasonTag(reason, index = 0) {
  const r = reason && typeof reason === 'object' ? reason : {}
  const kind = typeof r.type === 'string' ? r.type : 'other'
  let text = typeof r.label === 'string' && r.label ? r.label : ''
  let type = 'info'
  let effect = 'plain'
  let highlight = false
  switch (kind) {
    case 'skill':
      highlight = r.match === 'exact' || !r.match
      type = 'success'
      effect = highlight ? 'dark' : 'plain'
      if (!text) text = r.skill_id ?? ''
      break
    case 'terms':
      if (!text && Array.isArray(r.terms)) text = r.terms.join('、')
      break
    case 'capacity':
      if (r.left != null && Number(r.left) <= 0) type = 'danger'
      break
    case 'track_record':
      type = 'warning'
      break
    // Needs the craftsman resolved before: the server never quotes their words.
    case 'evidence':
      type = 'success'
      break
    default:
      break
  }
  if (!text) text = kind
  return { key: `${kind}-${index}`, reasonType: kind, type, effect, text, highlight }
}

// The reasons as tags, matched skills first, known types in a fixed order.
export function reasonTags(reasons) {
  if (!Array.isArray(reasons)) return []
  const rank = (t) => {
    const i = ORDER.indexOf(t.reasonType)
    return i === -1 ? ORDER.length : i
  }
  return reasons
    .map((r, i) => reasonTag(r, i))
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t) - rank(b.t) || Number(b.t.highlight) - Number(a.t.highlight) || a.i - b.i)
    .map(({ t }) => t)
}

// 识别为 shows the strongest few; the rest are weak readings that add noise.
export const NEED_SKILLS_SHOWN = 4

// The answer of GET /needs/{id}/matches with every list present.
export function normaliseMatchList(body) {
  const b = body && typeof body === 'object' ? body : {}
  const list = (x) => (Array.isArray(x) ? x.filter((e) => e && typeof e === 'object') : [])
  return {
    needId: b.need_id ?? '',
    confidence: CONFIDENCES[b.confidence] ? b.confidence : 'low',
    needSkills: list(b.need_skills)
      .slice(0, NEED_SKILLS_SHOWN)
      .map((s, i) => ({ id: s.skill_id || String(i), label: s.label || s.skill_id || '', weight: s.weight })),
    matches: list(b.matches).map((m) => ({
      id: m.craftsman_id ?? '',
      name: m.name || m.craftsman_id || '',
      score: scorePercent(m.score),
      tags: reasonTags(m.reasons),
    })),
    results: list(b.results).map((r) => ({
      id: r.result_id ?? '',
      title: r.title || r.result_id || '',
      score: scorePercent(r.score),
      tags: reasonTags(r.reasons),
    })),
  }
}

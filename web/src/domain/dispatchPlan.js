// 批量派单 as the UI reads it (POST /dispatch, GET /dispatch/{id}, POST
// /dispatch/{id}/confirm): the optimiser's plan beside the greedy one, need
// by need, with what each plan would achieve once staff leave some needs out.
// The server's plans are taken as they are; only counting (served, unserved,
// load per craftsman) is done here, because the answer does not carry it for
// a subset.

export const PLANS = ['optimal', 'greedy']
// The server refuses more in one proposal (services/batch_dispatch.cpp).
export const MAX_NEEDS = 2000

const list = (x) => (Array.isArray(x) ? x.filter((e) => e && typeof e === 'object') : [])
const text = (x) => (typeof x === 'string' ? x : x == null ? '' : String(x))

// One plan with every list present and ids as strings.
export function normalisePlan(plan) {
  const p = plan && typeof plan === 'object' ? plan : {}
  const assignments = list(p.assignments).map((a) => {
    const ids = (Array.isArray(a.craftsman_ids) ? a.craftsman_ids : []).map(text).filter(Boolean)
    const leadId = text(a.lead_id) || ids[0] || ''
    // The stored plan (GET /dispatch/{id}) names them; a proposal's answer
    // and anyone the caller may no longer see come without a name.
    const names = Object.fromEntries(list(a.craftsmen).filter((c) => text(c.id) && text(c.name)).map((c) => [text(c.id), text(c.name)]))
    if (leadId && text(a.lead_name) && !names[leadId]) names[leadId] = text(a.lead_name)
    return {
      needId: text(a.need_id),
      needTitle: text(a.need_title),
      enterpriseName: text(a.enterprise_name),
      // lead first, as the server sends them; a lead missing from the list is added
      craftsmanIds: ids.includes(leadId) || !leadId ? ids : [leadId, ...ids],
      leadId,
      names,
      score: Number.isFinite(Number(a.score)) ? Number(a.score) : 0,
    }
  })
  const unserved = list(p.unserved).map((u) => ({
    needId: text(u.need_id),
    needTitle: text(u.need_title),
    enterpriseName: text(u.enterprise_name),
    reason: text(u.reason),
    label: text(u.reason_label),
    detail: text(u.detail),
  }))
  return {
    assignments,
    unserved,
    totalScore: Number.isFinite(Number(p.total_score)) ? Number(p.total_score) : 0,
    needsServed: Number.isInteger(p.needs_served) ? p.needs_served : assignments.length,
  }
}

// The answer of POST /dispatch or GET /dispatch/{id}: {planId, state,
// optimal, greedy, skipped, confirmed}. `skipped` lists needs asked for that
// were no longer open (dispatched or closed since they were picked): the
// server plans the rest and names these, with its reason. A stored plan says
// whether it was confirmed and, when the server kept it, with which plan and
// which needs left out; a fresh proposal is `proposed`.
export function normaliseProposal(body) {
  const b = body && typeof body === 'object' ? body : {}
  const skipped = list(b.skipped)
    .map((s) => ({ needId: text(s.need_id), title: text(s.need_title), enterpriseName: text(s.enterprise_name), reason: text(s.reason) }))
    .filter((s) => s.needId)
  const c = b.confirmed && typeof b.confirmed === 'object' ? b.confirmed : null
  const confirmed = c && {
    plan: PLANS.includes(c.plan) ? c.plan : 'optimal',
    exclude: (Array.isArray(c.exclude) ? c.exclude : []).map(text).filter(Boolean),
    at: text(c.at),
    // the engagements confirming created, kept with the plan by the server
    created: list(c.created)
      .map((e) => ({ needId: text(e.need_id), engagementId: text(e.engagement_id) }))
      .filter((e) => e.engagementId),
    // the needs confirming could not dispatch, with the server's reason
    failed: list(c.failed)
      .map((f) => ({ needId: text(f.need_id), message: text(f.message) }))
      .filter((f) => f.needId),
  }
  return {
    planId: text(b.plan_id),
    state: b.state === 'confirmed' || confirmed ? 'confirmed' : 'proposed',
    optimal: normalisePlan(b.optimal),
    greedy: normalisePlan(b.greedy),
    skipped,
    confirmed: confirmed || null,
  }
}

// What the page shows for ids: {titles: need id → title, names: craftsman id
// → name, enterprises: need id → its enterprise's name}, from both plans and
// the skipped needs. Ids without one are left out, so the page falls back
// to the id (or to what it read elsewhere).
export function planLabels(proposal) {
  const titles = {}
  const names = {}
  const enterprises = {}
  const note = (needId, title, enterprise) => {
    if (title) titles[needId] = title
    if (enterprise) enterprises[needId] = enterprise
  }
  for (const which of PLANS) {
    for (const a of proposal?.[which]?.assignments ?? []) {
      note(a.needId, a.needTitle, a.enterpriseName)
      Object.assign(names, a.names)
    }
    for (const u of proposal?.[which]?.unserved ?? []) note(u.needId, u.needTitle, u.enterpriseName)
  }
  for (const s of proposal?.skipped ?? []) note(s.needId, s.title, s.enterpriseName)
  return { titles, names, enterprises }
}

// Where a plan's id lives in the address (?plan=ID), beside ?needs=.
export function planIdOf(query) {
  const v = query?.plan
  return typeof v === 'string' ? v.trim() : ''
}

// What a plan does with one need: {kind: 'assigned', …} or {kind: 'unserved', …}.
function entriesByNeed(plan) {
  const byNeed = new Map()
  for (const a of plan.assignments) byNeed.set(a.needId, { kind: 'assigned', ...a })
  for (const u of plan.unserved) if (!byNeed.has(u.needId)) byNeed.set(u.needId, { kind: 'unserved', ...u })
  return byNeed
}

const sameTeam = (a, b) =>
  a.leadId === b.leadId && a.craftsmanIds.length === b.craftsmanIds.length && a.craftsmanIds.every((id) => b.craftsmanIds.includes(id))

// Whether the two plans treat a need differently: one serves it and the other
// does not, or they send different people (a squad counts as its members).
export function entriesDiffer(a, b) {
  if (!a || !b) return a !== b
  if (a.kind !== b.kind) return true
  return a.kind === 'assigned' && !sameTeam(a, b)
}

// One row per need, in `order` (the ids asked for) and then as the plans
// list them; each row holds both plans' entries and whether they differ.
export function compareRows(proposal, order = []) {
  const optimal = entriesByNeed(proposal.optimal)
  const greedy = entriesByNeed(proposal.greedy)
  const ids = []
  const seen = new Set()
  const add = (id) => {
    if (id && !seen.has(id) && (optimal.has(id) || greedy.has(id))) {
      seen.add(id)
      ids.push(id)
    }
  }
  order.forEach(add)
  for (const plan of [proposal.optimal, proposal.greedy]) {
    plan.assignments.forEach((a) => add(a.needId))
    plan.unserved.forEach((u) => add(u.needId))
  }
  return ids.map((needId) => {
    const o = optimal.get(needId) ?? null
    const g = greedy.get(needId) ?? null
    return { needId, optimal: o, greedy: g, differs: entriesDiffer(o, g) }
  })
}

const kept = (exclude) => {
  const out = exclude instanceof Set ? exclude : new Set(exclude ?? [])
  return (id) => !out.has(id)
}

// How many needs each craftsman would take in this plan (squad members too).
export function craftsmanLoads(plan, exclude) {
  const keep = kept(exclude)
  const loads = new Map()
  for (const a of plan.assignments) {
    if (!keep(a.needId)) continue
    for (const id of new Set(a.craftsmanIds)) loads.set(id, (loads.get(id) ?? 0) + 1)
  }
  return loads
}

// The busiest craftsmen: {count, craftsmanIds} (count 0 when nobody is sent).
export function maxLoad(plan, exclude) {
  let count = 0
  let craftsmanIds = []
  for (const [id, n] of craftsmanLoads(plan, exclude)) {
    if (n > count) {
      count = n
      craftsmanIds = [id]
    } else if (n === count) craftsmanIds.push(id)
  }
  return { count, craftsmanIds: craftsmanIds.sort() }
}

// Unserved needs grouped by why: [{reason, label, count}], most first.
export function unservedReasons(plan, exclude) {
  const keep = kept(exclude)
  const groups = new Map()
  for (const u of plan.unserved) {
    if (!keep(u.needId)) continue
    const g = groups.get(u.reason) ?? { reason: u.reason, label: u.label || u.reason, count: 0 }
    g.count += 1
    groups.set(u.reason, g)
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
}

// What confirming this plan would do with the excluded needs left out.
export function planTotals(plan, exclude) {
  const keep = kept(exclude)
  const assignments = plan.assignments.filter((a) => keep(a.needId))
  const unserved = plan.unserved.filter((u) => keep(u.needId))
  return {
    totalScore: assignments.reduce((sum, a) => sum + a.score, 0),
    needsServed: assignments.length,
    needsTotal: assignments.length + unserved.length,
    unserved: unserved.length,
    unservedReasons: unservedReasons(plan, exclude),
    maxLoad: maxLoad(plan, exclude),
  }
}

// The request bodies.
export function proposeBody({ needIds = [], loadBalancing = false } = {}) {
  return { need_ids: needIds.length ? [...needIds] : null, load_balancing: !!loadBalancing }
}
export function confirmBody(which, exclude) {
  if (!PLANS.includes(which)) throw new Error(`unknown plan ${which}`)
  return { plan: which, exclude: [...(exclude ?? [])].sort() }
}

// {created: [{needId, engagementId}], failed: [{needId, message}]}
export function normaliseOutcome(body) {
  const b = body && typeof body === 'object' ? body : {}
  return {
    created: list(b.created).map((c) => ({ needId: text(c.need_id), engagementId: text(c.engagement_id) })),
    failed: list(b.failed).map((f) => ({ needId: text(f.need_id), message: text(f.message) })),
  }
}

// Need ids carried in the address (?needs=A,B or repeated ?needs=A&needs=B):
// trimmed, without repeats, at most as many as the server takes.
export function parseNeedIds(value) {
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
  return [...new Set(parts.map((s) => s.trim()).filter(Boolean))].slice(0, MAX_NEEDS)
}
export const needIdsQuery = (ids) => (ids?.length ? { needs: [...ids].join(',') } : {})

// The server's scores are sums of weighted evidence and may pass 1, so they
// are shown as numbers (two decimals), not percentages.
export function formatScore(score) {
  const n = Number(score)
  return Number.isFinite(n) ? n.toFixed(2) : '—'
}

// Where each plan does better than the other: {optimal: [...], greedy: [...]}
// of 'score' (higher total score), 'served' (more needs served) and 'load'
// (a lighter busiest craftsman). Scores closer than a thousandth are equal,
// as the optimiser itself counts in thousandths.
export function advantages(optimal, greedy) {
  const out = { optimal: [], greedy: [] }
  const mark = (a, b, key, lowerWins = false) => {
    if (a === b) return
    const optimalWins = lowerWins ? a < b : a > b
    out[optimalWins ? 'optimal' : 'greedy'].push(key)
  }
  const round = (x) => Math.round(x * 1000)
  mark(round(optimal.totalScore), round(greedy.totalScore), 'score')
  mark(optimal.needsServed, greedy.needsServed, 'served')
  if (optimal.maxLoad.count && greedy.maxLoad.count) mark(optimal.maxLoad.count, greedy.maxLoad.count, 'load', true)
  return out
}

// 创新工作室 (studio) rules the UI applies: the edit form made from a studio
// and back (PUT takes the whole studio), its live checks, and which
// organisations the form offers (organisations for `org_id`, alliances for
// `alliance_ids`). Names unique within an organisation, members the caller
// can see and results that exist are the server's to check.
import { charCount, runChecks } from './programmes.js'

export const LIMITS = { name: 100, description: 4000, members: 200, results: 500, alliances: 20 }

// The lead first, then the other members, each once.
export function membersOf(studio) {
  const out = studio?.lead_id ? [studio.lead_id] : []
  for (const id of studio?.member_ids ?? []) if (!out.includes(id)) out.push(id)
  return out
}

// The members as the page shows them: [{id, name, lead}], lead first, each
// once. The API names each member it lets the caller see (`members`); one
// the caller may not open (another organisation's, or a fellow member for a
// craftsman) comes as {id} alone, and `name` stays '' so the page shows the
// id and no link. The lead's name also comes apart as `lead_name`.
// The studio's results as [{id, title}], in the order kept: the title the
// server read from the results library, '' where the caller may not read it
// (the page shows the id then). Older answers carry result_ids alone.
export function studioResults(studio) {
  const titled = new Map()
  for (const r of Array.isArray(studio?.results) ? studio.results : []) {
    if (r && typeof r.id === 'string' && r.id) titled.set(r.id, typeof r.title === 'string' ? r.title : '')
  }
  const ids = (Array.isArray(studio?.result_ids) ? studio.result_ids : []).filter((id) => typeof id === 'string' && id)
  for (const id of titled.keys()) if (!ids.includes(id)) ids.push(id)
  return ids.map((id) => ({ id, title: titled.get(id) || '' }))
}

export function studioMembers(studio) {
  const named = new Map()
  for (const m of Array.isArray(studio?.members) ? studio.members : []) {
    if (m && typeof m.id === 'string' && m.id) named.set(m.id, typeof m.name === 'string' ? m.name : '')
  }
  const ids = membersOf(studio)
  for (const id of named.keys()) if (!ids.includes(id)) ids.push(id)
  return ids.map((id) => {
    const lead = id === studio?.lead_id
    return { id, name: named.get(id) || (lead && studio?.lead_name) || '', lead }
  })
}

export function studioForm(studio = null, defaultOrg = '') {
  return {
    name: studio?.name ?? '',
    org_id: studio?.org_id ?? defaultOrg,
    lead_id: studio?.lead_id ?? '',
    member_ids: membersOf(studio).filter((id) => id !== studio?.lead_id),
    result_ids: [...(studio?.result_ids ?? [])],
    alliance_ids: [...(studio?.alliance_ids ?? [])],
    description: studio?.description ?? '',
  }
}

export const studioChecks = {
  name: (v) => {
    if (!charCount(v)) return 'studios.errors.name'
    return charCount(v) > LIMITS.name ? 'studios.errors.nameLong' : ''
  },
  org_id: (v) => (v ? '' : 'studios.errors.org'),
  lead_id: (v) => (v ? '' : 'studios.errors.lead'),
  member_ids: (v) => ((v ?? []).length > LIMITS.members ? 'studios.errors.tooManyMembers' : ''),
  result_ids: (v) => ((v ?? []).length > LIMITS.results ? 'studios.errors.tooManyResults' : ''),
  alliance_ids: (v) => ((v ?? []).length > LIMITS.alliances ? 'studios.errors.tooManyAlliances' : ''),
  description: (v) => (charCount(v) > LIMITS.description ? 'studios.errors.descriptionLong' : ''),
}
export const validateStudio = (form) => runChecks(studioChecks, form)

export function studioBody(form) {
  return {
    name: form.name.trim(),
    org_id: form.org_id,
    lead_id: form.lead_id,
    member_ids: form.member_ids.filter((id) => id && id !== form.lead_id),
    result_ids: [...form.result_ids],
    alliance_ids: [...form.alliance_ids],
    description: form.description.trim(),
  }
}

// Organisations a studio may belong to: the caller's own and those below it
// (admins: all), never an alliance. Alliances are offered apart.
export function studioOrgOptions(orgs, user) {
  const byParent = new Map()
  for (const o of orgs) {
    if (o.kind === 'alliance') continue
    if (!byParent.has(o.parent_id)) byParent.set(o.parent_id, [])
    byParent.get(o.parent_id).push(o)
  }
  const plain = orgs.filter((o) => o.kind !== 'alliance')
  if (user?.role === 'admin') return plain
  const out = []
  const walk = (id) => {
    const self = plain.find((o) => o.id === id)
    if (self) out.push(self)
    for (const child of byParent.get(id) ?? []) if (child.id !== id) walk(child.id)
  }
  if (user?.org_id) walk(user.org_id)
  return out
}
export const allianceOptions = (orgs) => orgs.filter((o) => o.kind === 'alliance')

export const orgName = (orgs, id) => orgs.find((o) => o.id === id)?.name ?? id

// The API answers a duplicate name with 409 and no field; a stale version is
// 409 too. The first belongs under the name field, the second means reading
// the studio again.
export const isNameClash = (error) => error?.status === 409 && /同名/.test(error?.message ?? '')

// The organisation tree from the flat list GET /organisations returns
// (each with parent_id). Alliances are not part of the hierarchy's
// meaning — they join organisations across it — so they are kept apart.
export function buildOrgTree(orgs) {
  const nodes = new Map()
  for (const o of orgs) {
    if (o.kind !== 'alliance') nodes.set(o.id, { ...o, children: [] })
  }
  const roots = []
  for (const node of nodes.values()) {
    const parent = node.parent_id && node.parent_id !== node.id ? nodes.get(node.parent_id) : null
    if (parent) parent.children.push(node)
    else roots.push(node) // the root, or an organisation whose parent is missing
  }
  const byId = (a, b) => a.id.localeCompare(b.id)
  const sortDeep = (list) => {
    list.sort(byId)
    list.forEach((n) => sortDeep(n.children))
    return list
  }
  const alliances = orgs
    .filter((o) => o.kind === 'alliance')
    .map((a) => ({ ...a, members: (a.member_ids ?? []).map((id) => nodes.get(id) ?? { id, name: id }) }))
    .sort(byId)
  return { roots: sortDeep(roots), alliances }
}

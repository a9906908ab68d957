// The craftsman's profile form: record ⇄ form, and the checks it runs.
// PUT replaces the whole record, so fromProfileForm starts from the record
// as read and overlays only what the form edits.

const EDITED = ['name', 'title', 'employer', 'region', 'phone', 'studio', 'bio']

export function toProfileForm(c) {
  const form = {}
  for (const f of EDITED) form[f] = c?.[f] ?? ''
  form.skills = [...(c?.skills ?? [])]
  form.service_kinds = [...(c?.service_kinds ?? [])]
  form.capacity_per_month = c?.capacity_per_month ?? 2
  form.available = c?.available !== false
  form.achievements = (c?.achievements ?? []).join('\n')
  return form
}

export function fromProfileForm(record, form) {
  const out = { ...record }
  for (const f of EDITED) {
    const v = (form[f] ?? '').trim()
    if (v) out[f] = v
    else delete out[f] // the API omits empty fields; sending "" would store ""
  }
  out.skills = [...new Set(form.skills.map((s) => s.trim()).filter(Boolean))]
  out.service_kinds = [...form.service_kinds]
  out.capacity_per_month = form.capacity_per_month ?? 0
  out.available = !!form.available
  out.achievements = form.achievements.split('\n').map((s) => s.trim()).filter(Boolean)
  for (const list of ['skills', 'service_kinds', 'achievements']) if (!out[list].length) delete out[list]
  // Server-owned fields; the server ignores them, so they are not sent.
  delete out.org_id
  delete out.archived
  return out // keeps `version` from the record as read
}

export const profileChecks = {
  name: (v) => ((v ?? '').trim() ? '' : 'myProfile.nameRequired'),
  region: (v) => (!(v ?? '').trim() || /^\d{6}$/.test(v.trim()) ? '' : 'myProfile.regionInvalid'),
}

// 助企服务 (engagements), yearly KPIs and the in-app inbox (docs/api.md).
// Every step answers the whole engagement as the caller may now see it, so a
// page shows the server's truth after each click without asking again.
import { api, buildUrl } from './client.js'

const enc = encodeURIComponent

// The path of each step, by the action code `allowed_actions` names.
export const STEP_PATHS = {
  dispatch: 'dispatch',
  accept: 'accept',
  decline: 'decline',
  schedule: 'schedule',
  log_visit: 'visits',
  resolve: 'resolve',
  not_resolve: 'not-resolved',
  rate: 'feedback',
  follow_up: 'followups',
  close: 'close',
  cancel: 'cancel',
}

// {need_id, craftsman_ids: [lead, ...], lead_id?, override_reason?}
export const createEngagement = (body) => api.post('/engagements', body)
// filters: state, need_id, craftsman_id, enterprise_id, after, limit
export const listEngagements = (filters = {}) => api.get('/engagements', { limit: 50, ...filters })
export const getEngagement = (id) => api.get(`/engagements/${enc(id)}`)

// One step with the version that was read; `body` holds the step's fields.
export function actOn(engagement, action, body = {}) {
  const path = STEP_PATHS[action]
  if (!path) throw new Error(`unknown engagement action ${action}`)
  return api.post(`/engagements/${enc(engagement.id)}/${path}`, { ...body, version: engagement.version })
}

export const promoteEngagement = (id, body) => api.post(`/engagements/${enc(id)}/promote`, body)

// query: org_id, year, region_level (province | city | district)
export const getKpi = (query = {}) => api.get('/kpi', query)
// A same-origin download link (the session cookie goes with it).
export const kpiExportUrl = ({ format = 'xlsx', sheet, ...query } = {}) =>
  buildUrl('/kpi/export', { ...query, format, sheet: format === 'csv' ? sheet : undefined })
// targets: {visits, enterprises_served, problems_solved, workers_trained}; answers the new report.
export const putTargets = (orgId, year, targets) => api.put('/targets', { org_id: orgId, year, targets })

export const listNotifications = () => api.get('/notifications')
export const markNotificationRead = (seq) => api.post(`/notifications/${enc(seq)}/read`)

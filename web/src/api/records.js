// Typed wrappers over the v1 endpoints that exist today (docs/api.md).
import { api } from './client.js'

const enc = encodeURIComponent

// kind: craftsmen | enterprises | needs | results
export function listRecords(kind, { q, after, limit = 20, ...filters } = {}) {
  return api.get(`/${kind}`, { q, after, limit, ...filters })
}
export const getRecord = (kind, id) => api.get(`/${kind}/${enc(id)}`)
export const createRecord = (kind, record) => api.post(`/${kind}`, record)
// `record` is the whole record including the `version` that was read.
export const updateRecord = (kind, id, record) => api.put(`/${kind}/${enc(id)}`, record)
export const archiveRecord = (kind, id) => api.post(`/${kind}/${enc(id)}/archive`)
export const restoreRecord = (kind, id) => api.post(`/${kind}/${enc(id)}/restore`)

export const listOrganisations = () => api.get('/organisations')
export const listUsers = () => api.get('/users')
export const createUser = (user) => api.post('/users', user)
export const listAudit = ({ after, limit = 100 } = {}) => api.get('/audit', { after, limit })

export const login = (username, password) =>
  api.post('/auth/login', { username, password }, { quiet401: true })
export const logout = () => api.post('/auth/logout')
export const fetchMe = () => api.get('/auth/me', undefined, { quiet401: true })
export const changePassword = (current_password, new_password) =>
  api.post('/auth/password', { current_password, new_password })

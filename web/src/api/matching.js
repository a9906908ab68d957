// Matching endpoints (GET only): a need's candidate craftsmen and results,
// the needs an innovation result could serve, and groups of similar needs.
import { api } from './client.js'

const enc = encodeURIComponent

// include_full: also craftsmen whose visits this month are used up.
export const getNeedMatches = (needId, { top = 10, includeFull = false } = {}) =>
  api.get(`/needs/${enc(needId)}/matches`, { top, include_full: includeFull ? 'true' : 'false' })
export const getResultMatches = (resultId) => api.get(`/results/${enc(resultId)}/matches`)
export const listDuplicateNeeds = () => api.get('/duplicate-needs')

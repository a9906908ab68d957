// 批量派单 (docs/api.md "Matching and dispatch"): a proposal is stored on the
// server as a plan, so what staff confirm is exactly what they were shown.
import { api } from './client.js'

const enc = encodeURIComponent

// {need_ids: [...] | null (every open need in the caller's scope), load_balancing}
// → {plan_id, optimal: plan, greedy: plan}
export const proposeDispatch = (body) => api.post('/dispatch', body)
// → the stored plan {plan_id, state: 'proposed' | 'confirmed', optimal, greedy, skipped, confirmed?: {plan, exclude, at}},
// with need_title and craftsmen: [{id, name}] / lead_name beside the ids. Only its proposer may read it (others: 404).
export const getDispatch = (planId) => api.get(`/dispatch/${enc(planId)}`)
// {plan: 'optimal' | 'greedy', exclude: [need ids]} → {plan_id, created: [{need_id, engagement_id}], failed: [{need_id, message}]}
// Only the proposer may confirm, once: a second time answers 409.
export const confirmDispatch = (planId, body) => api.post(`/dispatch/${enc(planId)}/confirm`, body)

// 长期协议 (agreements), 师徒结对 (mentorships) and 创新工作室 (studios):
// docs/api.md, "Agreements, events, mentorships, studios". Each is a
// versioned document; every change sends the version that was read, so a
// stale page gets 409 instead of overwriting someone else's change.
import { api } from './client.js'

const enc = encodeURIComponent

// filters: enterprise_id, craftsman_id, studio_id, state (active|renewed|ended), after, limit
export const listAgreements = (filters = {}) => api.get('/agreements', { limit: 50, ...filters })
export const getAgreement = (id) => api.get(`/agreements/${enc(id)}`)
// {enterprise_id, craftsman_id | studio_id, start, end, scope, planned_visits}
export const createAgreement = (body) => api.post('/agreements', body)
// {end, planned_visits, start?, scope?}; answers the new agreement (the old one becomes `renewed`).
export const renewAgreement = (agreement, body) =>
  api.post(`/agreements/${enc(agreement.id)}/renew`, { ...body, version: agreement.version })
export const endAgreement = (agreement, reason) =>
  api.post(`/agreements/${enc(agreement.id)}/end`, { reason, version: agreement.version })

// filters: master_id, apprentice_id, state (active|completed), after, limit
export const listMentorships = (filters = {}) => api.get('/mentorships', { limit: 50, ...filters })
export const getMentorship = (id) => api.get(`/mentorships/${enc(id)}`)
// {master_id, apprentice: {craftsman_id} | {name, employer}, goals, start}
export const createMentorship = (body) => api.post('/mentorships', body)
// {apprentice_ids?, apprentices?: [{id, name, skills, region}], master_ids?}
export const suggestMentorships = (body) => api.post('/mentorships/suggest', body)
// Staff change an active pair's goals, with the version read (stale: 409).
export const updateMentorshipGoals = (mentorship, goals) =>
  api.put(`/mentorships/${enc(mentorship.id)}`, { goals, version: mentorship.version })
// Notes need no version: the server appends, retrying its own races.
export const addMentorshipNote = (id, text) => api.post(`/mentorships/${enc(id)}/notes`, { text })
export const completeMentorship = (mentorship, summary) =>
  api.post(`/mentorships/${enc(mentorship.id)}/complete`, { summary, version: mentorship.version })

// filters: org_id, member_id, after, limit
export const listStudios = (filters = {}) => api.get('/studios', { limit: 100, ...filters })
export const getStudio = (id) => api.get(`/studios/${enc(id)}`)
// {name, lead_id, member_ids, result_ids, alliance_ids, org_id, description}
export const createStudio = (body) => api.post('/studios', body)
// The whole studio, with the version that was read.
export const updateStudio = (studio, body) => api.put(`/studios/${enc(studio.id)}`, { ...body, version: studio.version })

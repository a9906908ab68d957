// 活动 (events) and 对接会 (docs/api.md "Agreements, events, mentorships,
// studios"). Writes answer the event as the caller may now see it (wishes
// and the schedule answer their own shapes), so pages show the server's
// truth without asking again.
import { api, buildUrl, request } from './client.js'

const enc = encodeURIComponent

// filters: kind, org_id, from, to (YYYY-MM-DD), after, limit
export const listEvents = (filters = {}) => api.get('/events', { limit: 50, ...filters })
export const getEvent = (id) => api.get(`/events/${enc(id)}`)
// {kind, title, date, place, organiser, capacity, org_id?, region?}
export const createEvent = (body) => api.post('/events', body)
// The same fields with the version read.
export const updateEvent = (id, body) => api.put(`/events/${enc(id)}`, body)

// {participant_kind, participant_id, seats} → {event, registration, created}
export const registerParticipant = (id, body) => api.post(`/events/${enc(id)}/registrations`, body)
// {participant_id, participant_kind?, attended} → {event, delta}
export const recordAttendance = (id, body) => api.post(`/events/${enc(id)}/attendance`, body)

// {participant_id?, participant_kind?} → the event without that registration (one's own by default)
export const withdrawRegistration = (id, body = {}) => api.post(`/events/${enc(id)}/withdraw`, body)
// {reason, version} → the cancelled event (staff in scope)
export const cancelEvent = (id, body) => api.post(`/events/${enc(id)}/cancel`, body)
// {participant_id?, participant_kind?, wishes: [{to_id, weight}]} → {event_id, participant, wishes}
export const setWishes = (id, body) => api.post(`/events/${enc(id)}/wishes`, body)
// {slots, slot_labels?, mutual_bonus?} → {meetings, unplaced, total_score, upper_bound, …, agendas}
export const makeSchedule = (id, body) => api.post(`/events/${enc(id)}/schedule`, body)
// → {event_id, title, date, place, generated_at, agendas: [{participant_id, participant_name, side, entries, text}]}
export const getAgenda = (id, participantId) => api.get(`/events/${enc(id)}/agenda`, { participant_id: participantId })
// The printable Chinese agenda (text/plain) the server writes.
export const getAgendaText = (id, participantId) =>
  request('GET', `/events/${enc(id)}/agenda`, { query: { participant_id: participantId, format: 'text' }, as: 'text' })
// A same-origin link to the same text (the session cookie goes with it).
export const agendaTextUrl = (id, participantId) => buildUrl(`/events/${enc(id)}/agenda`, { participant_id: participantId, format: 'text' })

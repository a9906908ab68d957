// The signed-in user's messages (GET /notifications), asked again every
// ~30 s while a page is open and visible. `fresh` lists the messages that
// arrived with the latest poll, so an open engagement page can read itself
// again when something happened to it elsewhere.
import { reactive, readonly } from 'vue'
import { listNotifications, markNotificationRead } from '../api/engagements.js'

export const POLL_MS = 30_000

const state = reactive({
  items: [],
  unread: 0,
  loaded: false,
  loading: false,
  error: null,
  fresh: [], // messages new since the previous poll (none on the first)
})
export const notifications = readonly(state)

let timer = null
let generation = 0

export async function refreshNotifications() {
  const mine = generation
  state.loading = true
  try {
    const body = await listNotifications()
    if (mine !== generation) return
    const items = Array.isArray(body?.items) ? body.items : []
    const known = new Set(state.items.map((n) => n.seq))
    state.fresh = state.loaded ? items.filter((n) => !known.has(n.seq)) : []
    state.items = items
    state.unread = Number(body?.unread ?? items.filter((n) => !n.read).length)
    state.loaded = true
    state.error = null
  } catch (e) {
    if (mine === generation) state.error = e
  } finally {
    if (mine === generation) state.loading = false
  }
}

function tick() {
  if (globalThis.document?.hidden) return // asked again when the tab is back
  refreshNotifications()
}
function onVisible() {
  if (!globalThis.document?.hidden && timer) refreshNotifications()
}

export function startNotifications(interval = POLL_MS) {
  stopNotifications()
  refreshNotifications()
  timer = setInterval(tick, interval)
  globalThis.document?.addEventListener('visibilitychange', onVisible)
}

// Signed out: stop asking, and forget the last user's messages.
export function stopNotifications() {
  if (timer) clearInterval(timer)
  timer = null
  globalThis.document?.removeEventListener('visibilitychange', onVisible)
  generation += 1
  Object.assign(state, { items: [], unread: 0, loaded: false, loading: false, error: null, fresh: [] })
}

// Marks one message read: at once on screen, then on the server; a refusal
// puts the server's view back.
export async function markRead(seq) {
  const item = state.items.find((n) => n.seq === seq)
  if (!item || item.read) return
  item.read = true
  state.unread = Math.max(0, state.unread - 1)
  try {
    await markNotificationRead(seq)
  } catch {
    await refreshNotifications()
  }
}

export async function markAllRead() {
  const unread = state.items.filter((n) => !n.read).map((n) => n.seq)
  for (const seq of unread) await markRead(seq)
}

// The signed-in user, shared by every page. A plain reactive module is
// enough: there is one piece of global state, and the truth lives on the
// server (the HttpOnly cookie), so this only mirrors GET /auth/me.
import { reactive, readonly } from 'vue'
import * as records from '../api/records.js'

const state = reactive({
  user: null, // {id, username, role, org_id, enterprise_id, craftsman_id, display_name}
  checked: false, // has /auth/me been asked since the page loaded?
})

export const session = readonly(state)

// Asks the server who is signed in; a 401 just means nobody is.
export async function loadSession({ force = false } = {}) {
  if (state.checked && !force) return state.user
  try {
    state.user = await records.fetchMe()
  } catch (error) {
    if (error.status !== 401) throw error
    state.user = null
  }
  state.checked = true
  return state.user
}

export async function signIn(username, password) {
  const { user } = await records.login(username, password)
  state.user = user
  state.checked = true
  return user
}

export async function signOut() {
  try {
    await records.logout()
  } finally {
    forgetSession()
  }
}

// The server said the session is over (401): drop what we mirrored.
export function forgetSession() {
  state.user = null
  state.checked = true
}

export const hasRole = (...roles) => !!state.user && roles.includes(state.user.role)

// Decides, before each navigation, whether the page may open: a session is
// needed for all but the sign-in page, and meta.roles must include the
// user's role. Pure apart from loadSession, so it is unit-tested.
import { homeFor, safeRedirect } from './home.js'

export function makeGuard({ loadSession }) {
  return async function guard(to) {
    const user = await loadSession()
    if (to.name === 'login') {
      if (!user) return true
      return safeRedirect(to.query.redirect) ?? homeFor(user)
    }
    if (!user) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    if (to.name === 'home') return homeFor(user)
    const roles = to.meta?.roles
    if (roles && !roles.includes(user.role)) {
      return { name: 'forbidden', query: { from: to.fullPath } }
    }
    return true
  }
}

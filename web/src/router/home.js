// Where each role lands after signing in: its home page, which shows that
// role's daily work (pages/home/HomePage.vue picks the panel).
const HOMES = {
  admin: { name: 'role-home' },
  staff: { name: 'role-home' },
  enterprise: { name: 'role-home' },
  craftsman: { name: 'role-home' },
}

export function homeFor(user) {
  if (!user) return { name: 'login' }
  return HOMES[user.role] ?? { name: 'not-found' }
}

// Only same-site paths may be a post-login destination, never an absolute URL.
export function safeRedirect(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null
}

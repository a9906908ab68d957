// Where each role lands after signing in: the page of its daily work.
const HOMES = {
  admin: { name: 'workbench' },
  staff: { name: 'needs' },
  enterprise: { name: 'my-needs' },
  craftsman: { name: 'my-profile' },
}

export function homeFor(user) {
  if (!user) return { name: 'login' }
  return HOMES[user.role] ?? { name: 'not-found' }
}

// Only same-site paths may be a post-login destination, never an absolute URL.
export function safeRedirect(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null
}

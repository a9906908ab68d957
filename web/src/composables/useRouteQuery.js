// Keeps a list page's search text in the address (?q=), so the back button
// and a shared link show the same list.
import { useRoute, useRouter } from 'vue-router'

export function useRouteQuery() {
  const route = useRoute()
  const router = useRouter()
  const initial = typeof route.query.q === 'string' ? route.query.q : ''
  function remember(q) {
    const query = { ...route.query }
    if (q) query.q = q
    else delete query.q
    router.replace({ query })
  }
  return { initial, remember }
}

// Keeps one choice of a list page in the address (?sort=…), beside ?q=. A
// value outside `allowed` reads as allowed[0], the default, which the
// address leaves out so that plain links stay plain.
export function useRouteChoice(key, allowed) {
  const route = useRoute()
  const router = useRouter()
  const raw = route.query[key]
  const initial = typeof raw === 'string' && allowed.includes(raw) ? raw : allowed[0]
  function remember(value) {
    const query = { ...route.query }
    if (value && value !== allowed[0]) query[key] = value
    else delete query[key]
    router.replace({ query })
  }
  return { initial, remember }
}

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

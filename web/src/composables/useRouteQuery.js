// Keeps a list page's search text in the address (?q=), so the back button
// and a shared link show the same list.
import { ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { usePagedList } from './usePagedList.js'

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

// A paged list searched on the server (q=) with the text in the address.
// `searched` is what the list shows, not what is being typed; `search(q)`
// runs one; `forget()` empties the box and the search without reading the
// list (the caller's filter change reads it). `enabled` false (a list whose
// caller has no search) ignores a ?q= in the address.
export function useSearchedList(fetchPage, { enabled = true } = {}) {
  const { initial, remember } = useRouteQuery()
  const start = enabled ? initial : ''
  const list = usePagedList(fetchPage, { initialQuery: start })
  const searched = ref(start)
  function search(q) {
    searched.value = q
    remember(q)
    return list.reload()
  }
  function forget() {
    list.q.value = ''
    searched.value = ''
  }
  return { list, searched, search, forget }
}

// A list page's other filters in the address, with the search text the
// list is read with (a page that rewrites its query must not drop ?q=).
export function withSearch(query, q) {
  const text = typeof q === 'string' ? q.trim() : ''
  return text ? { ...query, q: text } : { ...query }
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

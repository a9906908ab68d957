// A list read page by page with next_after, as every collection endpoint
// pages. `fetchPage({q, after})` returns {items, next_after}. A new search
// discards answers still in flight for the old one.
import { ref, shallowRef } from 'vue'

export function usePagedList(fetchPage, { initialQuery = '' } = {}) {
  const items = ref([])
  const nextAfter = ref(null)
  const loading = ref(false)
  const loaded = ref(false) // at least one page answered
  const error = shallowRef(null)
  const q = ref(initialQuery)
  let generation = 0

  async function fetchInto(after) {
    const mine = generation
    loading.value = true
    error.value = null
    try {
      const page = await fetchPage({ q: q.value.trim() || undefined, after: after ?? undefined })
      if (mine !== generation) return
      items.value.push(...(page.items ?? []))
      nextAfter.value = page.next_after ?? null
      loaded.value = true
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function reload() {
    generation += 1
    items.value = []
    nextAfter.value = null
    loaded.value = false
    return fetchInto(null)
  }

  const loadMore = () => (nextAfter.value && !loading.value ? fetchInto(nextAfter.value) : Promise.resolve())

  return { items, nextAfter, loading, loaded, error, q, reload, loadMore }
}

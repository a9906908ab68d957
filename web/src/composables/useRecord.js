// One record by id, with the not-found case kept apart from other failures:
// the API answers 404 both for a missing record and for one the caller may
// not see, and the page then shows the not-found page.
import { ref, shallowRef, watch, computed } from 'vue'
import { getRecord } from '../api/records.js'

export function useRecord(kind, idRef) {
  const record = ref(null)
  const loading = ref(false)
  const error = shallowRef(null)
  const notFound = computed(() => error.value?.status === 404)

  async function reload() {
    const id = idRef.value
    if (!id) return
    loading.value = true
    error.value = null
    try {
      const r = await getRecord(kind, id)
      if (id === idRef.value) record.value = r
    } catch (e) {
      if (id === idRef.value) {
        error.value = e
        record.value = null
      }
    } finally {
      loading.value = false
    }
  }

  watch(idRef, reload, { immediate: true })
  return { record, loading, error, notFound, reload }
}

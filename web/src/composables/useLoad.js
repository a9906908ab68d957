// One answer a page section shows, read with `load()`: its data, whether it
// is loading, and the error (kept apart per section, so that one failing
// call leaves the rest of a page usable). An older call's late answer is
// dropped.
import { ref, shallowRef } from 'vue'

export function useLoad(fetch, initial = null) {
  const data = shallowRef(initial)
  const loading = ref(false)
  const loaded = ref(false)
  const error = shallowRef(null)
  let generation = 0

  async function load() {
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const value = await fetch()
      if (mine === generation) {
        data.value = value
        loaded.value = true
      }
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }
  return { data, loading, loaded, error, load }
}

// One document read by id for a detail page (an agreement, an event, an
// engagement, a record…): `loader(id)` is the API call. The cases a page
// shows are kept apart: `notFound` when the API answers 404, which it does
// both for a missing document and for one the caller may not see, so the
// page shows the not-found page either way; any other failure in `error`.
//
// A failed re-read keeps the document already shown (the page says that
// the refresh failed above it) unless `clearOnError`; a 404 always clears
// it. Only the latest read's answer is kept, so a slow answer for an id the
// page has left, or an older read of the same id, never replaces a newer one.
//
// Writes send the document's own `version`; when the server answers 409
// (someone changed it first) `onConflict(e)` keeps its message in
// `conflict` for the page to show and reads the document again. `replace`
// shows the document a write answered. `refreshOn` names the notification
// payload field (e.g. 'agreement_id') whose arrival for this id means the
// document changed elsewhere and is read again.
import { computed, ref, shallowRef, watch } from 'vue'
import { notifications } from '../store/notifications.js'

export function useDocument(loader, idRef, { clearOnError = false, refreshOn = '' } = {}) {
  const data = ref(null)
  const loading = ref(false)
  const error = shallowRef(null)
  const conflict = ref('')
  const notFound = computed(() => error.value?.status === 404)
  let generation = 0

  async function reload() {
    const id = idRef.value
    if (!id) return
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const value = await loader(id)
      if (mine === generation) data.value = value
    } catch (e) {
      if (mine === generation) {
        error.value = e
        if (clearOnError || e?.status === 404) data.value = null
      }
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  // A write's answer for another id (the page moved on meanwhile) is dropped.
  function replace(updated) {
    if (updated?.id === idRef.value) data.value = updated
  }

  async function onConflict(e) {
    conflict.value = e?.message ?? ''
    await reload()
  }

  // A message about another document must not stay on the next one's page.
  watch(
    idRef,
    () => {
      conflict.value = ''
      reload()
    },
    { immediate: true },
  )
  if (refreshOn) {
    watch(
      () => notifications.fresh,
      (fresh) => {
        if (fresh.some((n) => n.payload?.[refreshOn] === idRef.value)) reload()
      },
    )
  }

  return { data, loading, error, notFound, conflict, reload, replace, onConflict }
}

// Names for ids the API answers bare (a studio's member_ids, result_ids):
// each record is read once and remembered for the page's life. One the
// caller may not see (404) keeps its id as its label; `enabled` false skips
// the lookups where the caller is known not to see them (a craftsman reading
// fellow members' records), which would only log failed requests.
import { reactive, watch } from 'vue'
import { getRecord } from '../api/records.js'

export function useRecordNames(kind, ids, { enabled = () => true } = {}) {
  const names = reactive({})
  const asked = new Set()
  watch(
    ids,
    (list) => {
      if (!enabled()) return
      for (const id of list ?? []) {
        if (!id || asked.has(id)) continue
        asked.add(id)
        getRecord(kind, id)
          .then((r) => (names[id] = r.name || r.title || id))
          .catch(() => (names[id] = id))
      }
    },
    { immediate: true },
  )
  const nameOf = (id) => names[id] ?? id
  return { names, nameOf }
}

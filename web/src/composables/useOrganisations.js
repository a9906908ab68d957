// The organisations (GET /organisations), read once per page load and
// shared: studio pages need them for names, the org picker and alliances.
import { ref, shallowRef } from 'vue'
import { listOrganisations } from '../api/records.js'

const orgs = ref([])
const error = shallowRef(null)
let pending = null

export function useOrganisations() {
  if (!pending) {
    pending = listOrganisations()
      .then((body) => {
        orgs.value = body.items ?? []
        error.value = null
      })
      .catch((e) => {
        error.value = e
        pending = null // asked again by the next page that needs them
      })
  }
  return { orgs, error }
}

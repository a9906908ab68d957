// What a batch plan does not say. The stored plan (GET /dispatch/{id})
// carries need titles and craftsman names (domain/dispatchPlan.js
// planLabels), but not the matcher's reasons: those come from each need's
// ranked candidates, asked a few at a time and only for the rows shown, so
// that a plan of hundreds of needs does not flood the server. Before any
// plan exists, the titles of the needs ticked in the inbox come from the
// open-needs list (a few pages of 100).
import { reactive } from 'vue'
import { listRecords } from '../api/records.js'
import { getNeedMatches } from '../api/matching.js'
import { normaliseMatchList } from '../domain/matching.js'
import { MAX_NEEDS } from '../domain/dispatchPlan.js'

export const CONCURRENCY = 4
const PAGE = 100

// Calls fn(item) for every item, at most `limit` at once; never rejects.
export async function runLimited(items, limit, fn) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      try {
        await fn(item)
      } catch {
        // fn records its own failure
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

export function usePlanDetails() {
  const needs = reactive({}) // need id → the need as listed
  // need id → {state: 'loading' | 'ready' | 'failed', candidates: {craftsman id → {name, tags}}}
  const reasons = reactive({})

  // Pages through the caller's open needs until every id asked for is known.
  async function loadNeeds(ids) {
    const missing = new Set(ids.filter((id) => !needs[id]))
    let after
    for (let page = 0; missing.size && page < MAX_NEEDS / PAGE; page++) {
      const answer = await listRecords('needs', { status: 'open', limit: PAGE, after })
      for (const n of answer.items ?? []) {
        needs[n.id] = n
        missing.delete(n.id)
      }
      after = answer.next_after
      if (!after) break
    }
  }

  async function loadOne(needId) {
    if (reasons[needId]?.state === 'ready' || reasons[needId]?.state === 'loading') return
    reasons[needId] = { state: 'loading', candidates: {} }
    try {
      // The plan ranks the same 20 candidates, full ones included.
      const list = normaliseMatchList(await getNeedMatches(needId, { top: 20, includeFull: true }))
      const candidates = {}
      for (const m of list.matches) candidates[m.id] = { name: m.name, tags: m.tags }
      reasons[needId] = { state: 'ready', candidates }
    } catch {
      reasons[needId] = { state: 'failed', candidates: {} }
    }
  }
  const loadReasons = (needIds) => runLimited(needIds, CONCURRENCY, loadOne)

  return { needs, reasons, loadNeeds, loadReasons }
}

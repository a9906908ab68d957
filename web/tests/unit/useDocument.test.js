// useDocument, the load-by-id scaffold of the detail pages: a 404 (missing or
// not visible alike) is told apart from other failures, a failed re-read
// keeps what was shown, only the latest read counts, a 409 is kept in words
// and the document read again, and news about it reads it again.
import { describe, it, expect, vi, afterEach } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { ApiError } from '../../src/api/client.js'

vi.mock('../../src/store/notifications.js', async () => {
  const { reactive } = await import('vue')
  return { notifications: reactive({ fresh: [] }) }
})
vi.mock('../../src/api/records.js', () => ({ getRecord: vi.fn() }))
const { notifications } = await import('../../src/store/notifications.js')
const { getRecord } = await import('../../src/api/records.js')
const { useDocument } = await import('../../src/composables/useDocument.js')
const { useRecord } = await import('../../src/composables/useRecord.js')

// A loader whose answers the test hands out one by one, in any order.
function deferredLoader() {
  const calls = []
  const loader = vi.fn((id) => new Promise((resolve, reject) => calls.push({ id, resolve, reject })))
  return { loader, calls }
}
const settle = async () => {
  for (let i = 0; i < 3; i++) await nextTick()
}

let scope
function run(fn) {
  scope = effectScope()
  return scope.run(fn)
}
afterEach(() => {
  scope?.stop()
  notifications.fresh = []
})

describe('useDocument', () => {
  it('reads the id given, and reads again when it changes', async () => {
    const loader = vi.fn(async (id) => ({ id, version: 1 }))
    const id = ref('AG-1')
    const doc = run(() => useDocument(loader, id))
    expect(doc.loading.value).toBe(true)
    await settle()
    expect(doc.data.value).toEqual({ id: 'AG-1', version: 1 })
    expect(doc.loading.value).toBe(false)
    id.value = 'AG-2'
    await settle()
    expect(loader).toHaveBeenLastCalledWith('AG-2')
    expect(doc.data.value.id).toBe('AG-2')
  })

  it('turns a 404 into not-found and forgets what was shown', async () => {
    const { loader, calls } = deferredLoader()
    const doc = run(() => useDocument(loader, ref('AG-1')))
    calls[0].resolve({ id: 'AG-1' })
    await settle()
    doc.reload()
    calls[1].reject(new ApiError(404, 'not_found', '没有找到协议 AG-1'))
    await settle()
    expect(doc.notFound.value).toBe(true)
    expect(doc.data.value).toBeNull()
    expect(doc.error.value.message).toBe('没有找到协议 AG-1')
  })

  it('keeps the document shown when a re-read fails for another reason', async () => {
    const { loader, calls } = deferredLoader()
    const doc = run(() => useDocument(loader, ref('AG-1')))
    calls[0].resolve({ id: 'AG-1', version: 3 })
    await settle()
    doc.reload()
    calls[1].reject(new ApiError(503, 'unavailable', '服务暂时不可用'))
    await settle()
    expect(doc.notFound.value).toBe(false)
    expect(doc.error.value.status).toBe(503)
    expect(doc.data.value).toEqual({ id: 'AG-1', version: 3 })
  })

  it('drops a late answer for an id the page has left, and an older read of the same id', async () => {
    const { loader, calls } = deferredLoader()
    const id = ref('EV-1')
    const doc = run(() => useDocument(loader, id))
    id.value = 'EV-2'
    await settle()
    calls[1].resolve({ id: 'EV-2', version: 1 })
    await settle()
    calls[0].resolve({ id: 'EV-1', version: 9 })
    await settle()
    expect(doc.data.value.id).toBe('EV-2')

    doc.reload() // calls[2], older
    doc.reload() // calls[3], newer
    calls[3].resolve({ id: 'EV-2', version: 3 })
    await settle()
    calls[2].reject(new ApiError(500, 'internal', '出错了'))
    await settle()
    expect(doc.data.value.version).toBe(3)
    expect(doc.error.value).toBeNull()
    expect(doc.loading.value).toBe(false)
  })

  it('keeps a 409 in words and reads again; the next document starts without it', async () => {
    let version = 1
    const loader = vi.fn(async (id) => ({ id, version: version++ }))
    const id = ref('MS-1')
    const doc = run(() => useDocument(loader, id))
    await settle()
    await doc.onConflict(new ApiError(409, 'conflict', '结对 MS-1 已被他人更新'))
    expect(doc.conflict.value).toBe('结对 MS-1 已被他人更新')
    expect(doc.data.value.version).toBe(2)
    id.value = 'MS-2'
    await settle()
    expect(doc.conflict.value).toBe('')
  })

  it('shows what a write answered, but not for another id', async () => {
    const doc = run(() => useDocument(async (id) => ({ id, state: 'active' }), ref('AG-1')))
    await settle()
    doc.replace({ id: 'AG-1', state: 'ended' })
    expect(doc.data.value.state).toBe('ended')
    doc.replace({ id: 'AG-9', state: 'active' })
    expect(doc.data.value).toEqual({ id: 'AG-1', state: 'ended' })
  })

  it('reads again when a message about this document arrives, not about another', async () => {
    const loader = vi.fn(async (id) => ({ id }))
    run(() => useDocument(loader, ref('G-1'), { refreshOn: 'engagement_id' }))
    await settle()
    expect(loader).toHaveBeenCalledTimes(1)
    notifications.fresh = [{ seq: 1, payload: { engagement_id: 'G-2' } }]
    await settle()
    expect(loader).toHaveBeenCalledTimes(1)
    notifications.fresh = [{ seq: 2, payload: { engagement_id: 'G-1' } }]
    await settle()
    expect(loader).toHaveBeenCalledTimes(2)
  })

  it('asks nothing without an id (a craftsman user not linked to a record)', async () => {
    const loader = vi.fn()
    const doc = run(() => useDocument(loader, ref('')))
    await settle()
    expect(loader).not.toHaveBeenCalled()
    expect(doc.loading.value).toBe(false)
  })
})

describe('useRecord', () => {
  it('reads GET /{kind}/{id} and clears the record when a re-read fails', async () => {
    getRecord.mockResolvedValueOnce({ id: 'C-1', name: '王建国' }).mockRejectedValueOnce(new ApiError(503, 'unavailable', '服务暂时不可用'))
    const r = run(() => useRecord('craftsmen', ref('C-1')))
    await settle()
    expect(getRecord).toHaveBeenCalledWith('craftsmen', 'C-1')
    expect(r.record.value.name).toBe('王建国')
    await r.reload()
    expect(r.record.value).toBeNull()
    expect(r.error.value.status).toBe(503)
    expect(r.notFound.value).toBe(false)
  })
})

// The needs inbox's order with the API mocked: the server sorts (sort= goes
// with every page), the choice lives in the address so a shared link or the
// back button shows the same order, and changing it starts again from the
// first page (a cursor belongs to the order it was made in).
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, RouterLinkStub } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import { NEED_SORTS } from '../../src/domain/needs.js'

vi.mock('../../src/api/records.js', () => ({ listRecords: vi.fn() }))
const { listRecords } = await import('../../src/api/records.js')
const { default: NeedsInboxPage } = await import('../../src/pages/needs/NeedsInboxPage.vue')

let wrapper
let router
async function mountInbox(path) {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/needs', name: 'needs', component: NeedsInboxPage }, { path: '/:any(.*)', component: { render: () => null } }],
  })
  router.push(path)
  await router.isReady()
  wrapper = mount(NeedsInboxPage, { attachTo: document.body, global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
  await flushPromises()
  return wrapper
}
const sortSelect = (w) => w.find('[data-test="need-sort"]').findComponent({ name: 'ElSelect' })

beforeEach(() => {
  listRecords.mockReset().mockImplementation(async (kind, { after }) =>
    after
      ? { items: [{ id: 'N-3', title: '第二页', posted: '2025-01-03' }], next_after: null }
      : { items: [{ id: 'N-1', title: '最早', posted: '2025-01-01' }], next_after: 'CURSOR-1' },
  )
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('needs inbox order', () => {
  it('offers the orders GET /needs accepts, newest and oldest first among them', () => {
    const values = NEED_SORTS.map((s) => s.value)
    expect(values).toEqual(['', '-posted', 'posted', 'region', 'industry'])
  })

  it('reads the order from the address and sends it with every page', async () => {
    const w = await mountInbox('/needs?sort=posted&q=焊缝')
    expect(listRecords).toHaveBeenLastCalledWith('needs', expect.objectContaining({ sort: 'posted', q: '焊缝', after: undefined }))
    expect(sortSelect(w).props('modelValue')).toBe('posted')
    await w.find('[data-test="load-more"]').trigger('click')
    await flushPromises()
    expect(listRecords).toHaveBeenLastCalledWith('needs', expect.objectContaining({ sort: 'posted', after: 'CURSOR-1' }))
  })

  it('keeps a new order in the address and starts again from the first page', async () => {
    const w = await mountInbox('/needs?q=焊缝')
    expect(listRecords).toHaveBeenLastCalledWith('needs', expect.objectContaining({ sort: '' }))
    sortSelect(w).vm.$emit('update:modelValue', '-posted')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '焊缝', sort: '-posted' })
    expect(listRecords).toHaveBeenLastCalledWith('needs', expect.objectContaining({ sort: '-posted', after: undefined }))
    // Back to the default: the address drops the parameter.
    sortSelect(w).vm.$emit('update:modelValue', '')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '焊缝' })
  })

  it('ignores an order it does not offer', async () => {
    const w = await mountInbox('/needs?sort=body')
    expect(listRecords).toHaveBeenLastCalledWith('needs', expect.objectContaining({ sort: '' }))
    expect(sortSelect(w).props('modelValue')).toBe('')
  })
})

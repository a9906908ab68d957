// The inbox store: polled every 30 s, new messages noticed, marked read at
// once and on the server, forgotten at sign-out; and the bell that shows it.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { reactive } from 'vue'

const push = vi.fn()
vi.mock('vue-router', () => ({ useRouter: () => ({ push }) }))
const user = reactive({ value: { id: 'u1', role: 'craftsman' } })
vi.mock('../../src/store/session.js', () => ({
  session: {
    get user() {
      return user.value
    },
  },
}))
vi.mock('../../src/api/engagements.js', () => ({ listNotifications: vi.fn(), markNotificationRead: vi.fn() }))

const { listNotifications, markNotificationRead } = await import('../../src/api/engagements.js')
const store = await import('../../src/store/notifications.js')
const { default: NotificationBell } = await import('../../src/components/NotificationBell.vue')

const msg = (seq, read = false) => ({
  seq,
  event: 'dispatched',
  title: `新的派单：需求${seq}`,
  payload: { engagement_id: `G-N${seq}-1`, need_id: `N${seq}` },
  created_at: '2026-03-02T08:00:00Z',
  read,
})

beforeEach(() => {
  listNotifications.mockReset()
  markNotificationRead.mockReset().mockResolvedValue({ read: true })
  push.mockReset()
})
afterEach(() => {
  store.stopNotifications()
  vi.useRealTimers()
})

describe('notifications store', () => {
  it('asks at once and every 30 seconds, and notices what is new', async () => {
    vi.useFakeTimers()
    listNotifications.mockResolvedValueOnce({ items: [msg(1)], unread: 1 })
    store.startNotifications()
    await vi.advanceTimersByTimeAsync(0)
    expect(store.notifications.unread).toBe(1)
    expect(store.notifications.fresh).toEqual([]) // the first answer is not "news"

    listNotifications.mockResolvedValueOnce({ items: [msg(2), msg(1)], unread: 2 })
    await vi.advanceTimersByTimeAsync(store.POLL_MS)
    expect(listNotifications).toHaveBeenCalledTimes(2)
    expect(store.notifications.fresh.map((n) => n.seq)).toEqual([2])
    expect(store.notifications.unread).toBe(2)

    store.stopNotifications()
    await vi.advanceTimersByTimeAsync(store.POLL_MS * 3)
    expect(listNotifications).toHaveBeenCalledTimes(2)
    expect(store.notifications.items).toEqual([])
  })

  it('marks a message read at once, then on the server; a refusal reloads', async () => {
    listNotifications.mockResolvedValue({ items: [msg(2), msg(1, true)], unread: 1 })
    await store.refreshNotifications()
    await store.markRead(2)
    expect(markNotificationRead).toHaveBeenCalledWith(2)
    expect(store.notifications.unread).toBe(0)
    await store.markRead(1) // already read: nothing sent
    expect(markNotificationRead).toHaveBeenCalledTimes(1)

    markNotificationRead.mockRejectedValueOnce(new Error('x'))
    listNotifications.mockResolvedValue({ items: [msg(3)], unread: 1 })
    await store.refreshNotifications()
    await store.markRead(3)
    expect(listNotifications).toHaveBeenCalledTimes(3)
  })
})

describe('the bell', () => {
  it('shows the unread count and opens a message’s engagement, marking it read', async () => {
    listNotifications.mockResolvedValue({ items: [msg(5), msg(4, true)], unread: 1 })
    const w = mount(NotificationBell, { attachTo: document.body })
    await flushPromises()
    const bell = w.find('[data-test="bell"]')
    expect(bell.attributes('aria-label')).toBe('消息，1 条未读')
    expect(w.find('.el-badge__content').text()).toBe('1')
    await bell.trigger('click')
    await flushPromises()
    const items = document.body.querySelectorAll('[data-test="notification"]')
    expect(items).toHaveLength(2)
    expect(items[0].textContent).toContain('新的派单：需求5')
    items[0].click()
    await flushPromises()
    expect(markNotificationRead).toHaveBeenCalledWith(5)
    expect(push).toHaveBeenCalledWith({ name: 'engagement', params: { id: 'G-N5-1' } })
    w.unmount()
    document.body.innerHTML = ''
  })

  it('says what to expect when there are no messages', async () => {
    listNotifications.mockResolvedValue({ items: [], unread: 0 })
    const w = mount(NotificationBell, { attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-test="bell"]').attributes('aria-label')).toBe('消息')
    await w.find('[data-test="bell"]').trigger('click')
    await flushPromises()
    expect(document.body.querySelector('[data-test="notifications-empty"]').textContent).toContain('还没有消息')
    w.unmount()
    document.body.innerHTML = ''
  })
})

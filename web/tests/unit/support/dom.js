// Driving mounted forms and dialogs in the DOM for component tests. Element
// Plus teleports dialogs to <body>, so queries go there, not to the wrapper.
import { expect, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'

export const body = () => document.body

export const until = (check) => vi.waitFor(check, { timeout: 8000, interval: 50 })

// The validator answers over several ticks, and a form item shows its
// message 100 ms after its state turns to error (Element Plus debounces it).
export async function settle() {
  for (let i = 0; i < 4; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 40))
  }
}

export function type(selector, value) {
  const el = body().querySelector(selector)
  el.value = value
  el.dispatchEvent(new Event('input'))
}

export async function submit(selector) {
  await until(() => expect(body().querySelector(selector)).toBeTruthy())
  body().querySelector(selector).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
  await settle()
}

// The form item around the input with this id.
export const itemOf = (id) => body().querySelector(`#${id}`).closest('.el-form-item')

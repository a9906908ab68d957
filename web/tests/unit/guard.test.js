import { describe, it, expect } from 'vitest'
import { homeFor, safeRedirect } from '../../src/router/home.js'
import { makeGuard } from '../../src/router/guard.js'
import { routes, NAV } from '../../src/router/routes.js'

const user = (role) => ({ id: 'u1', username: role, role })
const route = (name, extra = {}) => {
  const r = routes.find((x) => x.name === name)
  return { name, meta: r?.meta ?? {}, fullPath: r?.path ?? '/', query: {}, ...extra }
}
const guardFor = (u) => makeGuard({ loadSession: async () => u })

describe('role → home', () => {
  it('sends each role to its own home page', () => {
    expect(homeFor(user('admin'))).toEqual({ name: 'workbench' })
    expect(homeFor(user('staff'))).toEqual({ name: 'needs' })
    expect(homeFor(user('enterprise'))).toEqual({ name: 'my-needs' })
    expect(homeFor(user('craftsman'))).toEqual({ name: 'my-profile' })
    expect(homeFor(null)).toEqual({ name: 'login' })
  })

  it("each role's home is a page that role may open", () => {
    for (const role of ['admin', 'staff', 'enterprise', 'craftsman']) {
      const home = routes.find((r) => r.name === homeFor(user(role)).name)
      expect(home.meta.roles).toContain(role)
    }
  })

  it('every nav entry is a page its role may open', () => {
    for (const [role, names] of Object.entries(NAV)) {
      for (const name of names) expect(routes.find((r) => r.name === name).meta.roles, `${role} ${name}`).toContain(role)
    }
  })
})

describe('navigation guard', () => {
  it('sends visitors without a session to sign in, remembering where they were going', async () => {
    expect(await guardFor(null)(route('needs', { fullPath: '/needs?q=1' }))).toEqual({ name: 'login', query: { redirect: '/needs?q=1' } })
    expect(await guardFor(null)(route('login'))).toBe(true)
  })

  it('sends / to the role home', async () => {
    expect(await guardFor(user('enterprise'))(route('home'))).toEqual({ name: 'my-needs' })
  })

  it('keeps staff out of the admin pages', async () => {
    expect(await guardFor(user('staff'))(route('users'))).toEqual({ name: 'forbidden', query: { from: '/admin/users' } })
    expect(await guardFor(user('staff'))(route('audit'))).toMatchObject({ name: 'forbidden' })
    expect(await guardFor(user('admin'))(route('users'))).toBe(true)
  })

  it('keeps enterprises and craftsmen to their pages', async () => {
    expect(await guardFor(user('enterprise'))(route('craftsmen'))).toMatchObject({ name: 'forbidden' })
    expect(await guardFor(user('enterprise'))(route('need'))).toBe(true)
    expect(await guardFor(user('craftsman'))(route('post-need'))).toMatchObject({ name: 'forbidden' })
  })

  it('leaves the sign-in page for home, or a safe redirect, once signed in', async () => {
    expect(await guardFor(user('staff'))(route('login'))).toEqual({ name: 'needs' })
    expect(await guardFor(user('staff'))(route('login', { query: { redirect: '/craftsmen' } }))).toBe('/craftsmen')
    expect(await guardFor(user('staff'))(route('login', { query: { redirect: '//evil.example' } }))).toEqual({ name: 'needs' })
  })

  it('only takes same-site paths as redirects', () => {
    expect(safeRedirect('/needs/N-1')).toBe('/needs/N-1')
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect('//evil.example')).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
  })
})

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
  it('sends each role to the home page, which shows that role its own work', () => {
    for (const role of ['admin', 'staff', 'enterprise', 'craftsman']) expect(homeFor(user(role))).toEqual({ name: 'role-home' })
    expect(homeFor(null)).toEqual({ name: 'login' })
    expect(homeFor(user('visitor'))).toEqual({ name: 'not-found' })
    expect(routes.find((r) => r.name === 'role-home').path).toBe('/home')
  })

  it('puts the home page first in every role’s nav, and batch dispatch beside the needs for staff', () => {
    for (const names of Object.values(NAV)) expect(names[0]).toBe('role-home')
    for (const role of ['admin', 'staff']) expect(NAV[role][NAV[role].indexOf('needs') + 1]).toBe('dispatch')
    expect(NAV.enterprise).not.toContain('dispatch')
    expect(NAV.craftsman).not.toContain('dispatch')
  })

  it('keeps the pages that were homes before open by their own addresses', () => {
    for (const [name, role] of [['workbench', 'admin'], ['needs', 'staff'], ['my-needs', 'enterprise'], ['my-profile', 'craftsman']]) {
      expect(routes.find((r) => r.name === name).meta.roles).toContain(role)
    }
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
    expect(await guardFor(user('enterprise'))(route('home'))).toEqual({ name: 'role-home' })
    expect(await guardFor(user('craftsman'))(route('role-home'))).toBe(true)
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
    expect(await guardFor(user('enterprise'))(route('dispatch'))).toMatchObject({ name: 'forbidden' })
    expect(await guardFor(user('craftsman'))(route('dispatch'))).toMatchObject({ name: 'forbidden' })
    expect(await guardFor(user('staff'))(route('dispatch'))).toBe(true)
  })

  it('leaves the sign-in page for home, or a safe redirect, once signed in', async () => {
    expect(await guardFor(user('staff'))(route('login'))).toEqual({ name: 'role-home' })
    expect(await guardFor(user('staff'))(route('login', { query: { redirect: '/craftsmen' } }))).toBe('/craftsmen')
    expect(await guardFor(user('staff'))(route('login', { query: { redirect: '//evil.example' } }))).toEqual({ name: 'role-home' })
  })

  it('only takes same-site paths as redirects', () => {
    expect(safeRedirect('/needs/N-1')).toBe('/needs/N-1')
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect('//evil.example')).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
  })
})

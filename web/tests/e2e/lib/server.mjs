// A real `craftlink serve` over a fresh SQLite database prepared with the
// CLI, on a free loopback port (--port 0; the server prints the real one).
import { spawn, execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { ORGS, USERS, PASSWORD, writeDataSet } from './fixtures.mjs'

function cli(bin, args, input) {
  try {
    return execFileSync(bin, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
  } catch (e) {
    throw new Error(`craftlink ${args.join(' ')} failed:\n${e.stdout}\n${e.stderr}`)
  }
}

export function prepareDatabase(bin, dir) {
  const db = `sqlite:${join(dir, 'e2e.db')}`
  cli(bin, ['init', '--db', db, '--root-name', '中华全国总工会'])
  for (const o of ORGS) {
    const args = ['org', 'add', '--db', db, '--id', o.id, '--name', o.name, '--kind', o.kind]
    if (o.parent) args.push('--parent', o.parent)
    if (o.region) args.push('--region', o.region)
    if (o.members) args.push('--members', o.members)
    cli(bin, args)
  }
  cli(bin, ['import', '--db', db, '--strict', '--org', 'sc', ...writeDataSet(dir)])
  for (const u of USERS) {
    const args = ['user', 'add', '--db', db, '--username', u.username, '--display-name', u.display, '--role', u.role, '--password-stdin']
    if (u.org) args.push('--org', u.org)
    if (u.enterprise) args.push('--enterprise', u.enterprise)
    if (u.craftsman) args.push('--craftsman', u.craftsman)
    cli(bin, args, `${PASSWORD}\n`)
  }
  return db
}

// Resolves to {url, stop()} once the server says where it listens.
export function startServer(bin, db, webRoot, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--web-root', webRoot], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let started = false
    const timer = setTimeout(() => fail(new Error(`server did not start in 20 s:\n${out}`)), 20000)
    const fail = (e) => {
      clearTimeout(timer)
      child.kill('SIGTERM')
      reject(e)
    }
    child.on('error', fail)
    child.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${out}`)))
    const onData = (chunk) => {
      out += chunk
      log?.(chunk.toString())
      const m = started ? null : out.match(/http:\/\/(127\.0\.0\.1:\d+)\//)
      if (m) {
        started = true // later output (the shutdown line) must not run this again
        clearTimeout(timer)
        child.removeAllListeners('exit')
        const stop = () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', done)
            child.kill('SIGTERM')
            setTimeout(() => child.kill('SIGKILL'), 5000).unref()
          })
        resolve({ url: `http://${m[1]}`, stop })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
  })
}

// Whether the server answers the matching endpoints, asked as `username`
// for `needId` (a need that exists): 'ready', or 'missing' when the route is
// not there at all (the unknown-route 404, "没有这个地址"). A 503 means the
// match index is still being built: asked again for up to `waitMs`. Any
// other answer counts as 'ready', so the flows show what went wrong.
export async function probeMatching(url, { username, password, needId, waitMs = 20000 }) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CraftLink-CSRF': '1' },
    body: JSON.stringify({ username, password }),
  })
  if (!login.ok) throw new Error(`probe: sign-in as ${username} answered ${login.status}`)
  const { token } = await login.json()
  const deadline = Date.now() + waitMs
  for (;;) {
    const res = await fetch(`${url}/api/v1/needs/${encodeURIComponent(needId)}/matches?top=1`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    })
    const body = await res.json().catch(() => null)
    const message = body?.error?.message ?? ''
    if (res.status === 404 && message.includes('没有这个地址')) return { state: 'missing', status: 404, message }
    if (res.status !== 503 || Date.now() > deadline) return { state: 'ready', status: res.status, message }
    await new Promise((r) => setTimeout(r, 250))
  }
}

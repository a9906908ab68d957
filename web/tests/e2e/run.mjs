#!/usr/bin/env node
// Browser tests of the web UI against a real server.
//   node tests/e2e/run.mjs path/to/craftlink
// Builds nothing: expects web/dist (npm run build). Prepares a fresh SQLite
// database with the CLI, serves it with `craftlink serve --port 0`, drives
// Debian's Chromium through each flow, writes screenshots to
// test-results/screenshots/, and exits non-zero if any flow fails.
// E2E_WEB_DIST and E2E_RESULTS point it at another build or results folder.
import { mkdtempSync, rmSync, existsSync, mkdirSync, appendFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { prepareDatabase, startServer, probeMatching } from './lib/server.mjs'
import { PASSWORD } from './lib/fixtures.mjs'
import { launchBrowser, Session } from './lib/browser.mjs'
import session from './flows/session.mjs'
import staff from './flows/staff.mjs'
import enterprise from './flows/enterprise.mjs'
import craftsman from './flows/craftsman.mjs'
import admin from './flows/admin.mjs'
import importFlow from './flows/import.mjs'
import engagement from './flows/engagement.mjs'
import dispatch from './flows/dispatch.mjs'
import events from './flows/events.mjs'
import programmes from './flows/programmes.mjs'

// importFlow last: it adds craftsmen the other flows would count.
const FLOWS = [session, staff, enterprise, craftsman, admin, engagement, events, dispatch, programmes, importFlow]
const WEB = resolve(new URL('../..', import.meta.url).pathname)
// Overridable so that several checkouts' runs can share one machine.
const RESULTS = process.env.E2E_RESULTS ? resolve(process.env.E2E_RESULTS) : join(WEB, 'test-results')
const SHOTS = join(RESULTS, 'screenshots')

async function main() {
  const bin = resolve(process.argv[2] ?? process.env.CRAFTLINK_BIN ?? '')
  if (!process.argv[2] && !process.env.CRAFTLINK_BIN) throw new Error('usage: run.mjs PATH/TO/craftlink')
  if (!existsSync(bin)) throw new Error(`no craftlink binary at ${bin}`)
  const webRoot = process.env.E2E_WEB_DIST ? resolve(process.env.E2E_WEB_DIST) : join(WEB, 'dist')
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first')
  const only = process.env.E2E_ONLY // a substring of a flow name, for debugging one flow

  mkdirSync(SHOTS, { recursive: true })
  const serverLog = join(RESULTS, 'server.log')
  writeFileSync(serverLog, '')
  const dir = mkdtempSync(join(tmpdir(), 'craftlink-e2e-'))
  let server
  let browser
  let passed = 0
  let failed = 0
  try {
    const db = prepareDatabase(bin, dir)
    server = await startServer(bin, db, webRoot, (text) => appendFileSync(serverLog, text))
    browser = await launchBrowser()
    console.log(`e2e: server ${server.url}, database ${db}`)
    // The matching endpoints are new: a server built without them is
    // tested without the candidate checks, and says so.
    const probe = await probeMatching(server.url, { username: 'e2e-staff', password: PASSWORD, needId: 'N-WELD-001' })
    if (probe.state === 'missing') {
      console.log('e2e: NOTICE — GET /api/v1/needs/{id}/matches is not in this server (404 没有这个地址);')
      console.log('     the 候选工匠 / 可推广到的需求 / 相似需求 checks are SKIPPED. Rebuild craftlink with the match routes.')
    }
    for (const flow of FLOWS) {
      if (only && !flow.name.includes(only)) continue
      const s = new Session(browser.context, server.url, SHOTS, { matching: probe.state })
      const started = Date.now()
      let error = null
      try {
        await flow.run(s)
      } catch (e) {
        error = e
        await s.page?.screenshot({ path: join(RESULTS, `FAILED-${FLOWS.indexOf(flow)}.png`), fullPage: true }).catch(() => {})
      }
      const problems = s.takeProblems()
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      if (!error && !problems.length) {
        passed += 1
        console.log(`  ok    ${flow.name} (${seconds} s)`)
      } else {
        failed += 1
        console.log(`  FAIL  ${flow.name} (${seconds} s)`)
        if (error) console.log(`        ${String(error.stack ?? error).split('\n').slice(0, 8).join('\n        ')}`)
        for (const p of problems) console.log(`        ${p}`)
      }
    }
  } finally {
    await browser?.close()
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(`e2e: screenshots in ${SHOTS}; server log ${serverLog}`)
  console.log(`${passed} passed, ${failed} failed`)
  return failed === 0 && passed > 0
}

// If a bug left a promise pending with nothing else to wait for, Node would
// exit 0 without a verdict; that must count as a failure.
let finished = false
process.on('beforeExit', () => {
  if (!finished) {
    console.error('e2e: stopped before finishing')
    process.exit(1)
  }
})

main().then(
  (ok) => {
    finished = true
    process.exit(ok ? 0 : 1)
  },
  (e) => {
    finished = true
    console.error(`e2e: ${e.message}`)
    process.exit(1)
  },
)

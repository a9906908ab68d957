// Debian's Chromium driven by playwright-core: never a downloaded browser.
// Every page records console errors and uncaught exceptions; a flow fails
// on any of them except a failed API request the flow said it expects
// (the browser logs e.g. the 404 of another enterprise's need as an error).
import { chromium } from 'playwright-core'
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { PASSWORD } from './fixtures.mjs'

export const CHROMIUM = process.env.CRAFTLINK_CHROMIUM ?? '/usr/bin/chromium'
export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1280, height: 860 }

export async function launchBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'craftlink-e2e-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  return {
    context,
    async close() {
      await context.close().catch(() => {})
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

export class Session {
  // matching: 'ready', or 'missing' when the server has no matching endpoints
  // (their 404s are then expected, and flows skip the candidate checks).
  constructor(context, baseUrl, shotsDir, { matching = 'ready' } = {}) {
    this.context = context
    this.baseUrl = baseUrl
    this.shotsDir = shotsDir
    this.matching = matching
    this.problems = []
    this.expected = [] // [{status, url: RegExp}]
    mkdirSync(shotsDir, { recursive: true })
  }

  // A fresh page as a fresh visitor (no cookies, default language).
  async open(viewport = DESKTOP) {
    await this.context.clearCookies()
    for (const p of this.context.pages()) await p.close()
    const page = await this.context.newPage()
    await page.setViewportSize(viewport)
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return
      const url = msg.location()?.url ?? ''
      const status = Number(msg.text().match(/status of (\d{3})/)?.[1])
      if (status && this.expected.some((e) => e.status === status && e.url.test(url))) return
      this.problems.push(`console error on ${page.url()}: ${msg.text()} ${url}`)
    })
    page.on('pageerror', (err) => this.problems.push(`uncaught exception on ${page.url()}: ${err.message}`))
    // Signed out, the app asks /auth/me and gets 401: expected, not a fault.
    this.expectFailure(401, /\/api\/v1\/auth\/me$/)
    if (this.matching === 'missing') {
      this.expectFailure(404, /\/api\/v1\/(needs\/[^/]+\/matches|results\/[^/]+\/matches|duplicate-needs)(\?|$)/)
    }
    await page.goto(`${this.baseUrl}/login`)
    await page.evaluate(() => localStorage.clear())
    this.page = page
    return page
  }

  // The browser logs failed requests as console errors; a flow names the ones it provokes.
  expectFailure(status, url) {
    this.expected.push({ status, url })
  }

  async signIn(username, { password = PASSWORD } = {}) {
    const page = this.page
    if (new URL(page.url()).pathname !== '/login') await page.goto(`${this.baseUrl}/login`)
    await page.locator('#login-username').fill(username)
    await page.locator('#login-password').fill(password)
    await page.locator('[data-test="login-submit"]').click()
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  }

  async shot(name, { fullPage = true } = {}) {
    // Let transitions and toasts settle so the picture shows the page at rest.
    await this.page.mouse.move(0, 0) // no hover colours on the last button clicked
    await this.page.waitForTimeout(350)
    // A sticky header would be drawn mid-picture on a scrolled full-page shot.
    if (fullPage) await this.page.evaluate(() => window.scrollTo(0, 0))
    await this.page.screenshot({ path: join(this.shotsDir, `${name}.png`), fullPage })
  }

  takeProblems() {
    const p = this.problems
    this.problems = []
    this.expected = []
    return p
  }
}

// axe-core, evaluated through DevTools so the page's CSP (script-src 'self') stays in force.
const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export async function axeCheck(page, selector) {
  // Colours mid-fade (a panel appearing, a tag's transition) measure as low
  // contrast; a loaded machine makes that likely. Check the page at rest.
  await page.waitForTimeout(300)
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))))
  await page.evaluate(`${AXE_SOURCE}\n;0`)
  return page.evaluate(async (sel) => {
    const result = await window.axe.run(document.querySelector(sel), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }))
  }, selector)
}

// Presses Tab from `startSelector` until focus lands on `targetSelector`.
export async function tabReaches(page, startSelector, targetSelector, maxTabs = 40) {
  await page.locator(startSelector).focus()
  for (let i = 0; i < maxTabs; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, targetSelector)) return true
    await page.keyboard.press('Tab')
  }
  return page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, targetSelector)
}

// Picks an option of an Element Plus select whose input has `inputSelector`:
// clicks the visible wrapper (the input itself sits under the placeholder),
// then the option in that select's own list (aria-controls), which Element
// Plus renders at the end of <body>; other selects may offer the same text.
export async function choose(page, inputSelector, optionText) {
  const select = page.locator(`.el-select:has(${inputSelector})`)
  await select.locator('.el-select__wrapper').click()
  const listId = await page.locator(inputSelector).getAttribute('aria-controls')
  await page.locator(`[id="${listId}"] .el-select-dropdown__item`, { hasText: optionText }).first().click()
  await select.getByText(optionText).first().waitFor()
}

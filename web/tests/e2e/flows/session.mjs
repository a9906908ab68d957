// Sign-in errors in Chinese, the sign-in form's accessibility, and a
// session that ends mid-use (401) leading back to sign-in and then onward.
import assert from 'node:assert/strict'
import { axeCheck, tabReaches } from '../lib/browser.mjs'

export default {
  name: 'sign-in shows the API’s Chinese error; a 401 leads back to sign-in and then on to the page asked for',
  async run(s) {
    const page = await s.open()
    await page.locator('#login-username').waitFor()
    await s.shot('login')
    const violations = await axeCheck(page, 'form')
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
    assert.ok(await tabReaches(page, '#login-username', '[data-test="login-submit"]'), 'Tab reaches 登录')

    s.expectFailure(401, /\/api\/v1\/auth\/login$/)
    await page.locator('#login-username').fill('e2e-nobody')
    await page.locator('#login-password').fill('wrong-password-1')
    await page.locator('[data-test="login-submit"]').click()
    const message = await page.locator('[data-test="error-message"]').innerText()
    assert.match(message, /[\u4e00-\u9fff]/, `a Chinese message, got «${message}»`)

    await s.signIn('e2e-staff')
    await page.waitForURL('**/home')
    await page.locator('[data-section="home-stale"] [data-test="need-card"]').first().waitFor()
    // The session ends (cookie gone): the next API call answers 401.
    await s.context.clearCookies()
    s.expectFailure(401, /\/api\/v1\/craftsmen/)
    await page.locator('[data-nav="craftsmen"]').click()
    await page.waitForURL(/\/login\?redirect=/)
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/craftsmen')
    await s.signIn('e2e-staff')
    await page.waitForURL('**/craftsmen')
    await page.locator('[data-test="craftsman-card"]').first().waitFor()
  },
}

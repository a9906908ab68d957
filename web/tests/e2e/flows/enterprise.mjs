// An enterprise on a phone: its needs, the guided form, and the not-found
// page for another enterprise's need.
import assert from 'node:assert/strict'
import { PHONE, axeCheck, tabReaches, choose } from '../lib/browser.mjs'


async function noSidewaysScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= PHONE.width, `page is ${width}px wide on a ${PHONE.width}px screen`)
}

export default {
  name: 'enterprise posts a need on a 390×844 phone, sees it in 我的需求, and cannot open another enterprise’s need',
  async run(s) {
    const page = await s.open(PHONE)
    await s.signIn('e2e-enterprise')
    // Its home: what waits for its answer, visits, its needs in play, 发布需求.
    await page.waitForURL('**/home')
    await page.locator('[data-section="home-needs"] [data-test="need-card"]').first().waitFor()
    await page.locator('[data-section="home-tasks"]').waitFor()
    await page.locator('[data-test="home-post-need"]').waitFor()
    await noSidewaysScroll(page)
    const homeViolations = await axeCheck(page, '#main')
    assert.deepEqual(homeViolations, [], JSON.stringify(homeViolations, null, 1))
    await s.shot('enterprise-home-phone')
    await page.getByRole('button', { name: '菜单' }).click()
    await page.getByRole('dialog').getByRole('link', { name: '我的需求' }).click()
    await page.waitForURL('**/my/needs')
    const cards = page.locator('[data-test="need-card"]')
    await cards.first().waitFor()
    assert.equal(await cards.count(), 3, 'only its own three needs')
    assert.equal(await cards.filter({ hasText: '反应釜' }).count(), 0)
    await noSidewaysScroll(page)
    await s.shot('enterprise-my-needs-phone')

    // On a phone the nav sits in a drawer behind the menu button.
    await page.getByRole('button', { name: '菜单' }).click()
    await page.getByRole('dialog').getByRole('link', { name: '发布需求' }).click()
    await page.waitForURL('**/my/needs/new')
    const form = page.locator('[data-test="need-form"]')
    await form.waitFor()

    // Accessibility: labelled inputs, and Tab gets to the submit button.
    const violations = await axeCheck(page, '[data-test="need-form"]')
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
    assert.ok(await tabReaches(page, '#need-kind', '[data-test="need-submit"]'), 'Tab reaches 提交需求')

    // Live validation in Chinese.
    await page.locator('[data-test="need-submit"]').click()
    await form.locator('.el-form-item__error', { hasText: '请选择服务类型' }).waitFor()
    await page.locator('#need-problem').fill('坏了')
    await form.locator('.el-form-item__error', { hasText: '请再写详细一些（至少 10 个字）' }).waitFor()

    await choose(page, '#need-kind', '技术服务')
    await page.locator('#need-problem').fill('冲压模具寿命短，约两万次就出现裂纹，需要分析原因。')
    await choose(page, '#need-since', '一到六个月')
    await page.locator('#need-tried').fill('更换过模具钢材，效果不明显')
    await page.getByText('需要工匠到现场').click()
    await choose(page, '#need-when', '一个月内')
    await page.locator('#need-title').fill('冲压模具寿命短')
    await page.locator('[data-test="need-preview"]', { hasText: '冲压模具寿命短' }).waitFor()
    await noSidewaysScroll(page)
    await s.shot('enterprise-post-need-phone')

    await page.locator('[data-test="need-submit"]').click()
    await page.waitForURL('**/my/needs')
    await cards.filter({ hasText: '冲压模具寿命短' }).waitFor()
    assert.equal(await cards.count(), 4)
    await s.shot('enterprise-my-needs-after-post-phone', { fullPage: false })

    // Its new need opens; another enterprise's need is "not found" (API 404).
    await cards.filter({ hasText: '冲压模具寿命短' }).getByRole('link').click()
    await page.getByRole('heading', { name: '冲压模具寿命短' }).waitFor()
    assert.match(await page.locator('[data-test="need-description"]').innerText(), /服务方式：需要工匠到现场/)

    // Its welding need shows 候选工匠 too, without links to profiles (staff only).
    await page.goto(`${s.baseUrl}/needs/N-WELD-002`)
    await page.getByRole('heading', { name: '设备机架氩弧焊焊缝气孔' }).waitFor()
    if (s.matching === 'ready') {
      const panel = page.locator('[data-test="candidates-panel"]')
      await panel.locator('[data-test="candidate"]', { hasText: '雷振川' }).waitFor()
      await panel.locator('[data-test="candidate"] [data-reason="skill"]').first().waitFor()
      assert.equal(await panel.locator('[data-test="candidate-link"]').count(), 0)
      await noSidewaysScroll(page)
      await s.shot('enterprise-need-candidates-phone')
    } else {
      console.log('        NOTICE: matching endpoint missing — 候选工匠 checks skipped')
    }
    s.expectFailure(404, /\/api\/v1\/needs\/N-OTHER-001$/)
    await page.goto(`${s.baseUrl}/needs/N-OTHER-001`)
    await page.locator('[data-test="not-found"]', { hasText: '没有找到这个页面' }).waitFor()
    assert.equal(await page.getByText('反应釜泄漏隐患排查').count(), 0)
    await s.shot('enterprise-other-need-not-found-phone')
  },
}

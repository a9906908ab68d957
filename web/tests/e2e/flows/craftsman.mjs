// A craftsman edits their own profile on a phone; the change survives a reload.
import assert from 'node:assert/strict'
import { PHONE, axeCheck, tabReaches } from '../lib/browser.mjs'

export default {
  name: 'craftsman edits their profile on a 390×844 phone',
  async run(s) {
    const page = await s.open(PHONE)
    await s.signIn('e2e-craftsman')
    // Its home on the phone: dispatches to answer, visits, how complete the profile is.
    await page.waitForURL('**/home')
    await page.locator('[data-section="home-waiting"]').waitFor()
    await page.locator('[data-test="profile-completeness"] [role="progressbar"]').waitFor()
    assert.ok((await page.locator('[data-test="home-edit-profile"]').boundingBox()).height >= 44, 'a thumb-sized 完善资料')
    const homeWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(homeWidth <= PHONE.width, `home is ${homeWidth}px wide`)
    const homeViolations = await axeCheck(page, '#main')
    assert.deepEqual(homeViolations, [], JSON.stringify(homeViolations, null, 1))
    await s.shot('craftsman-home-phone')
    await page.locator('[data-test="home-edit-profile"]').click()
    await page.waitForURL('**/my/profile')
    await page.locator('[data-test="profile-form"]').waitFor()
    assert.equal(await page.locator('#pf-name').inputValue(), '王建国')

    const violations = await axeCheck(page, '[data-test="profile-form"]')
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
    assert.ok(await tabReaches(page, '#pf-name', '[data-test="profile-save"]', 60), 'Tab reaches 保存')

    const bio = '从事数控加工三十年，近年专注细长轴加工与防振工装。'
    await page.locator('#pf-bio').fill(bio)
    await page.locator('#pf-skills').fill('机器人焊接')
    await page.locator('#pf-skills').press('Enter')
    await page.locator('#pf-capacity').fill('4')
    await page.locator('#pf-capacity').blur()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= PHONE.width, `page is ${width}px wide`)
    await page.locator('[data-test="profile-save"]').click()
    await page.getByText('已保存').waitFor()
    await s.shot('craftsman-profile-phone')

    await page.reload()
    await page.locator('[data-test="profile-form"]').waitFor()
    assert.equal(await page.locator('#pf-bio').inputValue(), bio)
    await page.locator('[data-test="profile-form"]').getByText('机器人焊接').waitFor()
    assert.equal(await page.locator('#pf-capacity').inputValue(), '4')
    // Honours are kept although the form does not edit them.
    await page.getByText('全国五一劳动奖章').waitFor()
  },
}

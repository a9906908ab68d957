// The administrator: workbench, creating a user, the audit log.
import assert from 'node:assert/strict'
import { axeCheck, tabReaches, choose } from '../lib/browser.mjs'
import { PASSWORD } from '../lib/fixtures.mjs'

export default {
  name: 'admin creates a user and reads the audit log',
  async run(s) {
    const page = await s.open()
    await s.signIn('e2e-admin')
    await page.waitForURL('**/home')
    await page.locator('[data-section="home-targets"]').waitFor()
    await page.locator('[data-nav="workbench"]').click()
    await page.waitForURL('**/workbench')
    await s.shot('admin-workbench')

    await page.locator('[data-tile="users"]').click()
    const table = page.locator('[data-test="users-table"]')
    await table.getByText('e2e-craftsman').waitFor()
    await page.locator('[data-test="open-create-user"]').click()
    const dialog = page.getByRole('dialog')
    await dialog.locator('#user-username').waitFor()
    await page.waitForTimeout(400) // the dialog's opening animation
    await dialog.locator('#user-username').fill('e2e-new-staff')
    await dialog.locator('#user-display').fill('成都市总工会 王干事')
    await choose(page, '#user-role', '工会工作人员')
    await choose(page, '#user-org', '四川省总工会')
    await dialog.locator('#user-password').fill(PASSWORD)
    const violations = await axeCheck(page, '.el-dialog form')
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
    assert.ok(await tabReaches(page, '#user-username', '[data-test="create-user-submit"]'), 'Tab reaches 新建用户')
    await s.shot('admin-create-user')
    await dialog.locator('[data-test="create-user-submit"]').click()
    await table.getByText('e2e-new-staff').waitFor()

    await page.locator('[data-nav="audit"]').click()
    const audit = page.locator('[data-test="audit-table"]')
    // The user just created, by this admin, in Chinese.
    await audit.locator('tr', { hasText: '创建用户' }).filter({ hasText: 'e2e-admin' }).first().waitFor()
    await audit.locator('tr', { hasText: '修改记录' }).filter({ hasText: 'craftsmen/C-001' }).first().waitFor()
    await s.shot('admin-audit-log')
  },
}

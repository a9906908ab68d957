// Staff import craftsmen from a file: the template downloads, a GBK file is
// refused with what to do, an .xlsx is read, a file with one bad row shows
// that row and why and cannot be imported, the fixed file imports, and the
// new craftsmen are in the pool. Runs last: it adds records the other flows
// would count.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { axeCheck } from '../lib/browser.mjs'

const HEADER = '编号,姓名,地区代码,技能,每月可服务次数\r\n'
const csv = (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
const BAD = csv(`${HEADER}C-IMP-001,周建华,510107,数控车削；精密加工,2\r\nC-IMP-002,吴海燕,999999,"焊接, 钳工",3\r\n`)
const GOOD = csv(`${HEADER}C-IMP-001,周建华,510107,数控车削；精密加工,2\r\nC-IMP-002,吴海燕,510104,"焊接, 钳工",3\r\n`)
// "编号,姓名\r\nC1,王立新" as a Chinese Windows Excel saves "CSV": GBK.
const GBK = Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0x43, 0x31, 0x2c, 0xcd, 0xf5, 0xc1, 0xa2, 0xd0, 0xc2])

async function upload(page, name, buffer) {
  await page.locator('[data-test="import-upload"] input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer })
}

export default {
  name: 'staff import craftsmen: template, a refused GBK file, a bad row shown with its reason, the fixed file imported',
  async run(s) {
    const page = await s.open()
    await s.signIn('e2e-staff')
    await page.locator('[data-nav="import"]').click()
    await page.waitForURL('**/import')
    await page.getByRole('heading', { name: '批量导入' }).waitFor()
    await page.locator('[data-test="empty-state"]').waitFor()

    // The template: the server's Chinese headers and an example row, UTF-8 with a BOM.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="import-template"]').click()])
    assert.equal(download.suggestedFilename(), '劳模工匠导入模板.csv')
    const template = readFileSync(await download.path(), 'utf8')
    assert.match(template, /^\ufeff编号,姓名,称号,/)
    assert.match(template.split('\r\n')[1], /^C-0001,王立新,/)

    await upload(page, '工匠-GBK.csv', GBK)
    const fileError = page.locator('[data-test="import-file-error"]')
    await fileError.waitFor()
    assert.match(await fileError.innerText(), /GBK[\s\S]*CSV UTF-8/)

    // An .xlsx is read in the browser too (the unit tests' workbook: row 4 has an unknown region).
    const xlsx = readFileSync(new URL('../../unit/fixtures/import-craftsmen.xlsx', import.meta.url))
    await page.locator('[data-test="import-upload"] input[type="file"]').setInputFiles({
      name: '工匠.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx,
    })
    await page.locator('[data-test="import-preview"]').waitFor()
    assert.match(await page.locator('[data-test="import-counts"]').innerText(), /共 2 行：可导入 1 行.*有问题 1 行/)
    assert.equal(await page.locator('.import-row--bad [data-test="import-row-line"]').innerText(), '4')

    // One bad row: shown with its row number, column and reason; no import possible.
    await upload(page, '工匠.csv', BAD)
    const preview = page.locator('[data-test="import-preview"]')
    await preview.waitFor()
    assert.equal(await fileError.count(), 0)
    assert.match(await page.locator('[data-test="import-counts"]').innerText(), /共 2 行：可导入 1 行.*有问题 1 行/)
    const badRow = page.locator('.import-row--bad')
    assert.equal(await badRow.count(), 1, 'only the bad row is shown at first')
    assert.equal(await badRow.locator('[data-test="import-row-line"]').innerText(), '3')
    assert.match(await badRow.locator('[data-test="import-problems"]').innerText(), /地区代码：.*999999/)
    assert.ok(await page.locator('[data-test="import-confirm"]').isDisabled(), '确认导入 stays disabled while a row fails')
    const violations = await axeCheck(page, 'main')
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
    await s.shot('staff-import-preview')

    // The fixed file: all rows pass, confirm writes them.
    await upload(page, '工匠-已改.csv', GOOD)
    await page.locator('[data-test="import-all-good"]').waitFor()
    assert.match(await page.locator('[data-test="import-counts"]').innerText(), /共 2 行：可导入 2 行（新增 2，更新 0），有问题 0 行/)
    await page.locator('[data-test="import-confirm"]:not([disabled])').click()
    await page.locator('[data-test="import-done"]', { hasText: '已导入 2 条劳模工匠记录' }).waitFor()
    await s.shot('staff-import-done')

    await page.locator('[data-test="import-view-list"]').click()
    await page.waitForURL('**/craftsmen')
    await page.locator('[data-test="craftsman-card"]', { hasText: '周建华' }).waitFor()
    await page.locator('[data-test="craftsman-card"]', { hasText: '吴海燕' }).waitFor()
  },
}

// 长期协议, 师徒结对 and 创新工作室: staff open an enterprise's agreements from
// the enterprises page, sign one (live checks, the server's overlap message),
// see it in the list and renew it; a change made elsewhere meanwhile (409) is
// said in words and the page reads the agreement again. Staff pair an
// apprentice from outside the pool with a master from a suggestion in one
// click and add a note; the master, on a 390×844 phone, sees the pair and adds
// one too. Staff edit the pair's goals and find it by searching the list;
// staff also set up a studio, whose members show by name (a link each), and
// find it by searching; the lead, a craftsman, sees a fellow member by id
// only. Screenshots of the main pages; axe on the create forms.
import assert from 'node:assert/strict'
import { PHONE, DESKTOP, axeCheck } from '../lib/browser.mjs'

const ENTERPRISE = '成都精工机械有限公司'
const MASTER = '王建国'
const APPRENTICE = '赵小龙'

async function noSidewaysScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= PHONE.width, `page is ${width}px wide on a ${PHONE.width}px screen`)
}

// A remote-search select (RecordPicker): type, then click the option in that
// select's own list.
async function pick(page, inputSelector, query, optionText, { multiple = false } = {}) {
  const select = page.locator(`.el-select:has(${inputSelector})`)
  await select.locator('.el-select__wrapper').click()
  await page.locator(inputSelector).fill(query)
  const listId = await page.locator(inputSelector).getAttribute('aria-controls')
  await page.locator(`[id="${listId}"] .el-select-dropdown__item`, { hasText: optionText }).first().click()
  if (multiple) await page.keyboard.press('Escape')
  await select.getByText(optionText).first().waitFor()
}

async function dialogGone(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.el-overlay')].every((e) => getComputedStyle(e).display === 'none'))
}

async function noAxeViolations(page, selector) {
  await page.mouse.move(0, 0)
  const violations = await axeCheck(page, selector)
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
}

async function staffSignsAndRenews(s) {
  const page = await s.open(DESKTOP)
  // The second agreement for the same parties and term is refused (409); a
  // renewal after someone else ended the agreement is refused too.
  s.expectFailure(409, /\/api\/v1\/agreements$/)
  s.expectFailure(409, /\/api\/v1\/agreements\/[^/]+\/renew$/)
  await s.signIn('e2e-staff')
  await page.locator('[data-nav="enterprises"]').click()
  await page.locator('[data-test="enterprise-agreements"][aria-label*="成都精工"]').click()
  await page.waitForURL('**/agreements?enterprise_id=E-CD-001')
  await page.locator('[data-test="empty-state"]', { hasText: '没有符合条件的协议' }).waitFor()
  await page.locator('.el-select:has(#ag-filter-enterprise)').getByText(ENTERPRISE).waitFor()

  // 新建协议: the enterprise comes from the filter; the rest is checked live.
  await page.locator('[data-test="agreement-create"]').click()
  const form = page.locator('[data-test="agreement-form"]')
  await form.waitFor()
  await form.locator('.el-select:has(#ag-enterprise)').getByText(ENTERPRISE).waitFor()
  await page.locator('[data-test="agreement-submit"]').click()
  await form.locator('.el-form-item__error', { hasText: '请选择签约的劳模工匠' }).waitFor()
  await form.locator('.el-form-item__error', { hasText: '请填写服务内容' }).waitFor()
  await form.locator('.el-form-item__error', { hasText: '请填写计划走访次数' }).waitFor()
  await pick(page, '#ag-craftsman', MASTER, MASTER)
  await page.locator('#ag-scope').fill('每月到企业指导一次细长轴车削工艺，带教 3 名青年技工')
  await page.locator('#ag-visits').fill('6')
  await page.locator('#ag-visits').blur()
  await form.locator('.el-form-item__error').first().waitFor({ state: 'detached' })
  await noAxeViolations(page, '.el-dialog')
  await s.shot('staff-agreement-create')
  await page.locator('[data-test="agreement-submit"]').click()
  await dialogGone(page)

  const card = page.locator('[data-test="agreement-card"]', { hasText: `${ENTERPRISE} × ${MASTER}` })
  await card.waitFor()
  assert.equal(await card.locator('[data-test="visits-text"]').innerText(), '已走访 0 / 计划 6 次')
  await card.locator('[data-test="agreement-state"]', { hasText: '有效' }).waitFor()

  // The same parties with an overlapping term: the server's message, above
  // the form. Opened again, the form starts clean.
  await page.locator('[data-test="agreement-create"]').click()
  await page.waitForTimeout(250)
  assert.equal(await form.locator('.el-form-item__error').count(), 0, 'no stale messages on a fresh form')
  await pick(page, '#ag-craftsman', MASTER, MASTER)
  await page.locator('#ag-scope').fill('重复的协议')
  await page.locator('#ag-visits').fill('2')
  await page.locator('[data-test="agreement-submit"]').click()
  await page.locator('[data-test="agreement-create-error"]', { hasText: '双方已有期限重叠的有效协议' }).waitFor()
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click()
  await dialogGone(page)
  await s.shot('staff-agreements')

  // 续签: a year more and more visits; the page shows the new agreement.
  await card.locator('[data-test="agreement-link"]').click()
  await page.waitForURL('**/agreements/AG-*')
  const oldId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
  await page.locator('[data-test="agreement-scope"]', { hasText: '细长轴车削' }).waitFor()
  await page.locator('[data-test="agreement-renew"]').click()
  await page.locator('[data-test="renew-form"]').waitFor()
  await page.locator('#renew-visits').fill('10')
  await page.locator('[data-test="renew-submit"]').click()
  await page.waitForURL((u) => u.pathname.startsWith('/agreements/') && !u.pathname.endsWith(oldId))
  await page.locator('[data-test="renewed-from"]', { hasText: oldId }).waitFor()
  await page.locator('[data-test="agreement-planned"]', { hasText: '10 次' }).waitFor()
  await page.locator('[data-test="agreement-summary"] [data-test="agreement-state"]', { hasText: '有效' }).waitFor()
  await s.shot('staff-agreement-page')

  // Someone ends the new agreement elsewhere; renewing from this stale page
  // is refused, said in words, and the page shows the agreement as it now is.
  const newId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
  const status = await page.evaluate(async (id) => {
    const res = await fetch(`/api/v1/agreements/${id}/end`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CraftLink-CSRF': '1' },
      body: JSON.stringify({ reason: '企业搬迁，双方协商提前结束', version: 1 }),
    })
    return res.status
  }, newId)
  assert.equal(status, 200)
  await page.locator('[data-test="agreement-renew"]').click()
  await page.locator('[data-test="renew-submit"]').click()
  await page.locator('[data-test="agreement-conflict"]', { hasText: '已被他人更新' }).waitFor()
  await page.locator('[data-test="agreement-summary"] [data-test="agreement-state"]', { hasText: '已终止' }).waitFor()
  await page.locator('[data-test="end-reason"]', { hasText: '企业搬迁' }).waitFor()
  assert.equal(await page.locator('[data-test="agreement-renew"]').count(), 0)

  // The list shows both: the renewed one and the ended one.
  await page.locator('[data-nav="agreements"]').click()
  await page.locator('[data-test="agreement-card"][data-state="renewed"]').waitFor()
  await page.locator('[data-test="agreement-card"][data-state="ended"]').waitFor()
  return page
}

async function staffPairsFromSuggestion(s, page) {
  await page.locator('[data-nav="mentorships"]').click()
  await page.waitForURL('**/mentorships')
  await page.locator('[data-test="empty-state"]', { hasText: '还没有师徒结对' }).waitFor()
  await page.locator('[data-test="suggest-toggle"]').click()
  const panel = page.locator('[data-test="suggest-panel"]')
  await panel.locator('[data-test="suggest-run"]').click()
  await panel.getByText('请先选择库内徒弟或添加库外徒弟').waitFor()
  await panel.locator('[data-test="add-outside"]').click()
  await page.locator('#sg-out-name-0').fill(APPRENTICE)
  await page.locator('#sg-out-employer-0').fill(ENTERPRISE)
  await page.locator('#sg-out-skills-0').fill('数控车削')
  await page.locator('#sg-out-region-0').fill('510107')
  await noAxeViolations(page, '[data-test="suggest-panel"]')
  await panel.locator('[data-test="suggest-run"]').click()
  const pair = panel.locator('[data-test="suggestion"]', { hasText: `${MASTER} 带徒 ${APPRENTICE}` })
  await pair.waitFor()
  await pair.getByText('共同技能：数控车削（1/1）').waitFor()
  assert.match(await pair.locator('[role="meter"]').getAttribute('aria-valuenow'), /^\d+$/)
  await s.shot('staff-mentorship-suggestions')
  await pair.locator('[data-test="pair-create"]').click()
  await pair.locator('[data-test="paired-link"]').waitFor()

  const card = page.locator('[data-test="mentorship-card"]', { hasText: `${MASTER} 带徒 ${APPRENTICE}` })
  await card.waitFor()
  await card.locator('[data-test="mentorship-link"]').click()
  await page.waitForURL('**/mentorships/MS-*')
  await page.locator('[data-test="mentorship-goals"]', { hasText: '跟随王建国学习数控车削' }).waitFor()
  await page.locator('#note-text').fill('第一次带教：讲解跟刀架的调整和切削参数')
  await page.locator('[data-test="note-submit"]').click()
  await page.locator('[data-test="note"]', { hasText: '跟刀架的调整' }).waitFor()
  await page.waitForTimeout(250)
  assert.equal(await page.locator('[data-test="note-form"] .el-form-item__error').count(), 0, 'the emptied form shows no error')
  await s.shot('staff-mentorship-page')

  // 修改培养目标 (staff only): the page shows the goals the server answers.
  await page.locator('[data-test="mentorship-edit-goals"]').click()
  await page.locator('[data-test="goals-form"]').waitFor()
  await page.locator('#goals-text').fill('一年内独立完成细长轴精车，并能调整跟刀架')
  await noAxeViolations(page, '.el-dialog')
  await page.locator('[data-test="goals-submit"]').click()
  await dialogGone(page)
  await page.locator('[data-test="mentorship-goals"]', { hasText: '一年内独立完成细长轴精车' }).waitFor()

  // The list searched on the server, the text kept in the address.
  await page.locator('[data-nav="mentorships"]').click()
  await page.waitForURL('**/mentorships')
  await page.locator('[data-test="mentorship-search"] input').fill('细长轴精车')
  await page.locator('[data-test="mentorship-search"] input').press('Enter')
  await page.waitForURL(/\/mentorships\?q=/)
  await page.locator('[data-test="mentorship-card"]', { hasText: `${MASTER} 带徒 ${APPRENTICE}` }).waitFor()
  await page.goto(`${s.baseUrl}/mentorships?q=${encodeURIComponent('没有这个人')}`)
  await page.locator('[data-test="empty-state"]', { hasText: '没有符合条件的结对' }).waitFor()
  assert.equal(await page.locator('[data-test="mentorship-search"] input').inputValue(), '没有这个人')
}

async function staffSetsUpStudio(s, page) {
  await page.locator('[data-nav="studios"]').click()
  await page.locator('[data-test="empty-state"]').waitFor()
  await page.locator('[data-test="studio-create"]').click()
  const form = page.locator('[data-test="studio-form"]')
  await form.waitFor()
  await page.locator('#st-name').fill('王建国劳模创新工作室')
  await pick(page, '#st-lead', MASTER, MASTER)
  await pick(page, '#st-members', '李秀英', '李秀英', { multiple: true })
  await pick(page, '#st-results', '防振', '细长轴车削防振工装', { multiple: true })
  const alliances = page.locator('.el-select:has(#st-alliances)')
  await alliances.locator('.el-select__wrapper').click()
  const listId = await page.locator('#st-alliances').getAttribute('aria-controls')
  await page.locator(`[id="${listId}"] .el-select-dropdown__item`, { hasText: '川渝工会联盟' }).click()
  await page.keyboard.press('Escape')
  await noAxeViolations(page, '.el-dialog')
  await page.locator('[data-test="studio-submit"]').click()
  await dialogGone(page)
  await page.locator('[data-test="studio-card"]', { hasText: '王建国劳模创新工作室' }).getByRole('link').click()
  await page.waitForURL('**/studios/ST-*')
  const studioId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
  // Members by the names the studio carries, each a link to the craftsman's page.
  await page.locator('[data-test="studio-member"][data-member="C-002"] a', { hasText: '李秀英' }).waitFor()
  await page.locator('[data-test="studio-member"][data-member="C-001"] a', { hasText: MASTER }).waitFor()
  await page.locator('[data-test="studio-result"]', { hasText: '细长轴车削防振工装' }).waitFor()
  await page.locator('[data-test="studio-alliances"]', { hasText: '川渝工会联盟' }).waitFor()
  await s.shot('staff-studio-page')

  // The studios list, searched by the lead's name; a search that finds nothing says so.
  await page.goto(`${s.baseUrl}/studios?q=${encodeURIComponent(MASTER)}`)
  await page.locator('[data-test="studio-card"]', { hasText: '王建国劳模创新工作室' }).waitFor()
  await page.locator('[data-test="studio-search"] input').fill('焊接')
  await page.locator('[data-test="studio-search"] input').press('Enter')
  await page.locator('[data-test="empty-state"]', { hasText: '没有找到符合的创新工作室' }).waitFor()
  assert.match(page.url(), /q=%E7%84%8A%E6%8E%A5/)
  return studioId
}

async function masterOnPhone(s, studioId) {
  const page = await s.open(PHONE)
  await s.signIn('e2e-craftsman')
  await page.getByRole('button', { name: '菜单' }).click()
  await page.getByRole('dialog').getByRole('link', { name: '师徒结对' }).click()
  await page.waitForURL('**/mentorships')
  const card = page.locator('[data-test="mentorship-card"]', { hasText: `${MASTER} 带徒 ${APPRENTICE}` })
  await card.waitFor()
  await card.locator('[data-test="your-role"]', { hasText: '您是师傅' }).waitFor()
  assert.equal(await page.locator('[data-test="suggest-toggle"]').count(), 0, 'craftsmen do not pair')
  await noSidewaysScroll(page)
  await s.shot('craftsman-mentorships-phone')

  await card.locator('[data-test="mentorship-link"]').click()
  await page.locator('[data-test="note"]', { hasText: '跟刀架的调整' }).waitFor()
  await page.locator('#note-text').fill('徒弟已能独立调整跟刀架，下周练习细长轴精车')
  await page.locator('[data-test="note-submit"]').click()
  await page.locator('[data-test="note"]').first().getByText('师傅').waitFor()
  await page.locator('[data-test="note"]', { hasText: '独立调整跟刀架' }).waitFor()
  assert.equal(await page.locator('[data-test="mentorship-complete"]').count(), 1, 'the master may complete the pair')
  assert.equal(await page.locator('[data-test="mentorship-edit-goals"]').count(), 0, 'goals are staff’s to change')
  await page.locator('[data-test="mentorship-goals"]', { hasText: '一年内独立完成细长轴精车' }).waitFor()
  await noSidewaysScroll(page)
  await s.shot('craftsman-mentorship-phone')

  // The studio the master leads: their own name, a fellow member from another
  // organisation's record only by id (craftsmen see no one else's name).
  await page.goto(`${s.baseUrl}/studios/${encodeURIComponent(studioId)}`)
  await page.locator('[data-test="studio-member"][data-member="C-001"]', { hasText: MASTER }).waitFor()
  await page.locator('[data-test="studio-member"][data-member="C-002"] [data-test="member-hidden"]').waitFor()
  assert.equal(await page.locator('[data-test="studio-members"] a').count(), 0, 'craftsmen get no links to profiles')
  await noSidewaysScroll(page)

  // 我的协议: the master's agreements with the enterprise, on the phone too.
  await page.getByRole('button', { name: '菜单' }).click()
  await page.getByRole('dialog').getByRole('link', { name: '我的协议' }).click()
  await page.locator('[data-test="agreement-card"]', { hasText: ENTERPRISE }).first().waitFor()
  await noSidewaysScroll(page)
}

async function enterpriseSeesAgreements(s) {
  const page = await s.open(DESKTOP)
  await s.signIn('e2e-enterprise')
  await page.locator('[data-nav="my-agreements"]').click()
  const cards = page.locator('[data-test="agreement-card"]', { hasText: MASTER })
  await cards.first().waitFor()
  assert.equal(await cards.count(), 2, 'the renewed agreement and its renewal')
  assert.equal(await page.locator('[data-test="agreement-create"]').count(), 0)
}

export default {
  name: 'programmes: staff sign and renew an agreement, pair from a suggestion and edit its goals, search the lists, set up a studio; the master on a phone',
  async run(s) {
    const page = await staffSignsAndRenews(s)
    await staffPairsFromSuggestion(s, page)
    const studioId = await staffSetsUpStudio(s, page)
    await masterOnPhone(s, studioId)
    await enterpriseSeesAgreements(s)
  },
}

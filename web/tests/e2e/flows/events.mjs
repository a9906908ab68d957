// A 对接会 from creation to the agendas: staff create it (live checks in
// Chinese, axe on the form), register an enterprise and two craftsmen, set
// who wants to meet whom, make the schedule (tables × slots) and read and
// print a craftsman's agenda, then record attendance on the day; the
// enterprise, on a 390×844 phone, finds the event, sees only its own
// registration and its own agenda, and changes its own wishes.
import assert from 'node:assert/strict'
import { PHONE, DESKTOP, axeCheck, choose } from '../lib/browser.mjs'
import { chinaDateIso } from '../lib/fixtures.mjs'

const TITLE = '川渝劳模工匠助企对接会（e2e）'
const ENTERPRISE = '成都精工机械有限公司'


async function noSidewaysScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= PHONE.width, `page is ${width}px wide on a ${PHONE.width}px screen`)
}

// A remote select: type to search, then pick the option in its own list.
async function pickRemote(page, inputSelector, query, optionText) {
  await page.locator(`.el-select:has(${inputSelector}) .el-select__wrapper`).click()
  await page.locator(inputSelector).pressSequentially(query)
  const listId = await page.locator(inputSelector).getAttribute('aria-controls')
  await page.locator(`[id="${listId}"] .el-select-dropdown__item`, { hasText: optionText }).first().click()
}

async function createEvent(s) {
  const page = s.page
  await page.locator('[data-nav="events"]').click()
  await page.waitForURL('**/events')
  await page.locator('[data-test="events-list"], [data-test="empty-state"]').first().waitFor()
  await page.locator('[data-test="event-create"]').click()
  const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="event-form"]') })
  await dialog.waitFor()

  // Nothing filled in: every required field says what it needs, in Chinese.
  await page.locator('[data-test="event-submit"]').click()
  for (const text of ['请选择活动类型', '请填写活动名称', '请选择活动日期', '请填写名额']) {
    await dialog.locator('.el-form-item__error', { hasText: text }).waitFor()
  }
  // A region that is not six digits is refused as soon as the field is left.
  await page.locator('#event-region').fill('5101')
  await page.locator('#event-region').blur()
  await dialog.locator('.el-form-item__error', { hasText: '地区应为 6 位行政区划代码' }).waitFor()
  await page.mouse.move(0, 0)
  const violations = await axeCheck(page, '.el-dialog')
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
  await s.shot('staff-event-create-errors')

  await choose(page, '#event-kind', '对接会')
  await page.locator('#event-title').fill(TITLE)
  await page.locator('#event-date').fill(chinaDateIso())
  await page.locator('#event-date').press('Enter')
  await page.locator('#event-capacity').fill('20')
  await page.locator('#event-place').fill('成都市总工会职工服务中心三楼')
  await page.locator('#event-organiser').fill('四川省总工会')
  await page.locator('#event-region').fill('510100')
  await page.locator('#event-region').blur()
  // Each message goes as its field is put right (they fade out).
  await page.waitForFunction(() => !document.querySelector('.el-dialog .el-form-item__error'))
  await page.locator('[data-test="event-submit"]').click()
  await page.waitForURL(/\/events\/EV-[^/]+$/)
  await page.getByRole('heading', { name: TITLE }).waitFor()
  await page.locator('[data-test="event-kind"]', { hasText: '对接会' }).waitFor()
  await page.locator('[data-test="fact-seats"]', { hasText: '已报名 0 / 20 人' }).waitFor()
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
}

async function register(page, kind, query, name, seats) {
  await page.locator('[data-test="register-open"]').click()
  const form = page.locator('[data-test="register-form"]')
  await form.waitFor()
  if (kind === 'craftsman') await form.locator('[data-test="register-kind"]').getByText('工匠', { exact: true }).click()
  await pickRemote(page, '#register-participant', query, name)
  if (seats) await page.locator('#register-seats').fill(String(seats))
  await page.locator('[data-test="register-submit"]').click()
  await page.locator('[data-test="registration"]', { hasText: name }).waitFor()
  await form.waitFor({ state: 'hidden' })
}

async function setWishes(page, wisher, targets) {
  const panel = page.locator('[data-test="wishes"]')
  await panel.locator(`[data-test="wisher-${wisher}"]`).click()
  for (const [id, weight] of targets) {
    const row = panel.locator(`[data-test="wish-row"][data-target="${id}"]`)
    await row.locator('.el-checkbox').click()
    await row.locator('input[id^="weight-"]').fill(String(weight))
    await row.locator('input[id^="weight-"]').blur()
  }
  await panel.locator('[data-test="wishes-save"]').click()
  await panel.locator(`[data-test="wisher-${wisher}"]`, { hasText: `${targets.length} 个意向` }).waitFor()
}

async function staffRunsTheMatchmaking(s) {
  const page = await s.open(DESKTOP)
  await s.signIn('e2e-staff')
  const eventId = await createEvent(s)

  await register(page, 'enterprise', '精工', ENTERPRISE, 3)
  await register(page, 'craftsman', '王建国', '王建国')
  await register(page, 'craftsman', '雷振川', '雷振川')
  await page.locator('[data-test="fact-seats"]', { hasText: '已报名 5 / 20 人' }).waitFor()

  // Wishes: the enterprise wants both craftsmen, 王建国 wants it back.
  await setWishes(page, 'E-CD-001', [['C-001', 80], ['C-004', 40]])
  await setWishes(page, 'C-001', [['E-CD-001', 90]])
  await page.locator('[data-test="wishes"] [data-test="wisher-E-CD-001"]').click()
  await page.locator('[data-test="wishes"] [data-test="wish-row"][data-target="C-001"]', { hasText: '对方也想见' }).waitFor()

  // Two slots from 14:00, a quarter of an hour each.
  await page.locator('#schedule-slots').fill('2')
  await page.locator('#schedule-slots').blur()
  await choose(page, '#schedule-start', '14:00')
  await page.locator('[data-test="slot-labels"]', { hasText: '14:00-14:15' }).waitFor()
  await page.locator('[data-test="schedule-generate"]').click()
  await page.locator('[data-test="schedule-summary"]', { hasText: '共 2 场洽谈，其中双方意向 1 场' }).waitFor()
  const grid = page.locator('[data-test="schedule-grid"]')
  await grid.locator('[data-test="grid-row"][data-enterprise="E-CD-001"]').waitFor()
  assert.equal(await grid.locator('[data-test="grid-meeting"]').count(), 2)
  await grid.locator('[data-test="grid-meeting"]', { hasText: '王建国' }).filter({ hasText: '双方意向' }).waitFor()
  await grid.locator('thead', { hasText: '14:15-14:30' }).waitFor()

  // 王建国's agenda, as the list, the server's text and the print view.
  await choose(page, '#agenda-participant', '王建国')
  const agenda = page.locator('[data-test="agenda-view"][data-participant="C-001"]')
  await agenda.locator('[data-test="agenda-entry"]', { hasText: ENTERPRISE }).waitFor()
  assert.match(await agenda.locator('[data-test="agenda-text"]').textContent(), /【王建国】对接会日程（共 1 场）/)

  // The event is today: attendance may be recorded.
  await page.locator('[data-test="attendance-E-CD-001"]').click()
  await page.locator('#attendance-number').fill('2')
  await page.locator('[data-test="attendance-submit"]').click()
  await page.locator('[data-test="registration"][data-participant="E-CD-001"] [data-test="attended"]', { hasText: '出席 2 人' }).waitFor()
  await page.locator('.el-message').first().waitFor({ state: 'detached' })
  await s.shot('staff-event-matchmaking')

  await agenda.locator('[data-test="print-agenda"]').click()
  await page.waitForURL(`**/events/${encodeURIComponent(eventId)}/agenda?participant_id=C-001`)
  await page.locator('[data-test="print-sheet"]', { hasText: '王建国' }).waitFor()
  await page.locator('[data-test="print-sheet"]', { hasText: '14:00-14:15' }).waitFor()
  await s.shot('staff-event-agenda-print')

  // The list shows it with its seats.
  await page.goto(`${s.baseUrl}/events?kind=matchmaking`)
  const card = page.locator('[data-test="event-card"]', { hasText: TITLE })
  await card.locator('[data-test="event-seats"]', { hasText: '已报名 5 / 20 人' }).waitFor()
  await s.shot('staff-events-list')
  // Today's event is upcoming, not past: 已举行 asks for events before today, latest first.
  await page.locator('[data-test="filter-view"] [data-view="past"]').click()
  await page.waitForURL(/when=past/)
  await page.locator('[data-test="empty-state"]', { hasText: '没有符合条件的活动' }).waitFor()
  await page.locator('[data-test="filter-view"] [data-view="upcoming"]').click()
  await card.waitFor()
  return eventId
}

async function enterpriseSeesItsOwn(s, eventId) {
  const page = await s.open(PHONE)
  await s.signIn('e2e-enterprise')
  await page.getByRole('button', { name: '菜单' }).click()
  await page.getByRole('dialog').getByRole('link', { name: '活动' }).click()
  await page.waitForURL('**/events')
  const card = page.locator('[data-test="event-card"]', { hasText: TITLE })
  await card.locator('[data-test="registered-tag"]', { hasText: '您已报名（3 人）' }).waitFor()
  await noSidewaysScroll(page)
  await card.locator('[data-test="event-link"]').click()
  await page.waitForURL(`**/events/${encodeURIComponent(eventId)}`)
  // Only its own registration, no staff tools, and its own agenda.
  await page.locator('[data-test="registration"]').first().waitFor()
  assert.equal(await page.locator('[data-test="registration"]').count(), 1)
  assert.equal(await page.locator('[data-test="schedule"], [data-test="event-edit"], [data-test="event-cancel"]').count(), 0)
  const agenda = page.locator('[data-test="agenda-view"][data-participant="E-CD-001"]')
  await agenda.locator('[data-test="agenda-entry"]', { hasText: '王建国' }).waitFor()
  await agenda.locator('[data-test="agenda-entry"]', { hasText: '雷振川' }).waitFor()
  // Its own wishes, over the craftsmen registered (names only): no picker
  // of other participants. It drops 雷振川 and saves.
  const wishes = page.locator('[data-test="wishes"]')
  const lei = wishes.locator('[data-test="wish-row"][data-target="C-004"]')
  await lei.waitFor()
  assert.equal(await wishes.locator('[data-test="wishes-participant"]').count(), 0)
  assert.equal(await lei.locator('.el-checkbox.is-checked').count(), 1)
  await lei.locator('.el-checkbox').click()
  await wishes.locator('[data-test="wishes-save"]', { hasText: '保存意向（1 个）' }).click()
  await page.locator('.el-message', { hasText: '意向已保存' }).waitFor()
  await lei.locator('.el-checkbox:not(.is-checked)').waitFor()
  await noSidewaysScroll(page)
  const violations = await axeCheck(page, '#main')
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
  await s.shot('enterprise-event-phone')
}

export default {
  name: 'events: staff run a 对接会 (create, register, wishes, schedule, agendas, attendance); the enterprise on a phone',
  async run(s) {
    const eventId = await staffRunsTheMatchmaking(s)
    await enterpriseSeesItsOwn(s, eventId)
  },
}

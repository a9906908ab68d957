// 批量派单 from staff's home page: two needs ticked in the inbox, the
// optimiser's plan beside the greedy one (they differ on both needs), the
// same plan again after a reload (its id in the address), a need left out and
// put back, a plan confirmed elsewhere first (409, said plainly, with how it
// was confirmed), a new proposal confirmed, the engagements on the board, and
// the confirmed plan opened again by its address.
import assert from 'node:assert/strict'
import { DESKTOP, axeCheck } from '../lib/browser.mjs'
import { DISPATCH_CRAFTSMEN, DISPATCH_NEEDS } from '../lib/fixtures.mjs'

const [PLC, VFD] = DISPATCH_NEEDS

// The records go in through the API as the signed-in staff member, then
// the flow waits until the matcher (which follows the change feed) ranks them.
async function seed(page) {
  const problems = await page.evaluate(
    async ({ craftsmen, needs }) => {
      const post = (kind, body) =>
        fetch(`/api/v1/${kind}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CraftLink-CSRF': '1' },
          body: JSON.stringify(body),
        })
      const out = []
      for (const c of craftsmen) if (!(await post('craftsmen', c)).ok) out.push(c.id)
      for (const n of needs) if (!(await post('needs', n)).ok) out.push(n.id)
      return out
    },
    { craftsmen: DISPATCH_CRAFTSMEN, needs: DISPATCH_NEEDS },
  )
  assert.deepEqual(problems, [], 'the dispatch records are created')
  await page.waitForFunction(
    async (needId) => {
      const r = await fetch(`/api/v1/needs/${needId}/matches?top=20&include_full=true`, { headers: { Accept: 'application/json' } })
      return r.ok && (await r.json()).matches.some((m) => m.craftsman_id === 'C-PLC-02')
    },
    PLC.id,
    { polling: 500, timeout: 15000 },
  )
}

const score = async (locator) => Number((await locator.innerText()).match(/\d+\.\d+/)[0])

export default {
  name: 'staff batch-dispatch from the home page: both plans side by side, the plan again by its address, a 409 said plainly, the engagements on the board',
  async run(s) {
    assert.equal(s.matching, 'ready', 'this flow needs the matching endpoints')
    const page = await s.open(DESKTOP)
    await s.signIn('e2e-staff')
    await page.waitForURL('**/home')
    // The home page: what waits, the year's targets in small numbers.
    await page.locator('[data-section="home-stale"]').waitFor()
    await page.locator('[data-section="home-attention"]').waitFor()
    await page.locator('[data-section="home-targets"] [data-metric="visits"] [data-test="target-figures"]').waitFor()
    assert.equal(await page.locator('[data-section="home-targets"] canvas').count(), 0, 'no charts on the home page')
    await page.locator('[data-test="home-batch"]').waitFor()
    let violations = await axeCheck(page, '#main')
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
    await s.shot('staff-home')

    await seed(page)
    await page.locator('[data-nav="needs"]').click()
    await page.waitForURL('**/needs')
    for (const need of [PLC, VFD]) {
      const card = page.locator('[data-test="need-card"]', { hasText: need.title })
      await card.locator('[data-test="select-need"]').click()
    }
    const batch = page.locator('[data-test="batch-dispatch"]')
    await batch.filter({ hasText: '批量派单（2 条）' }).waitFor()
    await s.shot('staff-needs-selected')
    await batch.click()
    await page.waitForURL(/\/dispatch\?needs=/)
    const selected = page.locator('[data-test="selected-needs"]')
    await selected.getByText(PLC.title).waitFor()
    await selected.getByText(VFD.title).waitFor()

    // Both plans, need by need: the optimiser swaps the generalist over.
    await page.locator('[data-test="propose"]').click()
    const rows = page.locator('[data-test="plan-row"]')
    await rows.nth(1).waitFor()
    assert.equal(await rows.count(), 2)
    const plcRow = rows.filter({ hasText: PLC.title })
    const vfdRow = rows.filter({ hasText: VFD.title })
    for (const row of [plcRow, vfdRow]) assert.equal(await row.getAttribute('data-differs'), 'true')
    await plcRow.locator('[data-plan="optimal"] [data-test="plan-craftsman"]', { hasText: '钱自控' }).waitFor()
    await plcRow.locator('[data-plan="greedy"] [data-test="plan-craftsman"]', { hasText: '赵电工' }).waitFor()
    await vfdRow.locator('[data-plan="optimal"] [data-test="plan-craftsman"]', { hasText: '赵电工' }).waitFor()
    await vfdRow.locator('[data-plan="optimal"] [data-reason="skill"]', { hasText: '变频器应用与维修' }).first().waitFor()
    const summary = (plan) => page.locator(`[data-test="plan-summary"][data-plan="${plan}"]`)
    assert.match(await summary('optimal').locator('[data-test="needs-served"]').innerText(), /2 \/ 2 条/)
    const optimalScore = await score(summary('optimal').locator('[data-test="total-score"]'))
    const greedyScore = await score(summary('greedy').locator('[data-test="total-score"]'))
    assert.ok(optimalScore > greedyScore, `optimal ${optimalScore} > greedy ${greedyScore}`)
    await summary('optimal').locator('[data-test="max-load"]', { hasText: '1 单' }).waitFor()
    assert.match(await page.locator('[data-test="diff-count"]').innerText(), /2 条需求中的 2 条安排不同/)

    // The plan's id is in the address: a reload shows the same plan, read
    // back by id with the titles and names it carries.
    await page.waitForURL(/\/dispatch\?.*plan=/)
    const firstId = new URL(page.url()).searchParams.get('plan')
    await page.reload()
    await page.locator(`[data-test="batch-confirm"][data-plan-id="${firstId}"]`).waitFor()
    await plcRow.locator('[data-plan="optimal"] [data-test="plan-craftsman"]', { hasText: '钱自控' }).waitFor()
    await vfdRow.locator('[data-plan="greedy"] [data-test="plan-craftsman"]').waitFor()
    assert.equal(await rows.count(), 2)
    await selected.getByText(PLC.title).waitFor()

    // Leaving a need out changes what confirming would do; put it back.
    await vfdRow.locator('[data-test="exclude"]').click()
    await page.locator('[data-test="confirm-summary"]', { hasText: '将派出 1 项' }).waitFor()
    await vfdRow.locator('[data-test="exclude"]').click()
    await page.locator('[data-test="confirm-summary"]', { hasText: '将派出 2 项' }).waitFor()
    await page.mouse.move(0, 0)
    violations = await axeCheck(page, '#main')
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
    await s.shot('staff-batch-dispatch-plans')

    // The same plan confirmed elsewhere first (another tab): confirming here is a 409, said plainly.
    const planId = await page.locator('[data-test="batch-confirm"]').getAttribute('data-plan-id')
    const elsewhere = await page.evaluate(
      async ({ planId, exclude }) =>
        (
          await fetch(`/api/v1/dispatch/${planId}/confirm`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CraftLink-CSRF': '1' },
            body: JSON.stringify({ plan: 'greedy', exclude }),
          })
        ).status,
      { planId, exclude: [PLC.id, VFD.id] },
    )
    assert.equal(elsewhere, 200)
    s.expectFailure(409, /\/api\/v1\/dispatch\/[^/]+\/confirm$/)
    await page.locator('[data-test="confirm"]').click()
    const conflict = page.locator('[data-test="plan-confirmed"]')
    await conflict.getByText('这个方案已经确认过了').waitFor()
    assert.match(await conflict.locator('[data-test="plan-conflict"]').innerText(), new RegExp(`派单方案 ${planId} 已确认过`))
    // Read again: how it was confirmed elsewhere.
    await conflict.locator('[data-test="confirmed-how"]', { hasText: '按逐条择优方案确认' }).waitFor()
    assert.equal(await page.locator('[data-test="confirm"]').count(), 0)
    await s.shot('staff-batch-dispatch-conflict')

    // A new proposal, confirmed with the optimiser's plan.
    await conflict.locator('[data-test="propose-again"]').click()
    await page.locator('[data-test="plan-confirmed"]').waitFor({ state: 'detached' })
    await page.waitForFunction((old) => document.querySelector('[data-test="batch-confirm"]')?.dataset.planId !== old, planId)
    await page.locator('[data-test="confirm"]', { hasText: '按统筹优化方案派出 2 单' }).click()
    const outcome = page.locator('[data-test="dispatch-outcome"]')
    await outcome.getByText('已派出 2 项助企服务').waitFor()
    const cards = outcome.locator('[data-test="engagement-card"]')
    await cards.nth(1).waitFor()
    await cards.filter({ hasText: PLC.title }).locator('[data-test="engagement-members"]', { hasText: '钱自控' }).waitFor()
    await cards.filter({ hasText: VFD.title }).locator('[data-test="engagement-members"]', { hasText: '赵电工' }).waitFor()
    for (const card of await cards.all()) await card.locator('[data-test="engagement-state"]', { hasText: '已派单' }).waitFor()
    await s.shot('staff-batch-dispatch-done')
    const confirmedUrl = page.url()
    assert.match(confirmedUrl, /plan=/)

    // On to the board, where they wait for the craftsmen to accept.
    await outcome.locator('[data-test="to-board"]').click()
    await page.waitForURL(/\/engagements\?state=dispatched/)
    for (const need of [PLC, VFD]) await page.locator('[data-group="dispatched"] [data-test="engagement-card"]', { hasText: need.title }).waitFor()
    await s.shot('staff-board-after-batch')

    // The confirmed plan by its address: shown as confirmed, nothing to confirm again.
    await page.goto(confirmedUrl)
    await page.locator('[data-test="plan-confirmed"] [data-test="confirmed-how"]', { hasText: '按统筹优化方案确认' }).waitFor()
    assert.equal(await page.locator('[data-test="confirm"]').count(), 0)
    await rows.filter({ hasText: PLC.title }).locator('[data-plan="optimal"] [data-test="plan-craftsman"]', { hasText: '钱自控' }).waitFor()
    violations = await axeCheck(page, '#main')
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
  },
}

// Union staff: the needs inbox, a need, the pools, and no way into admin pages.
import assert from 'node:assert/strict'
import { choose, axeCheck } from '../lib/browser.mjs'

// The 候选工匠 panel on the welding need N-WELD-001: the welder 雷振川 is
// listed with a score, a confidence badge, the recognised skill, and reasons
// (a matched skill highlighted, the region, the visits left); results below.
async function checkCandidates(page) {
  const panel = page.locator('[data-test="candidates-panel"]')
  const first = panel.locator('[data-test="candidate"]').first()
  await first.waitFor()
  assert.match(await panel.locator('[data-test="confidence"]').innerText(), /^[高中低]置信度$/)
  assert.match(await panel.locator('[data-test="need-skills"]').innerText(), /识别为：[\s\S]*钨极氩弧焊/)
  const welder = panel.locator('[data-test="candidate"]', { hasText: '雷振川' })
  assert.equal(await welder.count(), 1, 'the welder is a candidate')
  assert.match(await first.innerText(), /雷振川/, 'and ranked first')
  assert.match(await welder.locator('[role="meter"]').getAttribute('aria-valuenow'), /^\d+$/)
  const reasons = welder.locator('[data-test="reasons"]')
  assert.ok(await reasons.locator('[data-reason="skill"].reason-tags__hit').count() >= 1, 'a matched skill is highlighted')
  await reasons.locator('[data-reason="skill"]', { hasText: '钨极氩弧焊' }).first().waitFor()
  await reasons.locator('[data-reason="region"]').first().waitFor()
  await reasons.locator('[data-reason="capacity"]', { hasText: /本月/ }).first().waitFor()
  await page.locator('[data-test="results-panel"] [data-test="recommended-result"]', { hasText: '不锈钢储罐氩弧焊气孔控制工法' }).waitFor()
  // 派单 per candidate (the dispatch itself is driven in engagement.mjs).
  assert.ok(await welder.locator('[data-test="dispatch"]').count() === 1, 'the welder can be dispatched in one click')
  const violations = await axeCheck(page, '.need-page__side')
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
}

export default {
  name: 'staff works the needs inbox, opens a need, browses the pools; admin pages stay closed',
  async run(s) {
    const page = await s.open()
    await s.signIn('e2e-staff')
    await page.waitForURL('**/home')
    await page.locator('[data-nav="needs"]').click()
    await page.waitForURL('**/needs')
    const cards = page.locator('[data-test="need-card"]')
    await cards.first().waitFor()
    assert.equal(await cards.count(), 5)
    const old = cards.filter({ hasText: '轴类零件圆度超差' })
    assert.equal(await old.locator('[data-test="stale-badge"]').count(), 1, 'a need open 45 days carries the badge')
    assert.equal(await cards.filter({ hasText: '新员工数控操作培训' }).locator('[data-test="stale-badge"]').count(), 0)
    await s.shot('staff-needs-inbox')

    // Search runs on the server (q=) and stays in the address.
    await page.getByRole('search').locator('input').fill('反应釜')
    await page.getByRole('search').locator('input').press('Enter')
    await page.waitForURL(/q=/)
    await page.waitForFunction(() => document.querySelectorAll('[data-test="need-card"]').length === 1)
    assert.match(await cards.first().innerText(), /反应釜泄漏隐患排查/)
    await page.getByRole('search').locator('input').fill('')
    await page.getByRole('search').locator('input').press('Enter')
    await page.waitForFunction(() => document.querySelectorAll('[data-test="need-card"]').length === 5)

    // The over-30-days filter works on what is loaded.
    await page.locator('[data-test="stale-only"]').click()
    await page.waitForFunction(() => document.querySelectorAll('[data-test="need-card"]').length === 1)
    await page.locator('[data-test="stale-only"]').click()

    // The need page, and a status change written with the version read.
    await page.getByRole('link', { name: '轴类零件圆度超差，废品率高' }).click()
    await page.waitForURL('**/needs/N-OLD-001')
    await page.getByRole('heading', { name: '轴类零件圆度超差，废品率高' }).waitFor()
    assert.match(await page.locator('[data-test="need-description"]').innerText(), /废品率约5%/)
    await page.locator('[data-test="need-enterprise"]', { hasText: '成都精工机械有限公司' }).waitFor()
    await choose(page, '#need-status-select', '服务中')
    await page.locator('[data-test="save-status"]').click()
    await page.locator('[data-test="need-status"]', { hasText: '服务中' }).waitFor()
    await s.shot('staff-need-status')
    // A reload of a UI route is served index.html by the server (SPA fallback).
    await page.reload()
    await page.locator('[data-test="need-status"]', { hasText: '服务中' }).waitFor()

    // A welding need: the 候选工匠 panel ranks the welder first, with reasons.
    await page.locator('[data-nav="needs"]').click()
    await page.getByRole('link', { name: '不锈钢储罐焊缝气孔多' }).click()
    await page.waitForURL('**/needs/N-WELD-001')
    await page.getByRole('heading', { name: '不锈钢储罐焊缝气孔多' }).waitFor()
    if (s.matching === 'ready') {
      await checkCandidates(page)
      await s.shot('staff-need-page')
      await page.locator('[data-test="candidate-link"]', { hasText: '雷振川' }).click()
      await page.getByRole('heading', { name: '雷振川' }).waitFor()
      await page.goBack()
      await page.locator('[data-test="candidate"]').first().waitFor()
    } else {
      console.log('        NOTICE: matching endpoint missing — 候选工匠 checks skipped')
      await s.shot('staff-need-page')
    }

    // Craftsmen pool and a profile.
    await page.locator('[data-nav="craftsmen"]').click()
    await page.locator('[data-test="craftsman-card"]').nth(3).waitFor()
    assert.equal(await page.locator('[data-test="craftsman-card"]').count(), 4)
    await s.shot('staff-craftsmen-pool')
    await page.getByRole('link', { name: '王建国' }).click()
    await page.getByRole('heading', { name: '王建国' }).waitFor()
    await page.getByText('王建国创新工作室').first().waitFor()
    await s.shot('staff-craftsman-profile')

    await page.locator('[data-nav="results"]').click()
    await page.getByText('细长轴车削防振工装').waitFor()
    // A result's page, and the open needs it could be promoted to.
    await page.getByRole('link', { name: '不锈钢储罐氩弧焊气孔控制工法' }).click()
    await page.getByRole('heading', { name: '不锈钢储罐氩弧焊气孔控制工法' }).waitFor()
    await page.locator('[data-test="promotable-panel"]').waitFor()
    if (s.matching === 'ready') {
      const promotable = page.locator('[data-test="promotable-need"]')
      await promotable.first().waitFor()
      assert.ok(await promotable.filter({ hasText: /焊缝气孔/ }).count() >= 1, 'a welding need is suggested for the welding result')
      await s.shot('staff-result-page')
    }

    // 相似需求: the two enterprises' welding needs form one group.
    await page.locator('[data-nav="needs"]').click()
    await page.locator('[data-test="tab-similar"]').click()
    await page.waitForURL('**/needs/similar')
    await page.getByRole('heading', { name: '相似需求' }).waitFor()
    if (s.matching === 'ready') {
      const group = page.locator('[data-test="similar-group"]').filter({ hasText: '不锈钢储罐焊缝气孔多' })
      await group.waitFor()
      await group.getByRole('link', { name: '设备机架氩弧焊焊缝气孔' }).waitFor()
      await s.shot('staff-similar-needs')
    }
    await page.locator('[data-nav="enterprises"]').click()
    await page.getByText('成都蜀兴化工有限公司').waitFor()
    await page.locator('[data-nav="organisations"]').click()
    await page.locator('[data-test="org-tree"]').getByText('四川省总工会').waitFor()
    await page.getByText('川渝工会联盟').waitFor()
    await s.shot('staff-organisations')

    // The English switch, and back.
    await page.getByRole('button', { name: '切换语言' }).click()
    await page.locator('[data-nav="needs"]', { hasText: 'Needs' }).waitFor()
    await page.getByRole('button', { name: 'Switch language' }).click()
    await page.locator('[data-nav="needs"]', { hasText: '需求列表' }).waitFor()

    // Admin pages: not in the nav, and closed when opened by address.
    assert.equal(await page.locator('[data-nav="users"]').count(), 0)
    await page.goto(`${s.baseUrl}/admin/users`)
    await page.locator('[data-test="forbidden"]', { hasText: '无权访问' }).waitFor()
    assert.equal(await page.locator('[data-test="users-table"]').count(), 0)
    await s.shot('staff-forbidden-users')
  },
}

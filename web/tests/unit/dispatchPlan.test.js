// 批量派单 plans: both plans need by need, where they differ, the totals of
// what confirming would do once needs are left out, and the request bodies.
import { describe, it, expect } from 'vitest'
import {
  advantages,
  compareRows,
  confirmBody,
  craftsmanLoads,
  entriesDiffer,
  formatScore,
  maxLoad,
  needIdsQuery,
  normaliseOutcome,
  normaliseProposal,
  parseNeedIds,
  planIdOf,
  planLabels,
  planTotals,
  proposeBody,
  MAX_NEEDS,
} from '../../src/domain/dispatchPlan.js'

// The e2e data's shape: greedy sends the generalist to the PLC need and a
// welder to the inverter; the optimiser swaps, and a third need has nobody.
const ANSWER = {
  plan_id: 'P0123456789ab',
  optimal: {
    assignments: [
      { need_id: 'N-PLC', craftsman_ids: ['C-2'], lead_id: 'C-2', score: 0.4543 },
      { need_id: 'N-VFD', craftsman_ids: ['C-1'], lead_id: 'C-1', score: 0.7614 },
      { need_id: 'N-SQUAD', craftsman_ids: ['C-3', 'C-1'], lead_id: 'C-3', score: 0.6 },
    ],
    unserved: [{ need_id: 'N-NONE', reason: 'no_candidate', reason_label: '无候选', detail: '没有匹配的工匠' }],
    total_score: 1.8157,
    needs_served: 3,
  },
  greedy: {
    assignments: [
      { need_id: 'N-PLC', craftsman_ids: ['C-1'], lead_id: 'C-1', score: 0.8085 },
      { need_id: 'N-VFD', craftsman_ids: ['C-4'], lead_id: 'C-4', score: 0.1288 },
      { need_id: 'N-SQUAD', craftsman_ids: ['C-1', 'C-3'], lead_id: 'C-3', score: 0.6 },
    ],
    unserved: [{ need_id: 'N-NONE', reason: 'no_candidate', reason_label: '无候选', detail: '没有匹配的工匠' }],
    total_score: 1.5373,
    needs_served: 3,
  },
}
const proposal = normaliseProposal(ANSWER)

describe('reading a proposal', () => {
  it('keeps ids, the lead first, scores and the unserved reasons', () => {
    expect(proposal.planId).toBe('P0123456789ab')
    expect(proposal.optimal.assignments[2]).toEqual({
      needId: 'N-SQUAD', needTitle: '', enterpriseName: '', craftsmanIds: ['C-3', 'C-1'], leadId: 'C-3', names: {}, score: 0.6,
    })
    expect(proposal.greedy.unserved[0]).toEqual({
      needId: 'N-NONE', needTitle: '', enterpriseName: '', reason: 'no_candidate', label: '无候选', detail: '没有匹配的工匠',
    })
    expect(proposal.state).toBe('proposed')
    expect(proposal.confirmed).toBe(null)
    expect(proposal.optimal.needsServed).toBe(3)
  })

  it('survives a partial or odd answer', () => {
    const p = normaliseProposal({ optimal: { assignments: [null, { need_id: 'N-1', craftsman_ids: [], lead_id: 'C-9', score: 'x' }] } })
    expect(p.planId).toBe('')
    expect(p.optimal.assignments).toEqual([{ needId: 'N-1', needTitle: '', enterpriseName: '', craftsmanIds: ['C-9'], leadId: 'C-9', names: {}, score: 0 }])
    expect(p.greedy).toEqual({ assignments: [], unserved: [], totalScore: 0, needsServed: 0 })
  })

  it('reads a stored plan: titles and names beside the ids, and how it was confirmed', () => {
    const stored = normaliseProposal({
      ...ANSWER,
      state: 'confirmed',
      optimal: {
        ...ANSWER.optimal,
        assignments: [
          // a squad member the caller may no longer see comes without a name
          { need_id: 'N-SQUAD', need_title: '攻关', enterprise_name: '精工机械', craftsman_ids: ['C-3', 'C-1'], lead_id: 'C-3', lead_name: '孙组长',
            craftsmen: [{ id: 'C-3', name: '孙组长' }, { id: 'C-1' }], score: 0.6 },
        ],
        unserved: [{ need_id: 'N-NONE', need_title: '没人会的活', reason: 'no_candidate' }],
      },
      skipped: [{ need_id: 'N-OLD', need_title: '旧需求', reason: '已关闭' }],
      confirmed: {
        plan: 'greedy', exclude: ['N-VFD', 7, ''], at: '2026-11-29T08:30:00Z',
        created: [{ need_id: 'N-SQUAD', engagement_id: 'G-N-SQUAD-1' }, { need_id: 'N-X' }],
        failed: [{ need_id: 'N-NONE', message: '需求已关闭' }, { message: '没有需求编号' }],
      },
    })
    expect(stored.state).toBe('confirmed')
    // what confirming created and could not, without entries that name no engagement or need
    expect(stored.confirmed).toEqual({
      plan: 'greedy', exclude: ['N-VFD', '7'], at: '2026-11-29T08:30:00Z',
      created: [{ needId: 'N-SQUAD', engagementId: 'G-N-SQUAD-1' }],
      failed: [{ needId: 'N-NONE', message: '需求已关闭' }],
    })
    expect(planLabels(stored)).toEqual({
      titles: { 'N-SQUAD': '攻关', 'N-NONE': '没人会的活', 'N-OLD': '旧需求' },
      names: { 'C-3': '孙组长' },
      enterprises: { 'N-SQUAD': '精工机械' },
    })
    // A confirmation the server kept without the state still counts; an unknown plan reads as the optimal one.
    expect(normaliseProposal({ confirmed: { plan: 'x' } })).toMatchObject({ state: 'confirmed', confirmed: { plan: 'optimal', exclude: [], created: [] } })
    expect(planLabels(null)).toEqual({ titles: {}, names: {}, enterprises: {} })
  })

  it('finds the plan id in the address', () => {
    expect(planIdOf({ plan: ' P1 ', needs: 'N-1' })).toBe('P1')
    expect(planIdOf({ plan: ['P1', 'P2'] })).toBe('')
    expect(planIdOf({})).toBe('')
  })

  it('keeps the needs the server left out, with their title when it gives one', () => {
    expect(proposal.skipped).toEqual([])
    const p = normaliseProposal({
      skipped: [{ need_id: 'N-OLD', need_title: '注塑机液压异响', reason: '已在服务中或已关闭' }, { reason: 'no id' }, null, { need_id: 'N-2' }],
    })
    expect(p.skipped).toEqual([
      { needId: 'N-OLD', title: '注塑机液压异响', enterpriseName: '', reason: '已在服务中或已关闭' },
      { needId: 'N-2', title: '', enterpriseName: '', reason: '' },
    ])
  })
})

describe('both plans side by side', () => {
  it('gives one row per need in the order asked, then as the plans list them', () => {
    const rows = compareRows(proposal, ['N-VFD', 'N-GONE', 'N-VFD'])
    expect(rows.map((r) => r.needId)).toEqual(['N-VFD', 'N-PLC', 'N-SQUAD', 'N-NONE'])
  })

  it('marks the needs the plans treat differently, a squad by its members whatever their order', () => {
    const rows = Object.fromEntries(compareRows(proposal).map((r) => [r.needId, r]))
    expect(rows['N-PLC'].differs).toBe(true)
    expect(rows['N-VFD'].differs).toBe(true)
    expect(rows['N-SQUAD'].differs).toBe(false)
    expect(rows['N-NONE'].differs).toBe(false)
    expect(rows['N-NONE'].optimal.kind).toBe('unserved')
    expect(rows['N-PLC'].greedy).toMatchObject({ kind: 'assigned', leadId: 'C-1' })
  })

  it('counts served against unserved, and a different lead, as a difference', () => {
    const a = { kind: 'assigned', craftsmanIds: ['C-1', 'C-2'], leadId: 'C-1' }
    expect(entriesDiffer(a, { kind: 'unserved', reason: 'no_capacity' })).toBe(true)
    expect(entriesDiffer(a, { kind: 'assigned', craftsmanIds: ['C-2', 'C-1'], leadId: 'C-2' })).toBe(true)
    expect(entriesDiffer(a, { ...a })).toBe(false)
    expect(entriesDiffer(a, null)).toBe(true)
    expect(entriesDiffer(null, null)).toBe(false)
  })
})

describe('totals once needs are left out', () => {
  it('equal the server’s totals when nothing is left out', () => {
    for (const which of ['optimal', 'greedy']) {
      const totals = planTotals(proposal[which], [])
      expect(totals.totalScore).toBeCloseTo(ANSWER[which].total_score, 6)
      expect(totals.needsServed).toBe(ANSWER[which].needs_served)
      expect(totals.needsTotal).toBe(4)
      expect(totals.unservedReasons).toEqual([{ reason: 'no_candidate', label: '无候选', count: 1 }])
    }
  })

  it('leave out the excluded needs from score, served, unserved and loads', () => {
    const totals = planTotals(proposal.greedy, new Set(['N-PLC', 'N-NONE']))
    expect(totals.totalScore).toBeCloseTo(0.7288, 6)
    expect(totals).toMatchObject({ needsServed: 2, needsTotal: 2, unserved: 0, unservedReasons: [] })
    expect(totals.maxLoad).toEqual({ count: 1, craftsmanIds: ['C-1', 'C-3', 'C-4'] })
  })

  it('count every squad member’s load and name the busiest', () => {
    expect(Object.fromEntries(craftsmanLoads(proposal.greedy))).toEqual({ 'C-1': 2, 'C-3': 1, 'C-4': 1 })
    expect(maxLoad(proposal.greedy)).toEqual({ count: 2, craftsmanIds: ['C-1'] })
    expect(maxLoad(proposal.optimal)).toEqual({ count: 2, craftsmanIds: ['C-1'] })
    expect(maxLoad(proposal.optimal, ['N-VFD', 'N-SQUAD', 'N-PLC'])).toEqual({ count: 0, craftsmanIds: [] })
  })

  it('say where each plan does better', () => {
    const o = planTotals(proposal.optimal, [])
    const g = planTotals(proposal.greedy, [])
    expect(advantages(o, g)).toEqual({ optimal: ['score'], greedy: [] })
    // Leaving out the swapped needs: the squad alone, the same in both.
    const same = ['N-PLC', 'N-VFD']
    expect(advantages(planTotals(proposal.optimal, same), planTotals(proposal.greedy, same))).toEqual({ optimal: [], greedy: [] })
    const balanced = { totalScore: 1, needsServed: 3, maxLoad: { count: 1 } }
    const packed = { totalScore: 1.2, needsServed: 2, maxLoad: { count: 3 } }
    expect(advantages(balanced, packed)).toEqual({ optimal: ['served', 'load'], greedy: ['score'] })
  })
})

describe('requests and answers', () => {
  it('asks for every open need in scope when none are picked', () => {
    expect(proposeBody({ needIds: [], loadBalancing: 1 })).toEqual({ need_ids: null, load_balancing: true })
    expect(proposeBody({ needIds: ['N-1'] })).toEqual({ need_ids: ['N-1'], load_balancing: false })
  })

  it('confirms one of the two plans with the left-out needs', () => {
    expect(confirmBody('greedy', new Set(['N-2', 'N-1']))).toEqual({ plan: 'greedy', exclude: ['N-1', 'N-2'] })
    expect(confirmBody('optimal')).toEqual({ plan: 'optimal', exclude: [] })
    expect(() => confirmBody('best')).toThrow(/unknown plan/)
  })

  it('reads what confirming created and what failed', () => {
    const out = normaliseOutcome({
      plan_id: 'P1',
      created: [{ need_id: 'N-1', engagement_id: 'G-N-1-1' }],
      failed: [{ need_id: 'N-2', message: '这条需求已有进行中的助企服务' }, null],
    })
    expect(out).toEqual({
      created: [{ needId: 'N-1', engagementId: 'G-N-1-1' }],
      failed: [{ needId: 'N-2', message: '这条需求已有进行中的助企服务' }],
    })
    expect(normaliseOutcome(null)).toEqual({ created: [], failed: [] })
  })

  it('carries picked needs in the address and reads them back', () => {
    expect(needIdsQuery(['N-1', 'N-2'])).toEqual({ needs: 'N-1,N-2' })
    expect(needIdsQuery([])).toEqual({})
    expect(parseNeedIds('N-1, N-2,,N-1')).toEqual(['N-1', 'N-2'])
    expect(parseNeedIds(['N-1', 'N-3,N-2'])).toEqual(['N-1', 'N-3', 'N-2'])
    expect(parseNeedIds(undefined)).toEqual([])
    expect(parseNeedIds(Array.from({ length: MAX_NEEDS + 5 }, (_, i) => `N-${i}`).join(','))).toHaveLength(MAX_NEEDS)
  })

  it('shows scores as numbers, since they may pass 1', () => {
    expect(formatScore(1.106183)).toBe('1.11')
    expect(formatScore(0.4543)).toBe('0.45')
    expect(formatScore('x')).toBe('—')
  })
})

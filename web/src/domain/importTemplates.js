// The four kinds staff import, where their records are listed afterwards,
// and the downloadable template of each: the server's Chinese headers
// (GET /imports/columns) and one example row. Example values are real
// reference codes (GB/T 2260 region, GB/T 4754 industry, a GB 32100 credit
// code with a correct check character) so the example itself validates.

export const IMPORT_KINDS = ['craftsmen', 'enterprises', 'needs', 'results']

// The list page (route name) that shows imported records of a kind.
export const LIST_ROUTE = { craftsmen: 'craftsmen', enterprises: 'enterprises', needs: 'needs', results: 'results' }

// The column shown as a row's name in the preview.
export const NAME_FIELD = { craftsmen: 'name', enterprises: 'name', needs: 'title', results: 'title' }

export const EXAMPLE_ROWS = {
  craftsmen: {
    id: 'C-0001', name: '王立新', title: '高级技师', honors: '全国五一劳动奖章', employer: '东方电气集团',
    region: '510107', skills: '数控车削；精密加工', bio: '从事数控加工二十年，擅长解决轴类零件精度问题。',
    achievements: '主持攻关项目12项', service_kinds: '技术服务；技能培训', capacity_per_month: '2',
    studio: '王立新创新工作室', phone: '13800001111', available: '是', consent_scope: 'pool', consent_date: '2025-03-01',
  },
  enterprises: {
    id: 'E-0001', name: '成都新都精密机械有限公司', uscc: '91510114MA6PWRKE03', industry: 'C34', region: '510114',
    size: '中型', contact_name: '刘明', contact_phone: '13800005678',
  },
  needs: {
    id: 'N-0001', enterprise_id: 'E-0001', title: '轴类零件圆度超差，废品率高',
    description: '数控车床加工的传动轴圆度超差，废品率约5%，换刀后依旧。', kind: '技术攻关', industry: 'C34',
    region: '510114', onsite: '是', skills: '数控车削', posted: '2025-03-18', confidential: '否', status: 'open',
  },
  results: {
    id: 'R-0001', title: '细长轴车削防振工装', owner_ids: 'C-0001', studio: '王立新创新工作室',
    summary: '一种用于细长轴车削的跟刀架改进，减少振纹。', fields: '数控车削', maturity: '已推广', benefit: '年节约成本80万元',
  },
}

// Quotes a CSV field when needed (as the server's CsvField does).
export function csvField(value) {
  const v = String(value ?? '')
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

// The template of a kind as CSV text: a UTF-8 BOM (so Excel and WPS open
// it as UTF-8, not GBK), the Chinese headers, one example row, CRLF.
export function templateCsv(columns, example = {}) {
  const header = columns.map((c) => csvField(c.header)).join(',')
  const row = columns.map((c) => csvField(example[c.field] ?? '')).join(',')
  return `\ufeff${header}\r\n${row}\r\n`
}

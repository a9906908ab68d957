import { describe, it, expect } from 'vitest'
import { decodeCsvBytes, parseCsv, mapRecords } from '../../src/domain/importFile.js'
import { IMPORT_KINDS, EXAMPLE_ROWS, templateCsv, csvField } from '../../src/domain/importTemplates.js'
import { previewRows, previewCounts, unknownFields } from '../../src/domain/importPreview.js'
import { columnsFromCpp } from './importColumns.js'

const table = columnsFromCpp()

describe('templates', () => {
  it('carry every Chinese header of the kind and an example that reads back as written', () => {
    for (const kind of IMPORT_KINDS) {
      const columns = table.kinds[kind]
      const known = new Set(columns.map((c) => c.field))
      for (const field of Object.keys(EXAMPLE_ROWS[kind])) expect(known, `${kind}.${field}`).toContain(field)
      const text = templateCsv(columns, EXAMPLE_ROWS[kind])
      expect(text.startsWith('\ufeff编号,')).toBe(true)
      expect(text.endsWith('\r\n')).toBe(true)
      // Through the same reading path as an uploaded file.
      const bytes = new TextEncoder().encode(text)
      const out = mapRecords(parseCsv(decodeCsvBytes(bytes)), columns)
      expect(out.fields).toEqual(columns.map((c) => c.field))
      expect(out.rows).toEqual([{ line: 2, values: EXAMPLE_ROWS[kind] }])
    }
  })

  it('quote what would break a CSV', () => {
    expect(csvField('焊接, 钳工')).toBe('"焊接, 钳工"')
    expect(csvField('说"好"')).toBe('"说""好"""')
    expect(csvField('普通')).toBe('普通')
  })
})

describe('preview', () => {
  const columns = table.kinds.craftsmen
  const parsed = mapRecords(parseCsv('编号,姓名,地区代码,备注\nC1,王立新,510107,\nC2,李芳,999999,\nC3,多,一,列,了\n'), columns)
  const report = {
    counts: { rows: 2, valid: 1, invalid: 1, created: 1, updated: 0 },
    errors: [{ row: 3, field: 'region', message: '地区代码「999999」不存在' }],
  }
  const word = (e) => `${e.code}:${e.params.n}/${e.params.header}`

  it('lists every row in file order with its problems, worded with the Chinese header', () => {
    const rows = previewRows({ kind: 'craftsmen', parsed, report, columns, word })
    expect(rows).toEqual([
      { line: 2, id: 'C1', name: '王立新', problems: [], bad: false },
      { line: 3, id: 'C2', name: '李芳', problems: [{ field: 'region', header: '地区代码', text: '地区代码「999999」不存在' }], bad: true },
      { line: 4, id: '', name: '', problems: [{ field: '', header: '', text: 'columnCount:5/4' }], bad: true },
    ])
  })

  it('counts the browser-found problems with the server-found ones', () => {
    expect(previewCounts(parsed, report)).toEqual({ rows: 3, valid: 1, created: 1, updated: 0, invalid: 2 })
  })

  it('names columns the server will keep in extra', () => {
    expect(unknownFields(parsed.fields, columns)).toEqual(['备注'])
    expect(unknownFields(['id', '其他字段'], columns)).toEqual([])
  })
})

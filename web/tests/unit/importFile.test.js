import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { readSheet } from 'read-excel-file/node'
import {
  ImportFileError, decodeCsvBytes, parseCsv, cellText, fieldForHeader, mapRecords, fileFormat, readImportFile, looksLikeGbk,
} from '../../src/domain/importFile.js'
import { columnsFromCpp } from './importColumns.js'

const table = columnsFromCpp()
const craftsmen = table.kinds.craftsmen
const utf8 = (s) => new TextEncoder().encode(s)
const fileError = (fn) => {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError)
    return { code: e.code, ...e.params }
  }
  throw new Error('no ImportFileError')
}

describe('the header table read from columns.cpp', () => {
  it('has every kind with its id column first', () => {
    expect(Object.keys(table.kinds).sort()).toEqual(['craftsmen', 'enterprises', 'needs', 'results'])
    for (const columns of Object.values(table.kinds)) {
      expect(columns.length).toBeGreaterThan(5)
      expect(columns[0]).toMatchObject({ field: 'id', header: '编号' })
    }
    expect(craftsmen.find((c) => c.field === 'skills')).toEqual({
      field: 'skills', header: '技能', aliases: ['专长', '技能专长', '擅长领域'], type: 'list',
    })
  })
})

describe('fieldForHeader (as FieldForHeader in columns.cpp)', () => {
  it('maps every Chinese header, alias and English name of every kind', () => {
    for (const columns of Object.values(table.kinds)) {
      for (const c of columns) {
        expect(fieldForHeader(columns, c.header)).toBe(c.field)
        expect(fieldForHeader(columns, c.field)).toBe(c.field)
        for (const a of c.aliases) expect(fieldForHeader(columns, a)).toBe(c.field)
      }
    }
  })

  it('ignores ASCII case, a BOM and spaces (also the ideographic one); keeps unknown headers', () => {
    expect(fieldForHeader(craftsmen, '\ufeff编号')).toBe('id')
    expect(fieldForHeader(craftsmen, ' 姓名\u3000')).toBe('name')
    expect(fieldForHeader(craftsmen, 'Capacity_Per_Month')).toBe('capacity_per_month')
    expect(fieldForHeader(table.kinds.needs, '服务类型')).toBe('kind')
    expect(fieldForHeader(craftsmen, ' 备注 ')).toBe('备注')
  })
})

describe('decodeCsvBytes', () => {
  it('drops a UTF-8 BOM', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('编号,姓名')]))).toBe('编号,姓名')
  })

  it('names GBK and the line where UTF-8 stops', () => {
    // "编号,姓名\r\nC1,王立新" in GBK, after one UTF-8 line.
    const gbk = [0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0x43, 0x31, 0x2c, 0xcd, 0xf5, 0xc1, 0xa2, 0xd0, 0xc2]
    expect(looksLikeGbk(new Uint8Array(gbk))).toBe(true)
    expect(fileError(() => decodeCsvBytes(new Uint8Array([...utf8('id,name\n'), ...gbk])))).toEqual({ code: 'gbk', line: 2 })
    expect(fileError(() => decodeCsvBytes(new Uint8Array([0x61, 0xff, 0x0a])))).toEqual({ code: 'notUtf8', line: 1 })
    expect(fileError(() => decodeCsvBytes(new Uint8Array([0x61, 0x0a, 0x00])))).toEqual({ code: 'binary', line: 2 })
  })
})

describe('parseCsv (as CsvReader in csv.cpp)', () => {
  it('reads quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF', () => {
    const text = '编号,简介,技能\r\nC1,"说""精益""，懂焊接","焊接, 钳工"\r\nC2,"两行\r\n简介",车削\r\n\r\nC3,,\r\n'
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['编号', '简介', '技能'] },
      { line: 2, cells: ['C1', '说"精益"，懂焊接', '焊接, 钳工'] },
      { line: 3, cells: ['C2', '两行\r\n简介', '车削'] },
      { line: 5, cells: [''] },
      { line: 6, cells: ['C3', '', ''] },
    ])
  })

  it('keeps a last line without a line break, and a quote inside a bare field as text', () => {
    expect(parseCsv('a,b\nx,5"寸')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x', '5"寸'] },
    ])
  })

  it('refuses a quote that never closes, naming the line it opened on', () => {
    expect(fileError(() => parseCsv('编号,姓名\nC1,"王立新\nC2,李芳\n'))).toEqual({ code: 'unclosedQuote', line: 2 })
  })
})

describe('mapRecords', () => {
  const records = (text) => parseCsv(text)

  it('keys each row by field, leaves out empty cells, skips blank rows, keeps line numbers', () => {
    const out = mapRecords(records('\ufeff编号,姓名,技能,备注\nC1,王立新,数控车削；精密加工,\n,,,\nC2,李芳,,夜班\n'), craftsmen)
    expect(out.fields).toEqual(['id', 'name', 'skills', '备注'])
    expect(out.rows).toEqual([
      { line: 2, values: { id: 'C1', name: '王立新', skills: '数控车削；精密加工' } },
      { line: 4, values: { id: 'C2', name: '李芳', 备注: '夜班' } },
    ])
    expect(out.errors).toEqual([])
  })

  it('reports a row with the wrong number of cells, as the CLI does', () => {
    const out = mapRecords(records('编号,姓名\nC1,王立新,多余\nC2,李芳\n'), craftsmen)
    expect(out.errors).toEqual([{ row: 2, field: '', code: 'columnCount', params: { n: 3, header: 2 } }])
    expect(out.rows.map((r) => r.line)).toEqual([3])
  })

  it('refuses files without a header, an id column, data rows, or with too many rows', () => {
    expect(fileError(() => mapRecords([], craftsmen)).code).toBe('empty')
    expect(fileError(() => mapRecords(records('姓名,技能\n王立新,焊接\n'), craftsmen)).code).toBe('noIdColumn')
    expect(fileError(() => mapRecords(records('编号,姓名\n\n'), craftsmen)).code).toBe('noRows')
    expect(fileError(() => mapRecords(records('编号\nC1\nC2\nC3\n'), craftsmen, { maxRows: 2 }))).toEqual({ code: 'tooManyRows', n: 3, max: 2 })
  })
})

describe('files', () => {
  it('tells the format by the extension and names old .xls files', () => {
    expect(fileFormat('工匠.CSV')).toBe('csv')
    expect(fileFormat('工匠.xlsx')).toBe('xlsx')
    expect(fileError(() => fileFormat('工匠.xls')).code).toBe('xls')
    expect(fileError(() => fileFormat('工匠.txt'))).toEqual({ code: 'unsupported', ext: 'txt' })
  })

  it('reads a CSV File with a BOM and CRLF', async () => {
    const file = new File([new Uint8Array([0xef, 0xbb, 0xbf]), '编号,姓名\r\nC1,王立新\r\n'], '工匠.csv')
    expect(await readImportFile(file)).toEqual([
      { line: 1, cells: ['编号', '姓名'] },
      { line: 2, cells: ['C1', '王立新'] },
    ])
  })

  it('turns spreadsheet cells into the text a CSV would hold', () => {
    expect(cellText(new Date(Date.UTC(2025, 2, 20)))).toBe('2025-03-20')
    expect(cellText(true)).toBe('是')
    expect(cellText(false)).toBe('否')
    expect(cellText(null)).toBe('')
    expect(cellText('510107')).toBe('510107')
  })

  it('reads an .xlsx: numbers as written, dates, booleans, an empty row that keeps later row numbers', async () => {
    // tests/unit/fixtures/make-import-xlsx.py wrote this workbook.
    const path = resolve(process.cwd(), 'tests/unit/fixtures/import-craftsmen.xlsx')
    const data = await readSheet(readFileSync(path), { parseNumber: (s) => s })
    const out = mapRecords(data.map((row, i) => ({ line: i + 1, cells: row.map(cellText) })), craftsmen)
    expect(out.fields).toEqual(['id', 'name', 'region', 'skills', 'capacity_per_month', 'consent_date', 'available'])
    expect(out.rows).toEqual([
      {
        line: 2,
        values: { id: 'C-X1', name: '王立新', region: '510107', skills: '数控车削；精密加工', capacity_per_month: '3', consent_date: '2025-03-20', available: '是' },
      },
      { line: 4, values: { id: 'C-X2', name: '李芳', region: '999999', capacity_per_month: '2', available: '否' } },
    ])
  })
})

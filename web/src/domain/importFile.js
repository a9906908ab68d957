// Reading a staff member's spreadsheet in the browser for the web import:
// bytes → records of cell text → rows keyed by interchange field names.
// The rules mirror the CLI's file reader (src/interchange/csv.cpp,
// row_source.cpp, columns.cpp FieldForHeader) so that a file reads the same
// in both; the server then converts and validates each cell exactly as the
// CLI does. Problems come back as ImportFileError with a code and params:
// the page words them (i18n `imports.fileErrors.*`), so they stay bilingual.

export class ImportFileError extends Error {
  constructor(code, params = {}) {
    super(code)
    this.name = 'ImportFileError'
    this.code = code
    this.params = params
  }
}

// Whether invalid UTF-8 bytes look like GBK/GB18030 double-byte Chinese
// (what Excel and WPS write for "CSV" on a Chinese Windows).
export function looksLikeGbk(bytes) {
  let pairs = 0
  for (let i = 0; i + 1 < bytes.length; i++) {
    const a = bytes[i]
    const b = bytes[i + 1]
    if (a >= 0x81 && a <= 0xfe && b >= 0x40 && b <= 0xfe && b !== 0x7f) {
      pairs += 1
      i += 1
    }
  }
  return pairs >= 2
}

// The 1-based line of byte offset `end` (for naming where decoding failed).
function lineAt(bytes, end) {
  let line = 1
  for (let i = 0; i < end && i < bytes.length; i++) if (bytes[i] === 0x0a) line += 1
  return line
}

// A CSV file's text. Refuses binary content and anything not UTF-8 (naming
// GBK when it looks like it), and drops a UTF-8 byte-order mark.
export function decodeCsvBytes(bytes) {
  const nul = bytes.indexOf(0)
  if (nul >= 0) throw new ImportFileError('binary', { line: lineAt(bytes, nul) })
  let text
  try {
    // ignoreBOM: false (the default) strips a leading BOM.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Binary search for the longest prefix that is still UTF-8 (a
    // character cut at the prefix's end is not an error: stream mode).
    let valid = 0
    let invalid = bytes.length
    while (invalid - valid > 1) {
      const mid = (valid + invalid) >> 1
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true })
        valid = mid
      } catch {
        invalid = mid
      }
    }
    throw new ImportFileError(looksLikeGbk(bytes) ? 'gbk' : 'notUtf8', { line: lineAt(bytes, valid) })
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

// RFC 4180 as spreadsheets write it, exactly as the CLI's CsvReader: a
// quote opens a quoted field only at the field's start, "" is a quote
// inside one, line breaks inside quotes belong to the field, CRLF or LF
// end a record. Each record carries the line it started on.
export function parseCsv(text) {
  const records = []
  let fields = []
  let field = ''
  let inQuotes = false
  let wasQuoted = false
  let line = 1
  let recordLine = 1
  let any = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    any = true
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 1
        } else {
          inQuotes = false
        }
      } else {
        if (c === '\n') line += 1
        field += c
      }
      continue
    }
    if (c === '"' && field === '' && !wasQuoted) {
      inQuotes = true
      wasQuoted = true
    } else if (c === ',') {
      fields.push(field)
      field = ''
      wasQuoted = false
    } else if (c === '\r' && text[i + 1] === '\n') {
      // the \n ends the record
    } else if (c === '\n') {
      fields.push(field)
      records.push({ line: recordLine, cells: fields })
      line += 1
      recordLine = line
      fields = []
      field = ''
      wasQuoted = false
      any = false
    } else {
      field += c
    }
  }
  if (inQuotes) throw new ImportFileError('unclosedQuote', { line: recordLine })
  if (any) {
    fields.push(field)
    records.push({ line: recordLine, cells: fields })
  }
  return records
}

const pad = (n) => String(n).padStart(2, '0')

// A spreadsheet cell as the text a CSV would hold: dates as YYYY-MM-DD (the
// reader gives UTC midnight), booleans as 是/否, numbers as written.
export function cellText(value) {
  if (value == null) return ''
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
  }
  if (typeof value === 'boolean') return value ? '是' : '否'
  return String(value)
}

// The first sheet of an .xlsx as records; a sheet row is a record's line.
export async function readXlsxRecords(file) {
  // Loaded on demand: only staff who import download the reader.
  const { readSheet } = await import('read-excel-file/browser')
  let data
  try {
    // Numbers stay as written (region codes, phone numbers, counts).
    data = await readSheet(file, { parseNumber: (text) => text })
  } catch (e) {
    throw new ImportFileError(e?.code === 'XLS_FILE_NOT_SUPPORTED' ? 'xls' : 'badXlsx')
  }
  return data.map((row, i) => ({ line: i + 1, cells: row.map(cellText) }))
}

// By the file name: .csv or .xlsx (an old .xls is named as such).
export function fileFormat(name) {
  const ext = (name.match(/\.([^.]+)$/)?.[1] ?? '').toLowerCase()
  if (ext === 'csv' || ext === 'xlsx') return ext
  throw new ImportFileError(ext === 'xls' || ext === 'et' ? 'xls' : 'unsupported', { ext })
}

// Records of a File (or Blob with a name) of either format.
export async function readImportFile(file) {
  if (fileFormat(file.name) === 'xlsx') return readXlsxRecords(file)
  return parseCsv(decodeCsvBytes(new Uint8Array(await file.arrayBuffer())))
}

// utf8::Trim: ASCII whitespace and the ideographic space U+3000.
export const trimCell = (s) => s.replace(/^[ \t\r\n\u3000]+|[ \t\r\n\u3000]+$/g, '')
const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase())

// FieldForHeader: English field or Chinese header or an alias, any ASCII
// case, BOM and spaces trimmed; an unknown header keeps its text (the
// server then keeps that column in `extra`).
export function fieldForHeader(columns, header) {
  const trimmed = trimCell(String(header ?? '').replace(/^\ufeff/, ''))
  const h = asciiLower(trimmed)
  for (const c of columns) {
    if (h === c.field || h === c.header || c.aliases.includes(h)) return c.field
  }
  return trimmed
}

// Header + records → {fields, rows: [{line, values}], errors}. File-level
// problems throw; a row whose cell count differs from the header's is a
// row error (as in the CLI), and blank rows are skipped.
export function mapRecords(records, columns, { maxRows = Infinity } = {}) {
  const [header, ...body] = records
  if (!header || header.cells.every((c) => trimCell(c) === '')) throw new ImportFileError('empty')
  const fields = header.cells.map((h) => fieldForHeader(columns, h))
  if (!fields.includes('id')) throw new ImportFileError('noIdColumn')
  const rows = []
  const errors = []
  for (const record of body) {
    if (record.cells.every((c) => trimCell(c) === '')) continue
    if (record.cells.length !== fields.length) {
      errors.push({ row: record.line, field: '', code: 'columnCount', params: { n: record.cells.length, header: fields.length } })
      continue
    }
    const values = {}
    record.cells.forEach((cell, i) => {
      if (trimCell(cell) !== '') values[fields[i]] = cell
    })
    rows.push({ line: record.line, values })
  }
  if (rows.length + errors.length === 0) throw new ImportFileError('noRows')
  if (rows.length + errors.length > maxRows) {
    throw new ImportFileError('tooManyRows', { n: rows.length + errors.length, max: maxRows })
  }
  return { fields, rows, errors }
}

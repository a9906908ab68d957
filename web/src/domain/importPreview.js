// What the import preview shows: each row of the file with its problems,
// from the browser's own reading (a wrong cell count) and the server's dry
// run (field checks, duplicates, references), and the counts over both.
import { NAME_FIELD } from './importTemplates.js'

// problems: [{field, text}] per row; `word` turns a local error into text.
export function previewRows({ kind, parsed, report, columns, word }) {
  const headerOf = Object.fromEntries(columns.map((c) => [c.field, c.header]))
  const problems = new Map()
  const add = (row, field, text) => {
    if (!problems.has(row)) problems.set(row, [])
    problems.get(row).push({ field, header: field ? (headerOf[field] ?? field) : '', text })
  }
  for (const e of parsed.errors) add(e.row, e.field, word(e))
  for (const e of report?.errors ?? []) add(e.row, e.field, e.message)
  const rows = [
    ...parsed.rows.map((r) => ({ line: r.line, id: r.values.id ?? '', name: r.values[NAME_FIELD[kind]] ?? '' })),
    ...parsed.errors.map((e) => ({ line: e.row, id: '', name: '' })),
  ].sort((a, b) => a.line - b.line)
  return rows.map((r) => ({ ...r, problems: problems.get(r.line) ?? [], bad: problems.has(r.line) }))
}

export function previewCounts(parsed, report) {
  const c = report?.counts ?? { valid: 0, created: 0, updated: 0, invalid: 0 }
  return {
    rows: parsed.rows.length + parsed.errors.length,
    valid: c.valid,
    created: c.created,
    updated: c.updated,
    invalid: c.invalid + parsed.errors.length,
  }
}

// Columns of the file that are not in the kind's table: kept in `extra`.
export function unknownFields(fields, columns) {
  const known = new Set(columns.map((c) => c.field))
  return [...new Set(fields.filter((f) => f && !known.has(f) && f !== 'extra' && f !== '其他字段'))]
}

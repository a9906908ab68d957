// The server's header table, read straight from src/interchange/columns.cpp
// into the shape GET /api/v1/imports/columns answers with. The import tests
// map headers with it, so a header renamed or added in C++ is what they test.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const KIND_OF_TABLE = {
  kCraftsmanColumns: 'craftsmen',
  kEnterpriseColumns: 'enterprises',
  kNeedColumns: 'needs',
  kResultColumns: 'results',
}
const TYPES = { kText: 'text', kList: 'list', kBool: 'bool', kInt: 'int' }

export function columnsFromCpp(path = resolve(process.cwd(), '../src/interchange/columns.cpp')) {
  const source = readFileSync(path, 'utf8')
  const kinds = {}
  for (const [, name, body] of source.matchAll(/const std::vector<Column> (k\w+Columns) = \{([\s\S]*?)\n\};/g)) {
    const columns = []
    for (const [, field, header, aliases, type] of body.matchAll(/\{"([^"]+)", "([^"]+)", \{([^}]*)\}, T::(k\w+)\}/g)) {
      columns.push({ field, header, aliases: [...aliases.matchAll(/"([^"]*)"/g)].map((m) => m[1]), type: TYPES[type] })
    }
    kinds[KIND_OF_TABLE[name]] = columns
  }
  return { max_rows: 5000, kinds }
}

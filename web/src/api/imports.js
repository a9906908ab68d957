// The web import's endpoints (docs/api.md, 导入): the server's header table,
// and one call that checks (dry run) or writes a kind's rows.
import { api } from './client.js'

export const fetchImportColumns = () => api.get('/imports/columns')

// rows: [{field: cell text}], rowNumbers: each row's line in the file.
export const importRows = (kind, rows, rowNumbers, { dryRun }) =>
  api.post(`/imports/${kind}`, { rows, row_numbers: rowNumbers, dry_run: dryRun })

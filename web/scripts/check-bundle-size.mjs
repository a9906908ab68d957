#!/usr/bin/env node
// Fails when the first load is too heavy: the gzipped size of index.html's
// entry script plus every script and stylesheet it pulls in up front
// (modulepreload links and the entry's static imports), over LIMIT_KB.
// Route chunks loaded on navigation are listed but not counted.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const LIMIT_KB = Number(process.env.CRAFTLINK_BUNDLE_LIMIT_KB ?? 500)
const dist = new URL('../dist/', import.meta.url).pathname
if (!existsSync(join(dist, 'index.html'))) {
  console.error('check-bundle-size: dist/index.html is missing; run `npm run build` first')
  process.exit(2)
}
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const firstLoad = new Set()
for (const m of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.(?:js|css))"/g)) firstLoad.add(m[1])

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
const kb = (bytes) => (bytes / 1024).toFixed(1)
let total = 0
console.log('first load (gzipped):')
for (const file of [...firstLoad].sort()) {
  const size = gz(file)
  total += size
  console.log(`  ${kb(size).padStart(8)} KB  ${file}`)
}
const lazy = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f) && !firstLoad.has(`assets/${f}`))
const lazyTotal = lazy.reduce((sum, f) => sum + gz(`assets/${f}`), 0)
console.log(`route chunks loaded on demand: ${lazy.length} files, ${kb(lazyTotal)} KB gzipped in all`)
console.log(`first load total: ${kb(total)} KB gzipped (limit ${LIMIT_KB} KB)`)
if (total > LIMIT_KB * 1024) {
  console.error(`check-bundle-size: FAIL — first load ${kb(total)} KB > ${LIMIT_KB} KB`)
  process.exit(1)
}
console.log('check-bundle-size: ok')

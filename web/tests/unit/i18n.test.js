import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import zh from '../../src/i18n/zh-CN.js'
import en from '../../src/i18n/en.js'
import { t, setLocale, locale } from '../../src/i18n/index.js'

const keysOf = (obj, prefix = '') =>
  Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]))

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(vue|js)$/.test(name) && !name.endsWith('.test.js') ? [path] : []
  })
}

describe('dictionaries', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zh).sort())
  })

  it('every key the code uses exists', () => {
    const src = resolve(process.cwd(), 'src') // vitest runs from web/
    const known = new Set(keysOf(zh))
    const missing = []
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/(?:\bt|\$t)\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g)) if (!known.has(m[1])) missing.push(`${file}: ${m[1]}`)
      for (const m of text.matchAll(/'((?:nav|needForm|myProfile|users|workbench|errors|needs|craftsmen)\.[a-zA-Z.]+)'/g)) {
        if (!known.has(m[1]) && !m[1].endsWith('.')) missing.push(`${file}: ${m[1]}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('switches language and fills parameters', () => {
    expect(t('needs.daysOpen', { n: 45 })).toBe('已等待 45 天')
    setLocale('en')
    expect(locale.value).toBe('en')
    expect(t('needs.daysOpen', { n: 45 })).toBe('Waiting 45 days')
    setLocale('zh-CN')
    expect(t('nav.needs')).toBe('需求列表')
  })
})

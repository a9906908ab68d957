// A small dictionary instead of vue-i18n: the UI needs lookups with {name}
// parameters and a language switch, nothing more, and this keeps ~50 KB
// out of the first load. Chinese first; English is the switch.
import { ref, watch } from 'vue'
import zhCN from './zh-CN.js'
import en from './en.js'

export const LOCALES = { 'zh-CN': zhCN, en }
const STORAGE_KEY = 'craftlink.locale'

function initialLocale() {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
    if (saved && LOCALES[saved]) return saved
  } catch {
    // storage blocked: fall through to Chinese
  }
  return 'zh-CN'
}

export const locale = ref(initialLocale())

watch(locale, (value) => {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, value)
  } catch {
    // not remembered; the switch still works for this page
  }
  if (globalThis.document) document.documentElement.lang = value
})

function lookup(dict, key) {
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), dict)
}

// t('needs.daysOpen', {n: 3}); a missing key shows itself, which a test catches.
export function t(key, params) {
  let text = lookup(LOCALES[locale.value], key) ?? lookup(zhCN, key) ?? key
  if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m))
  return text
}

export function setLocale(value) {
  if (LOCALES[value]) locale.value = value
}

export const toggleLocale = () => setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN')

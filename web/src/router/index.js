import { createRouter, createWebHistory } from 'vue-router'
import { routes } from './routes.js'
import { makeGuard } from './guard.js'
import { loadSession, forgetSession } from '../store/session.js'
import { setUnauthenticatedHandler } from '../api/client.js'
import { t, locale } from '../i18n/index.js'
import { watch } from 'vue'

export function createAppRouter(history = createWebHistory()) {
  const router = createRouter({ history, routes, scrollBehavior: () => ({ top: 0 }) })
  router.beforeEach(makeGuard({ loadSession }))

  // A 401 from any call: the session expired or was revoked elsewhere.
  setUnauthenticatedHandler(() => {
    forgetSession()
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      router.replace({ name: 'login', query: { redirect: current.fullPath } })
    }
  })

  const setTitle = () => {
    const key = router.currentRoute.value.meta?.title
    document.title = key ? `${t(key)} · ${t('app.name')}` : t('app.name')
  }
  router.afterEach(setTitle)
  watch(locale, setTitle)
  return router
}

import { createApp } from 'vue'
import App from './App.vue'
import { createAppRouter } from './router/index.js'
import { t, locale } from './i18n/index.js'
import './styles.css'

document.documentElement.lang = locale.value
const app = createApp(App)
app.config.globalProperties.$t = t
app.use(createAppRouter())
app.mount('#app')

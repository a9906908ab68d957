import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Element Plus is imported on demand (components and their CSS) so the first
// load stays small; ElMessage & co. come in through AutoImport for the same reason.
export default defineConfig({
  plugins: [
    vue(),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
  ],
  build: {
    target: 'es2020',
    // No inline <script> or data: URLs for scripts: the server's CSP allows 'self' only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` proxies the API to a local `craftlink serve`.
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.js', 'tests/unit/**/*.test.js'],
    css: false,
    // Mounting the first Element Plus dialog of a file compiles it on the
    // spot; on a busy 2-core CI machine that alone can take several seconds.
    testTimeout: 20000,
    server: { deps: { inline: ['element-plus'] } },
  },
})

// Builds the PWA into dist/pwa, where the server serves it (server/http/pwa.ts), with its service worker
// (pwa/sw.ts, all caching policy) and web app manifest.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));

// The header's colour (app/Shell.module.css), so the installed app's status bar matches it.
const headerColour = '#13233f';

export default defineConfig({
  root,
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      // Registered by platform/register.ts, which holds updates back while uploads run.
      injectRegister: false,
      registerType: 'prompt',
      includeAssets: ['icons/apple-touch-icon.png'],
      injectManifest: {
        // A classic script: every browser runs it, module service workers are not universal yet.
        rollupFormat: 'iife',
        // The manifest and its icons are added by the plugin itself (includeManifestIcons).
        // Images imported by code (Leaflet's markers, say) land in assets/ and must be there offline too.
        globPatterns: ['**/*.{js,css,html,svg,woff2}', 'assets/**/*.{png,webp,jpg}'],
        // The dispatcher's desktop console (and its drawing tools), the supervisors' review and risk view stay out of the precache, so a
        // collector's phone never downloads them; the console loads them online when opened.
        globIgnores: ['**/DispatchPage-*', '**/leaflet-geoman-*', '**/ReviewView-*', '**/LiveAlerts-*', '**/RiskPage-*', '**/ResultsPage-*', '**/results-chart-*'],
        // The whole shell must be precached or the installed app cannot open offline.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      manifest: {
        id: '/',
        name: '外访作业 · Field visits',
        short_name: '外访作业',
        description: '外访作业：路线、签到、外访记录与照片，离线可用。Field visits: route, check-in, visit records and photos, offline.',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: headerColour,
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  worker: {
    // The photo worker is a module worker (capture/photo.ts); every browser with OffscreenCanvas runs those.
    format: 'es',
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/pwa', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `vite --config pwa/vite.config.ts` during development talks to a server started with `npm run dev`.
    proxy: { '/api': 'http://localhost:3000' },
  },
});

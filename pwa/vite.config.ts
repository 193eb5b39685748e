// Builds the PWA into dist/pwa, where the server serves it (server/http/pwa.ts).
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [preact()],
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

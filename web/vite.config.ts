import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorker } from './service-worker-plugin';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The web app: built into dist/web, which the server serves with a fallback to index.html. */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), serviceWorker(path.join(here, 'sw.js'))],
  build: {
    outDir: path.resolve(here, '../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite --config web/vite.config.ts` with the API on :3000 for development.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});

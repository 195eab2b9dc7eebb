import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// TELERAD_API_TARGET points dev and preview at another server (e.g. a second demo on 8090).
const backend = process.env.TELERAD_API_TARGET ?? 'http://127.0.0.1:8080';

/** Vite config of the web app: builds to apps/web/dist; in dev, the API is proxied to the server. */
export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': { target: backend, ws: true },
      '/dicomweb': { target: backend },
    },
  },
  preview: {
    proxy: {
      '/api': { target: backend },
      '/dicomweb': { target: backend },
    },
  },
});

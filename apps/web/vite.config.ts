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
  // The viewer chunk (Cornerstone3D with vtk.js) is about 4.3 MB and loaded only on reading pages.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4500 },
  // The DICOM image loader decodes in module workers and fetches its codecs' WASM by
  // `new URL(…, import.meta.url)`: Vite emits both as assets. It must not be pre-bundled in dev,
  // or those URLs point into the optimiser's cache; its CommonJS dependency is pre-bundled instead.
  worker: { format: 'es' },
  resolve: {
    alias: [
      // vtk.js (under Cornerstone) imports xmlbuilder2, whose Node build extends Node's
      // EventEmitter and breaks in the browser; its own browser bundle carries what it needs.
      { find: /^xmlbuilder2$/, replacement: 'xmlbuilder2/lib/xmlbuilder2.min.js' },
    ],
  },
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: ['dicom-parser'],
  },
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

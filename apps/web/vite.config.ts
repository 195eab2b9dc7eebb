import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// TELERAD_API_TARGET points dev and preview at another server (e.g. a second demo on 8090).
const backend = process.env.TELERAD_API_TARGET ?? 'http://127.0.0.1:8080';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** What is worth compressing: text and WebAssembly. Images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|wasm|txt|map)$/;
/** Below this, a compressed copy saves less than a TCP packet. */
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of the build, at the
 * strongest settings (brotli 11, gzip 9): the work is done once here instead of per request, and
 * the server (@fastify/static `preCompressed`) sends the copy the browser accepts. Clinics on
 * 240–750 kbit/s links download a third to a fifth of the bytes (issue 17 §5).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'telerad-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await fs.readdir(outDir, { recursive: true })).filter((f) =>
        COMPRESSIBLE.test(f),
      );
      await Promise.all(
        files.map(async (f) => {
          const file = path.join(outDir, f);
          const raw = await fs.readFile(file);
          if (raw.length < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(raw, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            }),
            gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          // A copy that is not smaller would only cost a file and a header.
          if (br.length < raw.length) await fs.writeFile(`${file}.br`, br);
          if (gz.length < raw.length) await fs.writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

/** True for Vite's notice that a Cornerstone codec's Node-only `fs`/`path` import was left out. */
function isExpectedCodecNotice(message: string): boolean {
  return (
    message.includes('has been externalized for browser compatibility') &&
    /@cornerstonejs[\\/]codec-/.test(message) &&
    /Module "(fs|path)"/.test(message)
  );
}

/** Vite config of the web app: builds to apps/web/dist; in dev, the API is proxied to the server. */
export default defineConfig({
  root,
  plugins: [react(), precompress()],
  // The viewer chunk (Cornerstone3D with vtk.js) is about 4.5 MB raw (0.8 MB brotli) and loaded
  // only on reading pages; e2e/bundle.e2e.test.ts proves the sign-in and clinic pages never fetch
  // it. The limit sits above it so `npm run demo` prints no warning for a known, isolated chunk.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      // The image codecs are Emscripten builds that also run under Node: their `fs` and `path`
      // imports sit in branches a browser never takes, so Vite's "externalized for browser
      // compatibility" notice for them is expected, and `npm run demo` should not print it as if
      // something were wrong. Any other module's notice still shows.
      onLog(level, log, handler) {
        if (isExpectedCodecNotice(log.message)) return;
        handler(level, log);
      },
    },
  },
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

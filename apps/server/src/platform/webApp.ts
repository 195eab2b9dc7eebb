import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { appError } from './errors';
import { isApiPath } from './http';

/** Serves the built SPA at `/` with history fallback; API misses stay JSON 404s. */
export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb)
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    // Hashed assets are immutable; index.html must always be revalidated.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz beside each asset (apps/web/vite.config.ts).
      preCompressed: true,
      setHeaders: (res, filePath) => {
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    // A missing file (it has an extension) is a 404, not the app shell: a stale script tag must
    // fail as a missing script, not as HTML.
    const isFile = /\.[A-Za-z0-9]{1,8}$/.test(url);
    if (!hasWeb || isFile || isApiPath(url) || req.method !== 'GET') {
      throw appError('ROUTE_NOT_FOUND', undefined, `There is no route ${req.method} ${url}.`);
    }
    return reply.type('text/html').sendFile('index.html');
  });
}

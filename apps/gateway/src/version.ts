import { createRequire } from 'node:module';

/** The gateway's version, from its package.json: reported to the centre and on the status page. */
export const GATEWAY_VERSION = (
  createRequire(import.meta.url)('../package.json') as { version: string }
).version;

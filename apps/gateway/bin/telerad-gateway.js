#!/usr/bin/env node
// Runs the gateway's TypeScript sources through tsx, as the server's npm scripts do. Under npx or
// npm the `node` found first is the repository's Node 24 (the `node` devDependency).
import { register } from 'tsx/esm/api';

const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `telerad-gateway needs Node 24 or later (this is ${process.version}); run it through npx.`,
  );
  process.exit(1);
}
register();
const { runCli } = await import('../src/cli.ts');
await runCli(process.argv.slice(2));
// Sockets or timers a stopped gateway left behind must not keep the process alive.
process.exit(process.exitCode ?? 0);

import { z } from 'zod';

/** What `/status.json` answers and `telerad-gateway status` prints. */
export const StatusSnapshot = z.object({
  running: z.boolean(),
  version: z.string(),
  pid: z.number().nullable(),
  startedAt: z.string().nullable(),
  aeTitle: z.string(),
  port: z.number(),
  centreUrl: z.string(),
  enrolled: z.boolean(),
  clinicCode: z.string().nullable(),
  queue: z.object({
    depth: z.number(),
    bytes: z.number(),
    urgent: z.number(),
    oldestAt: z.string().nullable(),
  }),
  lastSuccessAt: z.string().nullable(),
  sentInstances: z.number(),
  linkKbps: z.number().nullable(),
  lastHeartbeat: z
    .object({ at: z.string(), ok: z.boolean(), error: z.string().nullable() })
    .nullable(),
  freeDiskBytes: z.number().nullable(),
  errorCount: z.number(),
  /** Orders registered here during an outage: waiting for the centre, and refused by it. */
  orders: z
    .object({ waiting: z.number(), refused: z.number() })
    .default({ waiting: 0, refused: 0 }),
  /** The local copy of the clinic's worklist: its size, when the centre last confirmed it. */
  worklist: z
    .object({
      items: z.number(),
      syncedAt: z.string().nullable(),
      lastSync: z
        .object({ at: z.string(), ok: z.boolean(), error: z.string().nullable() })
        .nullable(),
    })
    .default({ items: 0, syncedAt: null, lastSync: null }),
  recentErrors: z.array(z.object({ at: z.string(), code: z.string(), message: z.string() })),
});
export type StatusSnapshot = z.infer<typeof StatusSnapshot>;

/** `1536` → `1.5 KB`: sizes as people read them. */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** How long ago `iso` was, in words (`3 min ago`), or `never`. */
export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** The snapshot as plain text lines, for the terminal. */
export function statusText(s: StatusSnapshot, now = Date.now()): string {
  const lines = [
    s.running
      ? `Gateway running (version ${s.version}, pid ${s.pid})`
      : 'The gateway is not running.',
    `  AE title ${s.aeTitle} on port ${s.port}; centre ${s.centreUrl}`,
    `  Enrolled: ${s.enrolled ? `yes, clinic ${s.clinicCode}` : 'no (run: telerad-gateway enrol --code <code>)'}`,
    `  Queue: ${s.queue.depth} waiting (${s.queue.urgent} urgent), ${formatBytes(s.queue.bytes)}, oldest ${ago(s.queue.oldestAt, now)}`,
    `  Orders registered here: ${s.orders.waiting} waiting for the centre${s.orders.refused ? `, ${s.orders.refused} refused by it` : ''}`,
  ];
  if (s.running) {
    lines.push(`  Last sent to the centre: ${ago(s.lastSuccessAt, now)}`);
    lines.push(
      `  Last heartbeat: ${s.lastHeartbeat ? `${ago(s.lastHeartbeat.at, now)}, ${s.lastHeartbeat.ok ? 'accepted' : `failed (${s.lastHeartbeat.error})`}` : 'none yet'}`,
    );
    lines.push(
      `  Worklist: ${s.worklist.items} scheduled, confirmed by the centre ${ago(s.worklist.syncedAt, now)}${s.worklist.lastSync && !s.worklist.lastSync.ok ? ` (last sync failed: ${s.worklist.lastSync.error})` : ''}`,
    );
    lines.push(`  Errors since start: ${s.errorCount}`);
    for (const e of s.recentErrors.slice(-5)) lines.push(`    ${e.at} ${e.code}: ${e.message}`);
  }
  if (s.freeDiskBytes !== null) lines.push(`  Free disk: ${formatBytes(s.freeDiskBytes)}`);
  return lines.join('\n');
}

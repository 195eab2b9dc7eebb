import { ago, formatBytes, type StatusSnapshot } from './snapshot';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A timestamp in the gateway computer's own time zone: the clinic's clock. */
const localTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** One labelled row; `warn` marks it for attention. */
const row = (label: string, value: string, warn = false) =>
  `<tr${warn ? ' class="warn"' : ''}><th>${esc(label)}</th><td>${esc(value)}</td></tr>`;

/**
 * The local status page: plain HTML, no script, refreshed every 10 s by the browser. It answers
 * what a clinic's technician asks: is it running, is it sending, how much waits, what went wrong.
 */
export function renderStatusPage(s: StatusSnapshot, now = Date.now()): string {
  const hb = s.lastHeartbeat;
  const stale = s.queue.oldestAt !== null && now - Date.parse(s.queue.oldestAt) > 3_600_000;
  const errors = s.recentErrors
    .slice(-10)
    .reverse()
    .map(
      (e) =>
        `<li><time>${esc(localTime(e.at))}</time> <b>${esc(e.code)}</b> ${esc(e.message)}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Telerad gateway — ${s.queue.depth} waiting</title>
<style>
body{font:16px/1.45 system-ui,sans-serif;margin:0;padding:1.5rem;max-width:52rem;color:#1b1f24;background:#f6f7f9}
h1{font-size:1.35rem;margin:0 0 .25rem}p.sub{margin:0 0 1.25rem;color:#4b5563}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d6dae0;border-radius:6px}
th,td{text-align:left;padding:.55rem .8rem;border-bottom:1px solid #eceef1;vertical-align:top}
th{width:40%;font-weight:600;color:#374151}tr.warn td{color:#a61b1b;font-weight:600}
h2{font-size:1.05rem;margin:1.5rem 0 .5rem}ul{background:#fff;border:1px solid #d6dae0;border-radius:6px;margin:0;padding:.5rem 1rem .5rem 2rem}
li{margin:.3rem 0;word-break:break-word}time{color:#4b5563;font-variant-numeric:tabular-nums}
.ok{color:#14632b}.bad{color:#a61b1b}
.notice{background:#fff4e5;border:1px solid #f0b35b;border-radius:6px;padding:.75rem 1rem;margin:0 0 1.25rem}
code{font:.95em ui-monospace,monospace;background:#f0f1f3;padding:.1em .35em;border-radius:4px;white-space:nowrap}
</style></head><body>
<h1>Telerad gateway <span class="${s.running ? 'ok' : 'bad'}">${s.running ? '● running' : '● stopped'}</span></h1>
<p class="sub">AE title <b>${esc(s.aeTitle)}</b>, port ${s.port} · version ${esc(s.version)}${s.enrolled ? ` · clinic ${esc(s.clinicCode ?? '')}` : ''}</p>
${s.enrolled ? '' : '<p class="notice">Not enrolled yet: images are received and kept, but nothing is sent to the centre. Ask the centre for an enrolment code, then run <code>telerad-gateway enrol --code &lt;code&gt;</code>.</p>'}
<table>
${row('Waiting to send', `${s.queue.depth} instance${s.queue.depth === 1 ? '' : 's'} (${formatBytes(s.queue.bytes)})`)}
${row('Urgent waiting', String(s.queue.urgent), s.queue.urgent > 0 && stale)}
${row('Oldest waiting since', s.queue.oldestAt ? `${ago(s.queue.oldestAt, now)}` : 'nothing waiting', stale)}
${row('Last sent to the centre', ago(s.lastSuccessAt, now))}
${row('Upload speed', s.linkKbps === null ? 'not measured yet' : `${s.linkKbps} kbit/s`)}
${row('Last contact with the centre', !s.enrolled ? 'none: not enrolled' : hb ? `${ago(hb.at, now)}: ${hb.ok ? 'OK' : `failed (${hb.error ?? 'unknown'})`}` : 'not yet', s.enrolled && hb !== null && !hb.ok)}
${row('Orders registered here, waiting for the centre', String(s.orders.waiting), s.orders.waiting > 0 && s.enrolled && hb !== null && !hb.ok)}
${s.orders.refused ? row('Orders the centre refused', `${s.orders.refused}: see the orders page`, true) : ''}
${row('Worklist', `${s.worklist.items} scheduled · confirmed by the centre ${ago(s.worklist.syncedAt, now)}`, s.worklist.lastSync !== null && !s.worklist.lastSync.ok)}
${row('Free disk', s.freeDiskBytes === null ? 'unknown' : formatBytes(s.freeDiskBytes), s.freeDiskBytes !== null && s.freeDiskBytes < 2 * 1024 ** 3)}
${row('Centre', s.centreUrl)}
</table>
<p><a href="/orders">Register an applicant while the centre is out of reach</a></p>
<h2>Recent problems (${s.errorCount} since start)</h2>
${errors ? `<ul>${errors}</ul>` : '<p>None. Images are received and queued normally.</p>'}
</body></html>`;
}

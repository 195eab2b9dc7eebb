import type { AgentJob } from '../gatewayAgent';
import { runAgent } from './agentRun';
import { setCut } from './clinicLink';
import { percentiles } from './localStore';

/**
 * The local C-STORE acknowledgement run of `npm run bench:gateway`: a modality on the clinic LAN
 * stores probe images to the real gateway receiver, one association each, while the WAN is idle
 * (nothing queued yet), saturated (the gateway draining a full queue at the link rate) and cut
 * (every packet lost). The acknowledgement only waits for the fsynced queue write (ADR 0031), so
 * the figures should not move with the WAN.
 */
export async function ackLatencyRun(
  job: Omit<AgentJob, 'probes'>,
  probes: string[],
  perPhase: number,
): Promise<void> {
  const phases = new Map<string, { ms: number[]; association: number[] }>();
  let cut = false;
  try {
    await runAgent({ ...job, probes: { files: probes, perPhase } }, (m) => {
      if (m.type === 'ack') phases.set(m.phase!, { ms: m.ms!, association: m.association! });
      if (m.type === 'want-cut') {
        setCut(true);
        cut = true;
      }
      if (m.type === 'probed') {
        setCut(false);
        cut = false;
      }
    });
  } finally {
    if (cut) setCut(false);
  }
  console.log(
    `\nLocal C-STORE acknowledgement, ${perPhase} probes per WAN state, one association each:`,
  );
  console.log('  (C-STORE: instance sent + durable write + response; association: A-ASSOCIATE)');
  console.log('  WAN         C-STORE p50    p95    max ms   association p50    p95 ms');
  const f = (v: number, w = 7) => v.toFixed(1).padStart(w);
  for (const [phase, t] of phases) {
    const s = percentiles(t.ms);
    const a = percentiles(t.association);
    console.log(
      `  ${phase.padEnd(10)}${f(s.p50, 12)}${f(s.p95)}${f(s.max)}${f(a.p50, 19)}${f(a.p95)}`,
    );
  }
}

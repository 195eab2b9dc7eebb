import net from 'node:net';
import { z } from 'zod';

/**
 * TELERAD_TRUSTED_PROXIES (docs/adr/0049): the load balancers whose word on the client's address
 * is taken, as addresses or CIDR networks, comma- or space-separated. Empty (the default): none,
 * and every door sees the peer that connected, as on a node that faces the clinics itself.
 */

/** Why one entry is not an address or network, or null when it is one. */
function entryProblem(entry: string): string | null {
  const [base = '', bits, extra] = entry.split('/');
  const family = net.isIPv4(base) ? 4 : net.isIPv6(base) ? 6 : 0;
  if (!family || extra !== undefined) return `"${entry}" is not an IP address or CIDR network`;
  if (bits === undefined) return null;
  const max = family === 4 ? 32 : 128;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= max
    ? null
    : `"${entry}" has a prefix length that is not 0–${max}`;
}

/** The trusted proxies variable, part of the environment schema in `config.ts`. */
export const ProxiesEnvShape = {
  TELERAD_TRUSTED_PROXIES: z
    .string()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .superRefine((entries, ctx) => {
      for (const e of entries) {
        const problem = entryProblem(e);
        if (problem)
          ctx.addIssue({
            code: 'custom',
            message: `${problem}: list load balancer addresses, e.g. 10.0.0.5,10.0.1.0/24`,
          });
      }
    })
    .default([]),
};

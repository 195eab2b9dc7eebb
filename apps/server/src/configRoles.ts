/** Node roles (docs/adr/0047): what `TELERAD_ROLES` may name, and how the one config reads it. */
import { z } from 'zod';

/** What a node may run (docs/adr/0047): every role unless TELERAD_ROLES names fewer. */
export const NODE_ROLES = ['http', 'dimse', 'worker', 'realtime'] as const;

/** One thing a Telerad node runs. */
export type NodeRole = (typeof NODE_ROLES)[number];

/**
 * TELERAD_ROLES: a comma- or space-separated list of roles, each once at most. Unset means all
 * of them, the one-node default. `realtime` serves its WebSockets on the HTTP listener, so it
 * needs `http` beside it.
 */
export const rolesSchema = z
  .string()
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .superRefine((names, ctx) => {
    const unknown = names.filter((n) => !(NODE_ROLES as readonly string[]).includes(n));
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        message: `unknown role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the roles are ${NODE_ROLES.join(', ')}`,
      });
    else if (names.length === 0)
      ctx.addIssue({ code: 'custom', message: `name at least one of ${NODE_ROLES.join(', ')}` });
    else if (new Set(names).size !== names.length)
      ctx.addIssue({ code: 'custom', message: 'names a role twice' });
    else if (names.includes('realtime') && !names.includes('http'))
      ctx.addIssue({
        code: 'custom',
        message: 'realtime needs http: its WebSockets are served on the HTTP listener',
      });
  })
  .transform((names) => NODE_ROLES.filter((r) => names.includes(r)))
  .optional();

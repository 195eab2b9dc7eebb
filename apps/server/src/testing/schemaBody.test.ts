import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { bodyFor } from './schemaBody';

describe('bodyFor', () => {
  it('builds the smallest body that passes nested objects, arrays, enums and formats', () => {
    const schema = z.object({
      id: z.uuid(),
      name: z.string().min(3).max(10),
      code: z.string().regex(/^\d{6}$/),
      roles: z.array(z.enum(['a', 'b'])).min(2),
      when: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('x'), n: z.number().int().min(5) }),
        z.object({ kind: z.literal('y') }),
      ]),
      note: z.string().nullable(),
      extra: z.string().optional(),
    });
    const out = bodyFor(schema);
    expect(out).toEqual({
      body: {
        id: expect.any(String),
        name: 'www',
        code: '123456',
        roles: ['a', 'a'],
        when: { kind: 'x', n: 5 },
        note: null,
      },
    });
  });

  it('reports a schema it cannot satisfy instead of sending an invalid body', () => {
    const out = bodyFor(z.object({ x: z.string().regex(/^never-matched-[A-Z]{40}$/) }));
    // What it made is kept, for a caller that sets the failing fields over it.
    expect(out).toEqual({ problem: expect.stringContaining('x'), generated: { x: 'w' } });
  });
});

import { z } from 'zod';

/** A JSON Schema node as zod writes it (`z.toJSONSchema`), with the keywords generation reads. */
interface Node {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Node[];
  oneOf?: Node[];
  allOf?: Node[];
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  $ref?: string;
}

/**
 * Strings tried, in order, against a `pattern` the generator cannot otherwise satisfy. They cover
 * the patterns of the API's schemas (MFA codes, clock times, codes, usernames, country codes); a
 * new pattern that none matches makes `bodyFor` fail, and the access test then names the route.
 */
const PATTERN_CANDIDATES = [
  '123456',
  '08:00',
  'ZZ',
  'ZZ9',
  'zz9',
  'zz-9',
  '2026-03-04',
  '1.2.3',
  'Walker Test',
];

/** Values for properties whose schema checks them in code (a refinement) rather than by pattern. */
const BY_NAME: Record<string, unknown> = { timeZone: 'Asia/Manila' };

const FORMATS: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000000',
  email: 'walker@example.org',
  uri: 'https://example.org/walker',
  'date-time': '2026-03-04T02:00:00.000Z',
  date: '2026-03-04',
};

function stringFor(n: Node): string {
  if (n.format && FORMATS[n.format]) return FORMATS[n.format]!;
  if (n.pattern) {
    const re = new RegExp(n.pattern);
    const hit = PATTERN_CANDIDATES.find((c) => re.test(c));
    if (hit) return hit;
  }
  const len = Math.max(n.minLength ?? 1, 1);
  return 'w'.repeat(n.maxLength !== undefined ? Math.min(len, n.maxLength) : len);
}

function valueFor(n: Node, defs: Record<string, Node>): unknown {
  if (n.$ref) return valueFor(defs[n.$ref.split('/').pop()!] ?? {}, defs);
  if (n.const !== undefined) return n.const;
  if (n.enum) return n.enum[0];
  const options = n.anyOf ?? n.oneOf;
  if (options) {
    // Prefer null where allowed: the smallest value that passes.
    const nullable = options.find((o) => o.type === 'null');
    return nullable ? null : valueFor(options[0]!, defs);
  }
  if (n.allOf?.length) return valueFor(n.allOf[0]!, defs);
  if (Array.isArray(n.type) && n.type.includes('null')) return null;
  const type = Array.isArray(n.type) ? n.type[0] : n.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of n.required ?? [])
        out[key] = key in BY_NAME ? BY_NAME[key] : valueFor(n.properties?.[key] ?? {}, defs);
      return out;
    }
    case 'array':
      return Array.from({ length: n.minItems ?? 0 }, () => valueFor(n.items ?? {}, defs));
    case 'string':
      return stringFor(n);
    case 'integer':
    case 'number':
      return n.minimum ?? (n.exclusiveMinimum !== undefined ? n.exclusiveMinimum + 1 : 0);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return n.default ?? {};
  }
}

/**
 * The smallest body that passes a route's zod body schema: required properties only, the first
 * enum value, null where allowed, the minimum count and length. Generated from the schema's JSON
 * Schema (zod's own export) and checked against the zod schema itself, so refinements count;
 * returns the validation problem when the generated body does not pass.
 */
export function bodyFor(
  schema: z.ZodType,
): { body: unknown } | { problem: string; generated: unknown } {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Node & {
    $defs?: Record<string, Node>;
  };
  const body = valueFor(json, json.$defs ?? {});
  const parsed = schema.safeParse(body);
  return parsed.success ? { body } : { problem: z.prettifyError(parsed.error), generated: body };
}

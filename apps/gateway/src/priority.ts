import type { Priority } from './queue/types';
import type { GatewayConfig, PriorityRule } from './config';

/** What a rule can look at: the calling AE and the instance's top-level attributes. */
export interface PriorityInput {
  callingAeTitle: string | null;
  /** Text of a top-level attribute by 8-hex-digit tag (`00401003`), or undefined when absent. */
  attribute(tag: string): string[] | undefined;
}

/** `(0040,1003)` → `00401003`, the key dcmjs uses. */
export function tagKey(tag: string): string {
  return tag.replace(/[(),]/g, '').toUpperCase();
}

const norm = (s: string) => s.trim().toUpperCase();

/** Does `rule` match `input`? */
function matches(rule: PriorityRule, input: PriorityInput): boolean {
  if (rule.match === 'callingAeTitle')
    return (
      input.callingAeTitle !== null &&
      rule.aeTitles.some((ae) => norm(ae) === norm(input.callingAeTitle ?? ''))
    );
  const values = input.attribute(tagKey(rule.tag));
  if (!values) return false;
  const wanted = new Set(rule.values.map(norm));
  return values.some((v) => wanted.has(norm(v)));
}

/** The priority of one instance: the first matching rule's, else the configured default. */
export function priorityOf(config: GatewayConfig['priority'], input: PriorityInput): Priority {
  for (const rule of config.rules) if (matches(rule, input)) return rule.priority;
  return config.default;
}

/** Every tag a rule reads, as dcmjs keys: the header reader keeps only these. */
export function ruleTags(config: GatewayConfig['priority']): string[] {
  return config.rules.flatMap((r) => (r.match === 'attribute' ? [tagKey(r.tag)] : []));
}

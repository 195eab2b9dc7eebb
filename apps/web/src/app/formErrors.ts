import { useCallback, useState } from 'react';
import { ApiError } from './apiError';

/** One validation problem, as zod reports it. */
interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
}

/** Zod's generic messages ("Too small: expected string…") rewritten for people. */
function friendly(issue: Issue): string {
  // Keep the contract's own wording; only zod's built-in messages are replaced.
  if (!/^(Too small|Too big|Invalid)/.test(issue.message)) return issue.message;
  if (issue.code === 'too_small' && Number(issue.minimum) === 1) {
    if (issue.origin === 'string') return 'Required';
    if (issue.origin === 'array') return 'Choose at least one';
  }
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return `Must be at least ${issue.minimum} characters`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return 'Too long';
  if (issue.code === 'invalid_format' && issue.format === 'uuid') return 'Required';
  if (issue.code === 'invalid_format' && issue.format === 'email')
    return 'Not a valid email address';
  return issue.message;
}

/** Anything with zod's `safeParse` (the contract schemas). */
interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/** Field errors keyed by dotted path, e.g. `aeTitles.0.aeTitle`. */
export type FieldErrors = Record<string, string>;

/** Turns zod issues into field errors (first message per field wins). */
export function issuesToErrors(issues: readonly Issue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in out)) out[key] = friendly(issue);
  }
  return out;
}

/** Normalises a server issue path (`/a/0/b`, `a[0].b` or `a.0.b`) to the dotted form. */
function normalisePath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .replace(/^body\./, '');
}

/**
 * Form error state: local validation with a contract schema, and server VALIDATION_FAILED
 * details mapped onto the same fields.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});

  /** Validates `value` against `schema`; returns the parsed value, or null after setting errors. */
  const validate = useCallback(<T>(schema: Schema<T>, value: unknown): T | null => {
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      setErrors({});
      return parsed.data;
    }
    setErrors(issuesToErrors(parsed.error.issues));
    return null;
  }, []);

  /** Takes a failed save: shows server field issues; returns true when there were some. */
  const fromServer = useCallback((error: unknown): boolean => {
    if (!(error instanceof ApiError)) return false;
    const issues = error.fieldIssues;
    if (issues.length === 0) return false;
    const out: FieldErrors = {};
    for (const issue of issues) out[normalisePath(issue.path)] ??= issue.message;
    setErrors(out);
    return true;
  }, []);

  const clear = useCallback((field?: string) => {
    setErrors((prev) => {
      if (field === undefined) return {};
      if (!(field in prev)) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  }, []);

  return { errors, setErrors, validate, fromServer, clear };
}

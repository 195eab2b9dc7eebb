import { ErrorBody } from '@telerad/contracts';

/** One field problem from a VALIDATION_FAILED answer. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An API call that failed: the catalogue code, the user-facing message and the HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  /** Field issues when the server refused the body (code VALIDATION_FAILED), else []. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldIssue).path === 'string' &&
        typeof (d as FieldIssue).message === 'string',
    );
  }

  /** Builds the error from a failed response, whatever its body. */
  static async fromResponse(res: Response): Promise<ApiError> {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    const parsed = ErrorBody.safeParse(body);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(res.status, code, message, details, parsed.data.requestId);
    }
    const fallback =
      res.status >= 500
        ? 'The server had a problem. Please try again in a moment.'
        : `The request failed (HTTP ${res.status}).`;
    return new ApiError(res.status, `HTTP_${res.status}`, fallback);
  }
}

/** A message for any thrown value, fit to show a user. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'Cannot reach the server. Check your connection.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

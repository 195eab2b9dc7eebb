import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** The Fastify instance type with zod schemas as the type provider. */
export type FastifyZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * The paths the server answers itself rather than the web app: the REST API (with FHIR under
 * `/api/fhir`) and DICOMweb. A path is under a prefix when it is the prefix or continues it
 * with `/`; an unknown one gets the API's 404, never the web app's index page.
 */
export const API_PREFIXES = ['/api', '/dicomweb'] as const;

/** Whether `path` (without its query) is under one of the API prefixes. */
export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

import type { FastifyRequest } from 'fastify';

/** Where the DICOMweb services are mounted. */
export const DICOMWEB_ROOT = '/dicomweb';

/**
 * The absolute URL of the DICOMweb root that every link in a DICOMweb answer starts from
 * (RetrieveURL (0008,1190), BulkDataURI, STOW-RS's ReferencedSOPSequence): the configured
 * public URL (TELERAD_PUBLIC_URL) when there is one, so that a client behind a proxy or NAT
 * gets links it can follow, and otherwise the scheme and host the client reached us by.
 */
export function dicomwebBaseUrl(req: FastifyRequest, publicUrl: string | undefined): string {
  return `${publicUrl ?? `${req.protocol}://${req.host}`}${DICOMWEB_ROOT}`;
}

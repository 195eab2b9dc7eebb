import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from './queue/durable';

/** What enrolment leaves in `<dataDir>/credentials.json` (mode 0600). */
export const Credentials = z.object({
  gatewayId: z.string(),
  clinicId: z.string(),
  clinicCode: z.string(),
  /** The API token: sent as `Authorization: Bearer`, never logged or shown. */
  token: z.string().min(1),
  centreUrl: z.string(),
  enrolledAt: z.string(),
});
export type Credentials = z.infer<typeof Credentials>;

/** The credentials file of a data directory. */
export function credentialsPath(dataDir: string): string {
  return path.join(dataDir, 'credentials.json');
}

/** The stored credentials, or null when the gateway has not been enrolled. */
export async function readCredentials(dataDir: string): Promise<Credentials | null> {
  let text: string;
  try {
    text = await readFile(credentialsPath(dataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const parsed = Credentials.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(
      `${credentialsPath(dataDir)} is damaged: enrol again with a new code (telerad-gateway enrol --code … --force).`,
    );
  return parsed.data;
}

/** Stores credentials durably (temporary file, fsync, rename, directory fsync), readable by the owner only. */
export async function writeCredentials(dataDir: string, credentials: Credentials): Promise<void> {
  await writeFileDurably(credentialsPath(dataDir), JSON.stringify(credentials, null, 2), {
    mode: 0o600,
  });
}

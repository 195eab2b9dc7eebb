import { filesystemStorage, type ObjectStorage } from '../platform/storage';
import { s3Storage } from '../platform/storageS3';
import { startS3Server } from './s3Server';

/** The object storage a test fixture runs on, and how to stop what it started. */
export interface TestStorage {
  storage: ObjectStorage;
  close(): Promise<void>;
}

/**
 * The fixtures' object storage: the filesystem under `dataDir`, or, when the tests run with
 * `TELERAD_TEST_STORAGE=s3`, the S3 backend on its own s3rver (staged through `dataDir`), so
 * any existing ingest or retrieve test can be run against S3 unchanged.
 */
export async function testStorage(dataDir: string): Promise<TestStorage> {
  if (process.env.TELERAD_TEST_STORAGE !== 's3')
    return { storage: filesystemStorage(dataDir), close: async () => undefined };
  const s3 = await startS3Server();
  return {
    storage: s3Storage({ client: s3.client, settings: s3.settings, dataDir }),
    close: () => s3.close(),
  };
}

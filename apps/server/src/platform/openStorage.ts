import type { StorageSettings } from '../configStorage';
import { filesystemStorage, type ObjectStorage } from './storage';
import { s3Client, s3Storage } from './storageS3';

/**
 * The object storage the configuration chooses: the data directory's filesystem (the default,
 * and the embedded single node's) or an S3 bucket, staged through the data directory.
 */
export function openStorage(dataDir: string, settings: StorageSettings): ObjectStorage {
  if (settings.kind === 'fs') return filesystemStorage(dataDir);
  return s3Storage({
    client: s3Client(settings),
    settings,
    dataDir,
    cacheBytes: settings.cacheBytes,
  });
}

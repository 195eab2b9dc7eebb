import fs from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../platform/db';
import type { ObjectStorage } from '../platform/storage';
import { startDimseServer, type DimseListener } from '../modules/dimse';
import { startHl7Listener, type Hl7Listener } from '../modules/hl7';

/**
 * The doors besides HTTP: the DICOM (DIMSE) listener, and the HL7 MLLP listener when its port
 * is set. Started before HTTP listens, so a healthy /api/health means every door is open.
 */
export async function startDoors({
  config,
  db,
  storage,
  logger,
}: {
  config: Config;
  db: Db;
  storage: ObjectStorage;
  logger: Logger;
}): Promise<{ dicom: DimseListener; hl7: Hl7Listener | undefined }> {
  const dicom = await startDimseServer({
    db,
    storage,
    ingest: {
      db,
      storage,
      minFreeBytes: config.archive.minFreeBytes,
      maxObjectBytes: config.archive.maxObjectBytes,
    },
    aeTitle: config.dicom.aeTitle,
    port: config.dicom.port,
    limits: config.doors.dicom,
    trustedProxies: config.trustedProxies,
    tls: config.dicom.tls && {
      cert: fs.readFileSync(config.dicom.tls.certPath),
      key: fs.readFileSync(config.dicom.tls.keyPath),
    },
    logger,
  });
  const hl7 =
    config.hl7.port === undefined
      ? undefined
      : await startHl7Listener({
          db,
          logger,
          port: config.hl7.port,
          trustedProxies: config.trustedProxies,
          limits: {
            idleMs: config.hl7.idleMs,
            connectionsPerAddress: config.hl7.connectionsPerAddress,
          },
        });
  return { dicom, hl7 };
}

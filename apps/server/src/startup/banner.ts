import type { Config } from '../config';
import { DEMO_ACCOUNTS, DEMO_OPEN_HOURS, DEMO_OPEN_LABEL, DEMO_PASSWORD } from '../modules/demo';
import type { DimseListener } from '../modules/dimse';

/**
 * What the console shows once the node runs: its roles, where it listens, and in demo mode how
 * to try it. `url` is absent on a node without http, `dicom` on one without dimse.
 */
export function banner(
  config: Config,
  url: string | undefined,
  dicom: DimseListener | undefined,
): void {
  const line = '─'.repeat(72);
  console.log(
    `\n${line}\n Telerad is running${url ? ` at ${url}` : ''} (roles: ${config.roles.join(', ')})\n`,
  );
  if (config.demo && dicom) {
    console.log(' DEMO MODE — sample organisation and shared passwords. Not for production.\n');
    console.log(` Accounts (password "${DEMO_PASSWORD}" for all, MFA not enforced):`);
    for (const a of DEMO_ACCOUNTS)
      console.log(
        `   ${a.username.padEnd(13)} ${a.roles.join(', ')}${a.clinics ? ` (clinic ${a.clinics.join(', ')})` : ''}`,
      );
    console.log(
      `\n DICOM: AE title ${config.dicom.aeTitle} on port ${dicom.port}${config.dicom.tls ? ' (TLS)' : ''}; demo clinics send as calling AE DEMO1 or DEMO2,`,
    );
    console.log(
      `   e.g. storescu -aet DEMO1 -aec ${config.dicom.aeTitle} localhost ${dicom.port} file.dcm`,
    );
    if (config.demoStudies)
      console.log(
        ' Sample chest X-rays are in the archive (Studies); TELERAD_DEMO_STUDIES=0 skips them.',
      );
    console.log(
      ` Both centres are open around the clock for the first ${DEMO_OPEN_HOURS} hours after the demo was
   first seeded (exception "${DEMO_OPEN_LABEL}" under Centres), so tasks can be read at
   any hour; after that their service hours route the work.`,
    );
  }
  const objects =
    config.storage.kind === 's3'
      ? `\n Objects: s3://${config.storage.bucket}/${config.storage.prefix}objects/`
      : '';
  console.log(`\n Data directory: ${config.dataDir}${objects}\n${line}\n`);
}

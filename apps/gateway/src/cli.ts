import { parseArgs } from 'node:util';
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig } from './config';
import { EnrolError, enrol } from './enrol';
import { createLogger } from './log';
import { runGateway } from './run';
import { readStatus } from './status/command';
import { statusText } from './status/snapshot';
import { GATEWAY_VERSION } from './version';

/** The text of `telerad-gateway --help`. */
export const HELP = `telerad-gateway ${GATEWAY_VERSION}: receives DICOM at the clinic, keeps it safe on disk, sends it to the reading centre.

Usage: telerad-gateway <command> [--config <file>]

Commands:
  run                   receive, queue and send until stopped (Ctrl-C or SIGTERM stops it cleanly)
  enrol --code <code>   exchange the centre's one-time code for this gateway's token
        [--force]       replace an existing enrolment
  status [--json]       what is waiting, what was sent, recent problems

Options:
  --config <file>       configuration file (default ${DEFAULT_CONFIG_PATH})
  --help, --version
`;

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', default: DEFAULT_CONFIG_PATH },
      code: { type: 'string' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (values.version) {
    console.log(GATEWAY_VERSION);
    return 0;
  }
  const command = positionals[0];
  if (values.help || !command) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const log = createLogger();
  const config = await loadConfig(values.config);
  switch (command) {
    case 'run': {
      const gateway = await runGateway(config, log);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log.info({ event: 'gateway.signal', signal }, 'signal received');
          void gateway.stop().then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      return 0;
    }
    case 'enrol': {
      if (!values.code) {
        console.error('enrol needs the code from the centre: telerad-gateway enrol --code <code>');
        return 2;
      }
      const { clinicCode, gatewayId } = await enrol(config, values.code, {
        force: values.force,
        log,
      });
      console.log(
        `Enrolled for clinic ${clinicCode} (gateway ${gatewayId}). Start it with: telerad-gateway run`,
      );
      return 0;
    }
    case 'status': {
      const status = await readStatus(config);
      console.log(values.json ? JSON.stringify(status, null, 2) : statusText(status));
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

/** Runs `main`, printing expected failures as one readable message (no stack trace). */
export async function runCli(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof EnrolError) console.error(e.message);
    else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      console.error(
        `A port is already in use (${(e as Error).message}): is another gateway running? Change port or statusPort.`,
      );
    else if (
      (e as Error).name === 'TypeError' &&
      /parseArgs|ERR_PARSE_ARGS/.test(String((e as NodeJS.ErrnoException).code))
    )
      console.error(`${(e as Error).message}\n\n${HELP}`);
    else console.error(`telerad-gateway failed: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  }
}

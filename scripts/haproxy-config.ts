/**
 * `npm run haproxy:config -- --node a=10.0.0.1:8081,11112,realtime --node b=10.0.0.2:8081`
 * prints the HAProxy configuration for the Telerad nodes given (docs/operations/scale-out.md).
 * Each `--node` is `name=host:httpPort[,dicomPort][,hl7=port][,realtime]`; an empty HTTP port
 * (`name=host:,11112`) is a node without the http role. Exits 2 on a usage error.
 *
 * The DICOM and HL7 servers send a PROXY protocol v2 header unless `--no-proxy-protocol`: the
 * nodes then list HAProxy's address in TELERAD_TRUSTED_PROXIES (docs/adr/0049).
 */
import { parseArgs } from 'node:util';
import {
  haproxyConfig,
  HaproxyConfigError,
  type LoadBalancedNode,
} from '../apps/server/src/platform/loadBalancer/haproxyConfig';

const USAGE = `Usage: npm run haproxy:config -- --node name=host:httpPort[,dicomPort][,hl7=port][,realtime] …
  [--http 0.0.0.0:80] [--dicom 0.0.0.0:104] [--hl7 0.0.0.0:2575] [--stats 127.0.0.1:8404] [--no-proxy-protocol]`;

function port(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new HaproxyConfigError(`${what} "${text}" is not a port`);
  return n;
}

/** Parses one `--node` value. */
function node(spec: string): LoadBalancedNode {
  const m = /^([^=]+)=([^:]+):([^,]*)((?:,[^,]+)*)$/.exec(spec);
  if (!m) throw new HaproxyConfigError(`--node "${spec}" is not name=host:httpPort[,…]`);
  const [, name, host, http, rest] = m;
  const n: LoadBalancedNode = {
    name: name!,
    host: host!,
    httpPort: http ? port(http, 'HTTP port') : null,
    realtime: false,
    dicomPort: null,
  };
  for (const part of rest!.split(',').filter(Boolean)) {
    if (part === 'realtime') n.realtime = true;
    else if (part.startsWith('hl7=')) n.hl7Port = port(part.slice(4), 'HL7 port');
    else n.dicomPort = port(part, 'DICOM port');
  }
  return n;
}

function main(): number {
  try {
    const { values } = parseArgs({
      allowNegative: true,
      options: {
        node: { type: 'string', multiple: true },
        http: { type: 'string', default: '0.0.0.0:80' },
        dicom: { type: 'string', default: '0.0.0.0:104' },
        hl7: { type: 'string' },
        stats: { type: 'string' },
        // On by default: without it every clinic reaches the nodes from HAProxy's address, past
        // their allowed networks and into one per-address limit (docs/adr/0049).
        'proxy-protocol': { type: 'boolean', default: true },
      },
    });
    if (!values.node?.length) throw new HaproxyConfigError('give at least one --node');
    process.stdout.write(
      haproxyConfig({
        nodes: values.node.map(node),
        httpBind: values.http,
        dicomBind: values.dicom,
        hl7Bind: values.hl7,
        statsBind: values.stats,
        proxyProtocol: values['proxy-protocol'],
      }),
    );
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    console.error(USAGE);
    return 2;
  }
}

process.exitCode = main();

// The scan-dump worker thread (bundled apart as wifid-scan-worker.js): it owns a
// NETLINK_GENERIC socket of its own, runs the GET_SCAN dumps the main thread asks for,
// decodes every BSS into a ScanResult and posts the results back. A dump of a busy
// neighbourhood is hundreds of messages, each a BSS with its elements; decoded on the
// main thread they would hold back the MLME events behind them (bench/events measures
// it). Started by ScanDumper when a dump is asked for; the messages are in scan-worker-protocol.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { decodeAttrs, encodeAttrs } from './attrs.js';
import { ENUMS } from './gen/schema.generated.js';
import { AckError, GenlChannel, openGenericNetlinkSocket } from './genl-channel.js';
import { parseGenl } from './message.js';
import { decodeScanEntry, type ScanResult } from './scan.js';
import { packScanResults } from './scan-results-packed.js';
import type { ScanWorkerOptions, ScanWorkerReply, ScanWorkerRequest } from './scan-worker-protocol.js';

const GET_SCAN = ENUMS.nl80211_commands.values.GET_SCAN;
// The kernel fills a dump's next datagram only once the last was read, so the size
// matters only to a user-space peer that sends a whole dump at once (bench/events):
// the event sockets' 1 MiB.
const RECV_BUFFER = 1 << 20;

function serve(port: NonNullable<typeof parentPort>, opts: ScanWorkerOptions): void {
  const post = (reply: ScanWorkerReply) => port.postMessage(reply);
  const channel = new GenlChannel(openGenericNetlinkSocket(RECV_BUFFER), {
    // The socket joins no group: anything that is not a reply is noise.
    onEvent: () => undefined,
    onSocketError: (err) => post({ warning: `scan worker socket: ${err.message}` }),
    onInvalid: (err) => post({ warning: `scan worker socket: dropped a malformed message: ${err.message}` }),
    ...(opts.peerPort !== undefined ? { peerPort: opts.peerPort, acceptUserSenders: true } : {}),
  });
  port.on('message', (req: ScanWorkerRequest | 'close') => {
    if (req === 'close') {
      channel.close();
      port.close();
      return;
    }
    channel.request(req.family, GET_SCAN, req.version, encodeAttrs('nl80211_attrs', { WDEV: req.wdev }), { dump: true }).then(
      (parts) => {
        const results: ScanResult[] = [];
        const problems: string[] = [];
        let skipped = 0;
        for (const part of parts) {
          if (part.type !== req.family) continue;
          try {
            const r = decodeScanEntry(decodeAttrs('nl80211_attrs', parseGenl(part).attrs, problems));
            if (r) results.push(r);
            else skipped++;
          } catch {
            skipped++;
          }
        }
        const packed = packScanResults(results);
        port.postMessage({ id: req.id, packed, skipped, problems: [...new Set(problems)] } satisfies ScanWorkerReply, [packed.numbers.buffer as ArrayBuffer, packed.bytes]);
      },
      (err: Error) => post({
        id: req.id,
        error: err instanceof AckError
          ? { name: 'AckError', message: err.message, errno: err.ack.errno, ...(err.ack.extackMessage ? { extack: err.ack.extackMessage } : {}) }
          : { name: err.name, message: err.message },
      }),
    );
  });
}

if (parentPort) serve(parentPort, workerData as ScanWorkerOptions);

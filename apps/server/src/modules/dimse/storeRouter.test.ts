import { beforeEach, describe, expect, it } from 'vitest';
import { PDataRouter, type StoreSink } from './storeRouter';
import { encodeCommand, pdu, storeCommand, us } from './testPdus';

const echo = encodeCommand([
  [0x0100, us(0x0030)],
  [0x0110, us(5)],
  [0x0800, us(0x0101)],
]);
const find = encodeCommand([
  [0x0100, us(0x0020)],
  [0x0110, us(6)],
  [0x0800, us(0x0000)],
]);

/** A PDU as the socket might deliver it: whole, or in reads of `size` bytes. */
function reads(pdu: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < pdu.length; at += size) out.push(pdu.subarray(at, at + size));
  return out;
}

let readSize = Infinity;

/** A router over recorders: what dcmjs-dimse was given, what each C-STORE received. */
function harness(opts: { ready?: boolean; accept?: boolean } = {}) {
  const delivered: Buffer[] = [];
  const stores: {
    pcId: number;
    messageId: number;
    data: string;
    ended: boolean;
    aborted?: string;
  }[] = [];
  const errors: string[] = [];
  const router = new PDataRouter((p) => delivered.push(p), {
    ready: () => opts.ready ?? true,
    begin: (pcId, rq): StoreSink | null => {
      if (opts.accept === false) return null;
      const s = {
        pcId,
        messageId: rq.messageId,
        data: '',
        ended: false,
      } as (typeof stores)[0];
      stores.push(s);
      return {
        write: (f) => (s.data += f.toString()),
        end: () => (s.ended = true),
        abort: (r) => (s.aborted = r),
      };
    },
    protocolError: (why) => errors.push(why),
  });
  const feed = (pdu: Buffer) => router.onPdu(readSize === Infinity ? [pdu] : reads(pdu, readSize));
  return { router, feed, delivered, stores, errors };
}

describe.each([
  ['whole PDUs', Infinity],
  ['PDUs in 5-byte socket reads', 5],
])('PDataRouter, %s', (_name, size) => {
  beforeEach(() => {
    readSize = size;
  });

  it('takes a C-STORE whole: its dataset goes to ingest fragment by fragment, nothing to dcmjs-dimse', () => {
    const h = harness();
    h.feed(pdu([1, true, true, storeCommand(1)]));
    h.feed(pdu([1, false, false, 'ab'], [1, false, false, 'cd']));
    h.feed(pdu([1, false, true, 'ef']));
    expect(h.delivered).toEqual([]);
    expect(h.stores).toEqual([{ pcId: 1, messageId: 1, data: 'abcdef', ended: true }]);
  });

  it('gathers a command split over PDUs before deciding', () => {
    const h = harness();
    const cmd = storeCommand(2);
    h.feed(pdu([3, true, false, cmd.subarray(0, 10)]));
    expect(h.stores).toEqual([]);
    h.feed(pdu([3, true, true, cmd.subarray(10)], [3, false, true, 'x']));
    expect(h.delivered).toEqual([]);
    expect(h.stores).toMatchObject([{ pcId: 3, messageId: 2, data: 'x', ended: true }]);
  });

  it('gives dcmjs-dimse every other message whole and in order, held PDUs first', () => {
    const h = harness();
    const e = pdu([1, true, true, echo]);
    const f1 = pdu([1, true, false, find.subarray(0, 8)]);
    const f2 = pdu([1, true, true, find.subarray(8)]);
    const f3 = pdu([1, false, false, 'q1']);
    const f4 = pdu([1, false, true, 'q2']);
    for (const p of [e, f1, f2, f3, f4]) h.feed(p);
    expect(h.delivered).toEqual([e, f1, f2, f3, f4]);
    // The message is over: the next C-STORE is taken again.
    h.feed(pdu([1, true, true, storeCommand(3)], [1, false, true, 'd']));
    expect(h.delivered).toHaveLength(5);
    expect(h.stores).toMatchObject([{ messageId: 3, data: 'd', ended: true }]);
  });

  it('starts a new PDU with what follows the end of a C-STORE in the same PDU', () => {
    const h = harness();
    h.feed(pdu([1, true, true, storeCommand(4)]));
    h.feed(pdu([1, false, true, 'last'], [1, true, true, echo]));
    expect(h.stores).toMatchObject([{ data: 'last', ended: true }]);
    expect(h.delivered).toEqual([pdu([1, true, true, echo])]);
  });

  it('aborts the association on a C-STORE it would have to share with dcmjs-dimse', () => {
    const h = harness();
    h.feed(pdu([1, true, true, echo], [1, true, true, storeCommand(5)]));
    expect(h.errors).toEqual(['a C-STORE request sharing a PDU with another message']);
    expect(h.stores).toEqual([]);
    h.feed(pdu([1, true, true, storeCommand(6)]));
    expect(h.stores).toEqual([]); // nothing more is read
  });

  it('aborts on a PDV of another context or a command inside a dataset', () => {
    const h = harness();
    h.feed(pdu([1, true, true, storeCommand(7)], [1, false, false, 'a']));
    h.feed(pdu([3, false, false, 'b']));
    expect(h.errors).toHaveLength(1);
    expect(h.stores[0]).toMatchObject({ data: 'a', ended: false });
    expect(h.stores[0]!.aborted).toMatch(/protocol error/);
  });

  it('aborts on a C-STORE on a context that was not accepted, or without a dataset', () => {
    const refused = harness({ accept: false });
    refused.feed(pdu([9, true, true, storeCommand(8)]));
    expect(refused.errors).toEqual(['a C-STORE on presentation context 9, not accepted']);
    const empty = harness();
    const noData = encodeCommand([
      [0x0100, us(0x0001)],
      [0x0800, us(0x0101)],
    ]);
    empty.feed(pdu([1, true, true, noData]));
    expect(empty.errors).toEqual(['a C-STORE request without a dataset']);
    const garbled = harness();
    garbled.feed(pdu([1, true, true, Buffer.from('not a command')]));
    expect(garbled.errors).toEqual(['a malformed command set']);
  });

  it('ends a C-STORE that an A-ABORT or a release interrupts, and passes the PDU on', () => {
    const h = harness();
    h.feed(pdu([1, true, true, storeCommand(9)], [1, false, false, 'a']));
    const abort = Buffer.from([7, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
    h.feed(abort);
    expect(h.stores[0]!.aborted).toBe('the association ended during the C-STORE');
    expect(h.delivered).toEqual([abort]);
  });

  it('gives dcmjs-dimse everything before the association is accepted, and malformed PDUs', () => {
    const h = harness({ ready: false });
    const p = pdu([1, true, true, storeCommand(10)]);
    h.feed(p);
    expect(h.delivered).toEqual([p]);
    const ready = harness();
    const bad = Buffer.from([4, 0, 0, 0, 0, 2, 0, 0]);
    ready.feed(bad);
    expect(ready.delivered).toEqual([bad]);
  });

  it('aborts the C-STORE in progress when the association closes', () => {
    const h = harness();
    h.feed(pdu([1, true, true, storeCommand(11)], [1, false, false, 'a']));
    h.router.close('the connection closed during the C-STORE');
    expect(h.stores[0]!.aborted).toBe('the connection closed during the C-STORE');
  });
});

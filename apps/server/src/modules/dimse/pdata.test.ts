import { describe, expect, it } from 'vitest';
import { encodeCommand, storeCommand, us } from './testPdus';
import {
  PduFormatError,
  commandPdus,
  commandText,
  commandUs,
  cStoreRequest,
  cStoreResponse,
  hasDataset,
  joined,
  readCommand,
  readPdvs,
  writePdu,
} from './pdata';

describe('P-DATA-TF', () => {
  it('reads PDVs as views, with their context, kind and last flag', () => {
    const pdu = writePdu([
      { pcId: 1, command: true, last: true, value: Buffer.from('abcd') },
      { pcId: 1, command: false, last: false, value: Buffer.from('xy') },
      { pcId: 3, command: false, last: true, value: Buffer.alloc(0) },
    ]);
    expect(pdu.readUInt32BE(2)).toBe(pdu.length - 6);
    const pdvs = readPdvs([pdu]);
    expect(pdvs.map((p) => [p.pcId, p.command, p.last, joined(p.value).toString()])).toEqual([
      [1, true, true, 'abcd'],
      [1, false, false, 'xy'],
      [3, false, true, ''],
    ]);
    expect(pdvs[0]!.value[0]!.buffer).toBe(pdu.buffer); // not copied
    // The same PDU over three socket reads: values are views across them.
    const split = readPdvs([pdu.subarray(0, 13), pdu.subarray(13, 19), pdu.subarray(19)]);
    expect(split.map((p) => joined(p.value).toString())).toEqual(['abcd', 'xy', '']);
    expect(split[0]!.value.map((v) => v.toString())).toEqual(['a', 'bcd']);
  });

  it('refuses malformed PDUs', () => {
    const good = writePdu([{ pcId: 1, command: true, last: true, value: Buffer.from('ab') }]);
    const shortLength = Buffer.from(good);
    shortLength.writeUInt32BE(3, 6); // PDV item claims 3 bytes: one more than the PDU holds
    expect(() => readPdvs([shortLength])).toThrow(PduFormatError);
    expect(() => readPdvs([good.subarray(0, good.length - 1)])).toThrow(PduFormatError);
    expect(() => readPdvs([Buffer.from([4, 0, 0, 0, 0, 0])])).toThrow(PduFormatError);
    expect(() => readPdvs([Buffer.from([7, 0, 0, 0, 0, 4, 0, 0, 0, 0])])).toThrow(PduFormatError);
  });

  it('splits a command into PDUs no longer than the peer accepts', () => {
    const command = Buffer.alloc(100, 7);
    const pdus = commandPdus(5, command, 46); // 40 bytes of value per PDU
    expect(pdus.map((p) => p.length)).toEqual([52, 52, 32]);
    const pdvs = pdus.flatMap((p) => readPdvs([p]));
    expect(pdvs.map((p) => p.last)).toEqual([false, false, true]);
    expect(pdvs.every((p) => p.command && p.pcId === 5)).toBe(true);
    expect(Buffer.concat(pdvs.map((p) => joined(p.value))).equals(command)).toBe(true);
    expect(commandPdus(5, command, 0)).toHaveLength(1);
  });
});

describe('C-STORE command sets', () => {
  it('reads a request', () => {
    const c = readCommand(storeCommand(77, '1.2.840.99'));
    expect(cStoreRequest(c)).toEqual({
      messageId: 77,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.1',
      sopInstanceUid: '1.2.840.99',
    });
    expect(hasDataset(c)).toBe(true);
    const echo = readCommand(
      encodeCommand([
        [0x0100, us(0x0030)],
        [0x0800, us(0x0101)],
      ]),
    );
    expect(cStoreRequest(echo)).toBeNull();
    expect(hasDataset(echo)).toBe(false);
  });

  it('refuses a command set that runs past its end or leaves group 0000', () => {
    const c = storeCommand(1);
    expect(() => readCommand(c.subarray(0, c.length - 3))).toThrow(PduFormatError);
    const other = Buffer.from(c);
    other.writeUInt16LE(0x0008, 12);
    expect(() => readCommand(other)).toThrow(PduFormatError);
  });

  it('writes a response with its group length, status and padded values', () => {
    const rq = { messageId: 9, sopClassUid: '1.2.840.10008.5.1.4.1.1.1', sopInstanceUid: '1.23' };
    const bytes = cStoreResponse(rq, 0xa900, 'The dataset does not match');
    const c = readCommand(bytes);
    expect(c.get(0x0000)!.readUInt32LE(0)).toBe(bytes.length - 12);
    expect(commandUs(c, 0x0100)).toBe(0x8001);
    expect(commandUs(c, 0x0120)).toBe(9);
    expect(commandUs(c, 0x0800)).toBe(0x0101);
    expect(commandUs(c, 0x0900)).toBe(0xa900);
    expect(commandText(c, 0x0902)).toBe('The dataset does not match');
    expect(commandText(c, 0x0002)).toBe(rq.sopClassUid);
    expect(commandText(c, 0x1000)).toBe('1.23');
    expect([...c.values()].every((v) => v.length % 2 === 0)).toBe(true);
    expect([...c.keys()]).toEqual([...c.keys()].sort((a, b) => a - b));
    expect(readCommand(cStoreResponse(rq, 0)).has(0x0902)).toBe(false);
    // Odd-length values: a UI padded with NUL, text with a space.
    expect(c.get(0x0002)!.at(-1)).toBe(0);
    const odd = readCommand(cStoreResponse(rq, 0xc000, 'Odd'));
    expect(odd.get(0x0902)!.toString('latin1')).toBe('Odd ');
    expect(odd.get(0x1000)!.toString('latin1')).toBe('1.23');
  });
});

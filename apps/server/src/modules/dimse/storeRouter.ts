import {
  P_DATA_TF,
  PduFormatError,
  cStoreRequest,
  hasDataset,
  joined,
  readCommand,
  readPdvs,
  writePdu,
  type CStoreRequestFields,
  type Pdv,
} from './pdata';

/** Where one C-STORE request's dataset fragments go. */
export interface StoreSink {
  write(fragment: Buffer): void;
  /** The last fragment has been written. */
  end(): void;
  /** The dataset will not be completed. */
  abort(reason: string): void;
}

/** What the router needs from the association it serves. */
export interface StoreHandler {
  /** Whether the association is accepted; until then every PDU is dcmjs-dimse's. */
  ready(): boolean;
  /** Starts one C-STORE on presentation context `pcId`; null when the context is not accepted. */
  begin(pcId: number, request: CStoreRequestFields): StoreSink | null;
  /** The peer broke the protocol where dcmjs-dimse cannot take over: abort the association. */
  protocolError(why: string): void;
}

/**
 * Splits the PDUs of an association between ingest's C-STORE path and dcmjs-dimse (ADR 0006).
 *
 * Every message starts with its command set. The PDUs that carry one are held until it is
 * complete; a C-STORE request is then taken here, its dataset fragments written straight into
 * ingest, and its response sent by the caller, with no message objects built or dataset bytes
 * copied. Any other message (C-ECHO, C-FIND, C-MOVE, C-GET, responses to our own C-STOREs of a
 * C-GET) is given to dcmjs-dimse, the held PDUs first and in order, and followed PDV by PDV until
 * it ends, so the next message is again decided at its start. A PDU is either taken whole or
 * given whole; PDVs left in a taken PDU after its C-STORE ends start a new PDU.
 *
 * Must stay true: dcmjs-dimse never receives a C-STORE request (it would buffer the dataset in
 * memory), and never sees part of a message it is not given whole.
 */
export class PDataRouter {
  /** PDUs holding the fragments of the command being gathered, not yet given to anyone. */
  private held: Buffer[][] = [];
  private commandParts: Buffer[] = [];
  /** The current message is dcmjs-dimse's. */
  private passing = false;
  /** The message given to dcmjs-dimse has a dataset still to come. */
  private awaitingDataset = false;
  private store: { sink: StoreSink; pcId: number } | undefined;
  private dead = false;

  constructor(
    private readonly deliver: (pdu: Buffer) => void,
    private readonly handler: StoreHandler,
  ) {}

  /** One whole PDU from the peer, as views of the socket reads it arrived in. */
  onPdu(pdu: Buffer[]): void {
    if (this.dead) return;
    if (pdu[0]![0] !== P_DATA_TF || !this.handler.ready()) return this.other(pdu);
    let pdvs: Pdv[];
    try {
      pdvs = readPdvs(pdu);
    } catch {
      return this.other(pdu); // dcmjs-dimse reports the malformed PDU
    }
    if (this.passing) {
      this.deliver(joined(pdu));
      this.follow(pdvs, 0);
      return;
    }
    for (let k = 0; k < pdvs.length; k++) {
      const pdv = pdvs[k]!;
      if (this.store) {
        if (pdv.command || pdv.pcId !== this.store.pcId)
          return this.fail('a PDV of another message inside a C-STORE dataset');
        for (const fragment of pdv.value) this.store.sink.write(fragment);
        if (!pdv.last) continue;
        const { sink } = this.store;
        this.store = undefined;
        sink.end();
        if (k + 1 < pdvs.length)
          this.onPdu([writePdu(pdvs.slice(k + 1).map((p) => ({ ...p, value: joined(p.value) })))]);
        return;
      }
      if (!pdv.command) {
        // A dataset fragment with no command before it: dcmjs-dimse's to report.
        this.giveHeld(pdu);
        this.passing = true;
        this.follow(pdvs, k);
        return;
      }
      if (this.held[this.held.length - 1] !== pdu) this.held.push(pdu);
      this.commandParts.push(...pdv.value);
      if (!pdv.last) continue;
      const command = this.takeCommand();
      if (!command) return this.fail('a malformed command set');
      const request = cStoreRequest(command);
      if (request) {
        if (!hasDataset(command)) return this.fail('a C-STORE request without a dataset');
        this.held = [];
        const sink = this.handler.begin(pdv.pcId, request);
        if (!sink) return this.fail(`a C-STORE on presentation context ${pdv.pcId}, not accepted`);
        this.store = { sink, pcId: pdv.pcId };
        continue;
      }
      this.giveHeld(pdu);
      this.awaitingDataset = hasDataset(command);
      this.passing = this.awaitingDataset;
      this.follow(pdvs, k + 1);
      return;
    }
  }

  /** The association is over: a C-STORE in progress will not complete. */
  close(reason: string): void {
    this.store?.sink.abort(reason);
    this.store = undefined;
    this.dead = true;
  }

  /** A PDU other than P-DATA-TF (release, abort, association) or a malformed one. */
  private other(pdu: Buffer[]): void {
    if (this.store) {
      this.store.sink.abort('the association ended during the C-STORE');
      this.store = undefined;
    }
    this.giveHeld(null);
    this.commandParts = [];
    this.passing = this.awaitingDataset = false;
    this.deliver(joined(pdu));
  }

  /** Gives dcmjs-dimse the held PDUs, then `last` unless it is the last of them already. */
  private giveHeld(last: Buffer[] | null): void {
    const held = this.held;
    this.held = [];
    for (const p of held) this.deliver(joined(p));
    if (last && held[held.length - 1] !== last) this.deliver(joined(last));
  }

  /** Follows PDVs given to dcmjs-dimse from `from` on, to know where its message ends. */
  private follow(pdvs: Pdv[], from: number): void {
    for (let k = from; k < pdvs.length; k++) {
      const pdv = pdvs[k]!;
      if (!pdv.command) {
        if (pdv.last) this.awaitingDataset = false;
        continue;
      }
      this.commandParts.push(...pdv.value);
      if (!pdv.last) continue;
      const command = this.takeCommand();
      if (command && cStoreRequest(command))
        return this.fail('a C-STORE request sharing a PDU with another message');
      this.awaitingDataset = !!command && hasDataset(command);
    }
    this.passing = this.commandParts.length > 0 || this.awaitingDataset;
  }

  private takeCommand(): ReturnType<typeof readCommand> | null {
    const parts = this.commandParts;
    this.commandParts = [];
    try {
      return readCommand(joined(parts));
    } catch (e) {
      if (e instanceof PduFormatError) return null;
      throw e;
    }
  }

  private fail(why: string): void {
    this.close(`protocol error: ${why}`);
    this.handler.protocolError(why);
  }
}

import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { OrderCreate } from '@telerad/contracts';
import { newUid } from '@telerad/dicom';
import { z } from 'zod';
import type { Logger } from '../log';
import { fsyncDir, writeFileDurably } from '../queue/durable';

/** Orders registered at the gateway wait here, one file each, until the centre answers them. */
export const OUTBOX_DIR = 'outbox';
/** Orders the centre refused are moved here with its reason, for the clinic to see and redo. */
export const REFUSED_DIR = 'refused';
const SEQUENCE_FILE = 'sequence.json';

/** One order registered at the gateway during an outage, as kept on disk. */
export const LocalOrder = z.object({
  localId: z.string(),
  createdAt: z.iso.datetime(),
  studyInstanceUid: z.string(),
  /** The form's fields with the accession number the gateway made. */
  order: OrderCreate,
  /** The centre's refusal, once refused. */
  refusal: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type LocalOrder = z.infer<typeof LocalOrder>;

const Sequence = z.object({ day: z.string(), last: z.number().int().nonnegative() });

/** `yymmdd` of the gateway computer's local day. */
function localDay(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(at.getFullYear() % 100)}${p(at.getMonth() + 1)}${p(at.getDate())}`;
}

/** `YYYY-MM-DD` of the gateway computer's local day (the clinic's clock). */
function localIsoDate(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

/**
 * The orders the clinic's front desk registered at the gateway while the centre could not be
 * reached. Each is written durably (temporary file, fsync, rename, directory fsync) before the
 * desk is told it is registered, with a local id, an accession number made here (`G` + the day
 * `yymmdd` + a four-digit sequence kept on disk: 11 characters, never one the centre makes, as
 * those have a dash) and a Study Instance UID, so the X-ray unit can take the image at once. An
 * order leaves the outbox only once the centre answered it: made (now or by an earlier push) or
 * refused (then it moves to `refused/` with the reason).
 */
export class Outbox {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly orders: Map<string, LocalOrder>,
    private readonly refusedOrders: LocalOrder[],
  ) {}

  static async open(dataDir: string, log: Logger): Promise<Outbox> {
    const dir = path.join(dataDir, OUTBOX_DIR);
    await mkdir(path.join(dir, REFUSED_DIR), { recursive: true, mode: 0o700 });
    const read = async (d: string) => {
      const out: LocalOrder[] = [];
      for (const name of (await readdir(d)).filter((n) => /^[0-9a-f-]{36}\.json$/.test(n))) {
        try {
          out.push(LocalOrder.parse(JSON.parse(await readFile(path.join(d, name), 'utf8'))));
        } catch (e) {
          log.error(
            { event: 'outbox.unreadable', file: name, err: (e as Error).message },
            'an order in the outbox could not be read; it is left in place',
          );
        }
      }
      return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    };
    const waiting = await read(dir);
    const refused = await read(path.join(dir, REFUSED_DIR));
    if (waiting.length)
      log.info(
        { event: 'outbox.loaded', waiting: waiting.length },
        'orders waiting for the centre',
      );
    return new Outbox(dir, new Map(waiting.map((o) => [o.localId, o])), refused);
  }

  /** One change at a time: the sequence and the files are never raced. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The next accession number of the day, its sequence durably advanced first. */
  private async nextAccession(at: Date): Promise<string> {
    const file = path.join(this.dir, SEQUENCE_FILE);
    const day = localDay(at);
    let last = 0;
    try {
      const s = Sequence.parse(JSON.parse(await readFile(file, 'utf8')));
      if (s.day === day) last = s.last;
    } catch {
      // No sequence yet (or unreadable): the orders on disk still hold the day's numbers.
    }
    for (const o of [...this.orders.values(), ...this.refusedOrders]) {
      const m = /^G(\d{6})(\d{4})$/.exec(o.order.accessionNumber);
      if (m && m[1] === day) last = Math.max(last, Number(m[2]));
    }
    if (last >= 9999) throw new Error('the day has no accession number left at this gateway');
    await writeFileDurably(file, JSON.stringify({ day, last: last + 1 }));
    return `G${day}${String(last + 1).padStart(4, '0')}`;
  }

  /**
   * Registers one order (validated with the portal's own schema); resolves once it is on disk.
   * An accession number given by the desk is kept; an empty one is made here.
   */
  async add(input: unknown, at = new Date()): Promise<LocalOrder> {
    const parsed = OrderCreate.parse(input);
    return this.serial(async () => {
      const order: LocalOrder = {
        localId: randomUUID(),
        createdAt: at.toISOString(),
        studyInstanceUid: newUid(),
        order: {
          ...parsed,
          accessionNumber: parsed.accessionNumber || (await this.nextAccession(at)),
          scheduledDate: parsed.scheduledDate ?? localIsoDate(at),
        },
      };
      await writeFileDurably(this.fileOf(order.localId), JSON.stringify(order), { mode: 0o600 });
      this.orders.set(order.localId, order);
      return order;
    });
  }

  private fileOf(localId: string, refused = false): string {
    return path.join(this.dir, ...(refused ? [REFUSED_DIR] : []), `${localId}.json`);
  }

  /** The orders waiting for the centre, oldest first. */
  waiting(): LocalOrder[] {
    return [...this.orders.values()];
  }

  /** The orders the centre refused, oldest first. */
  refused(): LocalOrder[] {
    return [...this.refusedOrders];
  }

  /** The centre made the order (now or earlier): it leaves the outbox for good. */
  done(localId: string): Promise<void> {
    return this.serial(async () => {
      if (!this.orders.has(localId)) return;
      await unlink(this.fileOf(localId)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      await fsyncDir(this.dir);
      this.orders.delete(localId);
    });
  }

  /** The centre refused the order: it moves to `refused/` with the centre's reason. */
  refuse(localId: string, refusal: { code: string; message: string }): Promise<void> {
    return this.serial(async () => {
      const order = this.orders.get(localId);
      if (!order) return;
      const kept = { ...order, refusal };
      await writeFileDurably(this.fileOf(localId, true), JSON.stringify(kept), { mode: 0o600 });
      await unlink(this.fileOf(localId));
      await fsyncDir(this.dir);
      this.orders.delete(localId);
      this.refusedOrders.push(kept);
    });
  }
}

/** How many orders wait in the outbox of `dataDir`, read without opening it (for `status`). */
export async function countWaitingOrders(dataDir: string): Promise<number> {
  const names = await readdir(path.join(dataDir, OUTBOX_DIR)).catch(() => [] as string[]);
  return names.filter((n) => /^[0-9a-f-]{36}\.json$/.test(n)).length;
}

import {
  ORDER_CSV_MAX_ROWS,
  OrderImport,
  type OrderImportResult,
  type OrderImportRow,
  type Programme,
} from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { accessionTaken, insertOrder, loadOrderClinic, lockClinicOrders } from './create';
import { parseOrderCsv } from './csvRows';

/**
 * Imports a clinic's day list (CSV, see `parseOrderCsv`) row by row: a valid row becomes an
 * order (source `csv`); a row whose accession number the clinic already has, in the database or
 * earlier in the file, is reported as a duplicate and skipped; a row with a bad cell is reported
 * with its line, column and message. With `dryRun` nothing is saved and the report is the same,
 * except that made accession numbers are not shown. The created orders and the import's audit
 * event commit together.
 */
export async function importOrders(
  ctx: ServiceContext,
  clinicId: string,
  input: OrderImport,
  now: Date = new Date(),
): Promise<OrderImportResult> {
  const { csv, dryRun } = OrderImport.parse(input);
  const clinic = await loadOrderClinic(ctx, clinicId);
  const parsed = parseOrderCsv(csv, ORDER_CSV_MAX_ROWS);
  return auditedTransaction(
    ctx,
    async (trx) => {
      await lockClinicOrders(trx, clinic.id);
      const seen = new Set<string>();
      const rows: OrderImportRow[] = [];
      for (const p of parsed) {
        if ('errors' in p) {
          rows.push({ ...p, status: 'error', orderId: null });
          continue;
        }
        const accession = p.body.accessionNumber || null;
        const base = { line: p.line, accessionNumber: accession, orderId: null, errors: [] };
        const programme = p.body.programme as Programme | null | undefined;
        if (programme && !clinic.programmes.includes(programme)) {
          const message = `This clinic screens for ${clinic.programmes.join(', ')} only.`;
          rows.push({ ...base, status: 'error', errors: [{ field: 'programme', message }] });
          continue;
        }
        if (
          accession &&
          (seen.has(accession) || (await accessionTaken(trx, clinic.id, accession)))
        ) {
          rows.push({ ...base, status: 'duplicate' });
          continue;
        }
        if (accession) seen.add(accession);
        if (dryRun) {
          rows.push({ ...base, status: 'created' });
          continue;
        }
        const order = await insertOrder(ctx, trx, clinic, p.body, 'csv', now);
        rows.push({
          ...base,
          status: 'created',
          accessionNumber: order.accessionNumber,
          orderId: order.id,
        });
      }
      const count = (s: OrderImportRow['status']) => rows.filter((r) => r.status === s).length;
      return {
        dryRun,
        created: count('created'),
        duplicates: count('duplicate'),
        errors: count('error'),
        rows,
      };
    },
    (r) => ({
      resourceId: clinic.id,
      clinicId: clinic.id,
      details: { dryRun, created: r.created, duplicates: r.duplicates, errors: r.errors },
    }),
  );
}

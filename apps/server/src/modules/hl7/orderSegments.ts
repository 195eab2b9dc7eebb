import type { Hl7Message, Hl7Segment } from '@medplum/core';
import { text } from './fields';
import type { Hl7Location } from './problems';

/** A segment with its position (its occurrence among segments of its name, from 1). */
export interface Placed {
  seg: Hl7Segment;
  at: Hl7Location;
}

/** One ORC and the segments that follow it up to the next ORC. */
export interface Group {
  orc: Placed;
  obr?: Placed;
  tq1?: Placed;
  ipc?: Placed;
  notes: Placed[];
}

/** The segments of `message` with their sequence numbers. */
export function placed(message: Hl7Message): Placed[] {
  const seen = new Map<string, number>();
  return message.segments.map((seg) => {
    const n = (seen.get(seg.name) ?? 0) + 1;
    seen.set(seg.name, n);
    return { seg, at: { segment: seg.name, sequence: n } };
  });
}

export const at = (p: Placed, field: number, component?: number): Hl7Location => ({
  ...p.at,
  field,
  ...(component ? { component } : {}),
});

/** The first non-empty of several (segment, field, component) places, with where it was. */
export function firstOf(
  m: Hl7Message,
  places: [Placed | undefined, number, number][],
): { value: string; where: Hl7Location } | null {
  for (const [p, field, component] of places) {
    if (!p) continue;
    const value = text(m, p.seg, field, component);
    if (value) return { value, where: at(p, field, component) };
  }
  return null;
}

/** The ORC groups of a message: each ORC with the OBR, TQ1, IPC and NTEs that follow it. */
export function groupsOf(segments: Placed[]): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  for (const p of segments) {
    if (p.seg.name === 'ORC') groups.push((current = { orc: p, notes: [] }));
    else if (!current) continue;
    else if (p.seg.name === 'OBR' && !current.obr) current.obr = p;
    else if (p.seg.name === 'TQ1' && !current.tq1) current.tq1 = p;
    else if (p.seg.name === 'IPC' && !current.ipc) current.ipc = p;
    else if (p.seg.name === 'NTE') current.notes.push(p);
  }
  return groups;
}

/** The accession number and where it was read: IPC-1, OBR-18 (IHE), OBR-3, ORC-3. */
export function accessionOf(m: Hl7Message, g: Group) {
  return firstOf(m, [
    [g.ipc, 1, 1],
    [g.obr, 18, 1],
    [g.obr, 3, 1],
    [g.orc, 3, 1],
  ]);
}

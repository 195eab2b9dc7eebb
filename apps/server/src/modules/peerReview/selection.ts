import { createHash } from 'node:crypto';
import {
  PILOT_REVIEW_PROGRAMME_ID,
  type PeerReviewReason,
  type PeerReviewRule,
} from '@telerad/contracts';

/** A programme in force, as sampling sees it. */
export interface ActiveProgramme {
  id: string;
  rule: PeerReviewRule;
}

/** The facts of a finalised read that programmes choose on. */
export interface ReadFacts {
  reportId: string;
  readerId: string;
  abnormal: boolean;
  consulted: boolean;
  /** Released while its clinic was in pilot. */
  pilot: boolean;
  /** Its study's calibrated CAD score disagreed with the signed read (docs/adr/0044). */
  cadDiscordant: boolean;
}

/** Why and by which programme a read is reviewed. */
export interface Choice {
  programmeId: string;
  reason: PeerReviewReason;
  blind: boolean;
}

/**
 * A uniform draw in [0, 1) for one read under one programme. `draw(programmeId, reportId)` must
 * be a pure function of its arguments (and a seed), so a replayed or retried release chooses
 * the same reads, and a test with a fixed seed is deterministic.
 */
export type Draw = (programmeId: string, reportId: string) => number;

/**
 * The seeded draw: the first 48 bits of SHA-256(seed, programme, report) as a fraction. With a
 * secret seed (a fresh one each start by default) readers cannot tell which of their reads will
 * be sampled; with a fixed one, tests and replays choose the same reads.
 */
export function seededDraw(seed: string): Draw {
  return (programmeId, reportId) => {
    const h = createHash('sha256').update(`${seed}\u0000${programmeId}\u0000${reportId}`).digest();
    return h.readUIntBE(0, 6) / 2 ** 48;
  };
}

/**
 * Which programme, if any, reviews this read (pure). Programmes are tried in order; in each, the
 * targets come first (abnormal, consultation, chosen reader), then the random sample: a read
 * falls in it when its draw is below `samplePercent`/100, independently for every read, so each
 * radiologist's reads are sampled at that rate. A CAD–reader discordant read is drawn at
 * `discordantPercent` instead, when that is higher (the same draw, so the two rates nest: a
 * discordant read the random share would take is taken as discordant, and the record says so).
 * One review per read: the first match wins.
 * Before all of them, the pilot rule: a pilot clinic's read is always reviewed (a second read,
 * open and not blind) under the built-in pilot programme, whatever QA has in force.
 */
export function chooseForReview(
  programmes: readonly ActiveProgramme[],
  read: ReadFacts,
  draw: Draw,
): Choice | null {
  if (read.pilot) return { programmeId: PILOT_REVIEW_PROGRAMME_ID, reason: 'pilot', blind: false };
  for (const p of programmes) {
    const { targets, samplePercent, discordantPercent, blind } = p.rule;
    const drawn = (percent: number) => percent > 0 && draw(p.id, read.reportId) < percent / 100;
    const reason: PeerReviewReason | null =
      targets.abnormal && read.abnormal
        ? 'abnormal'
        : targets.consultation && read.consulted
          ? 'consultation'
          : targets.readerIds.includes(read.readerId)
            ? 'reader'
            : read.cadDiscordant && drawn(discordantPercent)
              ? 'cad_discordant'
              : drawn(samplePercent)
                ? 'random'
                : null;
    if (reason) return { programmeId: p.id, reason, blind };
  }
  return null;
}

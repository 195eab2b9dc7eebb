import { describe, expect, it } from 'vitest';
import {
  fillTemplate,
  kindsForRoles,
  NOTIFICATION_AUDIENCES,
  NOTIFICATION_CATALOGUE,
  NOTIFICATION_KINDS,
} from './notifications';

describe('notification catalogue', () => {
  it('fills templates with the facts, and refuses a placeholder without one', () => {
    expect(fillTemplate('Report ready: {patientName}', { patientName: 'DOE, Jane' })).toBe(
      'Report ready: DOE, Jane',
    );
    expect(() => fillTemplate('Overdue: {clinic} {patient}', { clinic: 'DEMO1' })).toThrow(
      '{patient}',
    );
    // Links encode each value, so a study UID or id cannot break out of its path segment.
    expect(
      fillTemplate('/reports?report={reportId}', { reportId: 'a&b=c' }, encodeURIComponent),
    ).toBe('/reports?report=a%26b%3Dc');
  });

  it('offers each role the kinds its audiences reach, and a role reached by none nothing', () => {
    expect(kindsForRoles(['clinic'])).toEqual([
      'report.released',
      'retake.requested',
      'extra_view.requested',
      'retake.reminder',
      'critical.alert',
      'qc.major_discordance',
      'second_opinion.answered',
      'second_opinion.amended',
      'message.from_centre',
      'sop.acknowledgement_needed',
    ]);
    expect(kindsForRoles(['support'])).toEqual([
      'delivery.failed',
      'network.clinic_silent',
      'network.queue_growing',
      'network.recovered',
      'cad.result_error',
      'cad.forward_failed',
      'cad.object_unread',
      'sop.acknowledgement_needed',
    ]);
    expect(kindsForRoles(['auditor'])).toEqual(['sop.acknowledgement_needed']);
    // Every kind reaches some role, so every kind has a switch somewhere.
    for (const kind of NOTIFICATION_KINDS) {
      const roles = NOTIFICATION_AUDIENCES[NOTIFICATION_CATALOGUE[kind].audience];
      expect(kindsForRoles(roles)).toContain(kind);
    }
  });
});

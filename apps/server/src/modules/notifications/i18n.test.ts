import { catalogueProblems } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { emailWords, renderKind, SERVER_CATALOGUES } from './i18n';

const released = {
  what: 'Report ready',
  patientName: 'DOE, Jane',
  patient: 'P-1',
  reportId: 'r1',
  clinic: 'DEMO1',
  studyUid: '1.2.3',
  clinicId: 'c1',
};

describe('the clinics’ notification catalogue', () => {
  it('has every English message in French and Spanish, with the same placeholders', () => {
    expect([
      ...catalogueProblems(SERVER_CATALOGUES.en, SERVER_CATALOGUES.fr, 'fr'),
      ...catalogueProblems(SERVER_CATALOGUES.en, SERVER_CATALOGUES.es, 'es'),
    ]).toEqual([]);
  });

  it('renders a clinic’s kind in the reader’s language, its word facts too', () => {
    expect(renderKind('fr', 'report.released', released)).toEqual({
      title: 'Compte rendu disponible : DOE, Jane',
      body: 'Le compte rendu de DOE, Jane (P-1) est disponible. Ouvrez-le pour le lire ou le télécharger.',
    });
    expect(renderKind('es', 'report.released', released).title).toBe('Informe listo: DOE, Jane');
    expect(renderKind('en', 'report.released', released)).toEqual({
      title: 'Report ready: DOE, Jane',
      body: 'The report for DOE, Jane (P-1) is ready. Open it to read or download it.',
    });
    const retake = { ...released, reasons: 'under-exposed, motion' };
    expect(
      renderKind('fr', 'critical.alert', {
        ...released,
        finding: 'Other urgent finding: hilar mass',
      }).body,
    ).toMatch(/^Autre résultat urgent: hilar mass. Le compte rendu/);
    const reminder = {
      ...released,
      what: 'the extra view (lateral, decubitus)',
      since: '2026-12-06 10:00 UTC',
    };
    expect(renderKind('es', 'retake.reminder', reminder).body).toBe(
      'El radiólogo sigue esperando la proyección adicional (lateral, decúbito) de DOE, Jane (P-1), solicitada el 2026-12-06 10:00 UTC.',
    );
    expect(renderKind('fr', 'retake.requested', retake).body).toBe(
      'Merci de refaire la radiographie de DOE, Jane (P-1) : sous-exposée, flou de mouvement.',
    );
  });

  it('leaves names alone, and a kind only centre staff receive in English', () => {
    const named = { ...released, patientName: 'MOTION, Ann' };
    expect(renderKind('fr', 'report.released', named).title).toBe(
      'Compte rendu disponible : MOTION, Ann',
    );
    expect(
      renderKind('fr', 'task.overdue', { clinic: 'DEMO1', patient: 'P-1', detail: 'late' }),
    ).toEqual({ title: 'Overdue: DEMO1 P-1', body: 'late' });
  });

  it('refuses a template whose fact is missing, in any language', () => {
    const { patient: _dropped, ...noPatient } = released;
    expect(() => renderKind('fr', 'report.released', noPatient)).toThrow('{patient}');
    expect(() => renderKind('en', 'report.released', noPatient)).toThrow('{patient}');
  });

  it('words the e-mail’s subject and closing line in the reader’s language', () => {
    expect(emailWords('fr', 'Compte rendu disponible', 'https://t.example/reports')).toEqual({
      subject: '[Telerad] Compte rendu disponible',
      closing: 'Ouvrez-le dans Telerad : https://t.example/reports',
    });
    expect(emailWords('es', 'x', null).closing).toBe('Abra Telerad para atenderlo.');
  });
});

import { describe, expect, it } from 'vitest';
import { CLINIC_SECTIONS, sectionsFor } from './sections';

const ids = (roles: Parameters<typeof sectionsFor>[0]) => sectionsFor(roles).map((s) => s.id);

describe("the clinic page's section registry", () => {
  it('gives each section its own anchor', () => {
    const all = CLINIC_SECTIONS.map((s) => s.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('shows each role the sections whose calls its permissions allow', () => {
    expect(ids(['support'])).toEqual([
      'contacts',
      'doors',
      'hl7',
      'hl7-results',
      'gateways',
      'traffic',
      'inbound',
      'deliveries',
      'messages',
      'incidents',
      'onboarding',
    ]);
    // Assistants do not read the deliveries list (support's), but see messages and incidents.
    expect(ids(['assistant'])).toEqual([
      'contacts',
      'doors',
      'hl7',
      'traffic',
      'messages',
      'incidents',
    ]);
    expect(ids(['clinic'])).toEqual([]);
  });
});

import { RoutingRules } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { draftOf, draftProblems, formField, ruleList, rulesOf, toFormErrors } from './draft';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const G = '00000000-0000-4000-8000-000000000001';

const stored = RoutingRules.parse({
  pinnedCentreByClinic: { [A]: G },
  priorityOverrides: [{ priority: 'stat', centreId: G }],
  slaMinutes: {
    default: 50,
    byPriority: { stat: 10 },
    byClinic: { [B]: 40 },
    byProgramme: { UK: 45 },
  },
  onCentreClose: 'flag',
  escalationLeadMinutes: 5,
  cadTriage: { enabled: false, raiseTo: 'stat' },
});

describe('routing rules form', () => {
  it('round-trips stored rules through the form unchanged', () => {
    expect(RoutingRules.parse(rulesOf(draftOf(stored)))).toEqual(stored);
  });

  it('treats empty minutes as "no entry"', () => {
    const d = draftOf(stored);
    d.slaByPriority.stat = '';
    d.slaByProgramme.UK = '';
    const rules = RoutingRules.parse(rulesOf(d));
    expect(rules.slaMinutes.byPriority).toEqual({});
    expect(rules.slaMinutes.byProgramme).toEqual({});
  });

  it('reports half-filled rows and clinics listed twice', () => {
    const d = draftOf(stored);
    d.pins.push({ clinicId: null, centreId: G }, { clinicId: A, centreId: G });
    d.overrides.push({ priority: 'urgent', centreId: null });
    expect(draftProblems(d)).toEqual({
      'pins.1': 'Choose a clinic and a centre, or remove the row',
      'pins.2': 'Listed twice: keep one row',
      'overrides.1': 'Choose a priority and a centre, or remove the row',
    });
  });

  it('maps rule paths to form fields', () => {
    const d = draftOf(stored);
    expect(formField(`pinnedCentreByClinic.${A}`, d)).toBe('pins.0');
    expect(formField(`slaMinutes.byClinic.${B}`, d)).toBe('slaByClinic.0');
    expect(formField('slaMinutes.default', d)).toBe('slaDefault');
    expect(formField('slaMinutes.byPriority.stat', d)).toBe('slaByPriority.stat');
    expect(formField('priorityOverrides.0.centreId', d)).toBe('overrides.0');
    expect(formField('escalationLeadMinutes', d)).toBe('escalationLeadMinutes');
    expect(toFormErrors({ 'slaMinutes.default': 'Too small' }, d)).toEqual({
      slaDefault: 'Too small',
    });
  });
});

describe('ruleList', () => {
  it('adds, changes and removes rows of one list, leaving the rest of the draft as it was', () => {
    let d = draftOf(stored);
    const update = (fn: (x: typeof d) => typeof d) => (d = fn(d));
    const pins = ruleList(update, 'pins');
    pins.add({ clinicId: null, centreId: null });
    pins.patch(1, { clinicId: B });
    pins.patch(1, { centreId: G });
    expect(d.pins).toEqual([
      { clinicId: A, centreId: G },
      { clinicId: B, centreId: G },
    ]);
    pins.remove(0);
    expect(d.pins).toEqual([{ clinicId: B, centreId: G }]);
    expect(d.overrides).toEqual(draftOf(stored).overrides);
    expect(d.slaByClinic).toEqual(draftOf(stored).slaByClinic);
  });
});

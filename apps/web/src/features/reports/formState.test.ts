import {
  GENERIC_GRADED,
  ReportContent,
  UK_UKTBTI,
  US_DS3030,
  hasBlockingIssues,
  validateReport,
  type FormItem,
} from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import {
  emptyContent,
  fieldAnchor,
  itemIssues,
  markNormal,
  setGrade,
  switchForm,
  toggleExtraView,
  toggleItem,
  toggleRecommendation,
  updateFinding,
} from './formState';
import { reportKeyAction } from './reportKeys';

const item = (form: typeof UK_UKTBTI, id: string): FormItem => {
  const found = form.items.find((i) => i.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('form state → ReportContent', () => {
  it('starts as a valid empty draft of the form that the contract schema accepts', () => {
    const c = emptyContent(UK_UKTBTI);
    expect(ReportContent.parse(c)).toEqual(c);
    expect(validateReport(UK_UKTBTI, c, 'draft')).toEqual([]);
  });

  it('ticks an item as its canonical finding, then records side, sorted zones and a note', () => {
    let c = toggleItem(emptyContent(UK_UKTBTI), item(UK_UKTBTI, '4.7'), true);
    expect(c.findings).toEqual([{ code: 'cavity', formItem: '4.7' }]);
    c = updateFinding(c, 0, { side: 'right', zones: ['lower', 'upper'], note: 'thick wall' });
    expect(c.findings[0]).toEqual({
      code: 'cavity',
      formItem: '4.7',
      side: 'right',
      zones: ['upper', 'lower'],
      note: 'thick wall',
    });
    // Clearing drops the keys rather than storing empty values.
    c = updateFinding(c, 0, { zones: [], note: '' });
    expect(c.findings[0]).toEqual({ code: 'cavity', formItem: '4.7', side: 'right' });
    expect(toggleItem(c, item(UK_UKTBTI, '4.7'), false).findings).toEqual([]);
  });

  it('builds a signable UK report that validation accepts', () => {
    let c = emptyContent(UK_UKTBTI);
    c = toggleItem(c, item(UK_UKTBTI, '4.7'), true);
    c = updateFinding(c, 0, { side: 'left', zones: ['upper'] });
    c = setGrade(c, 2);
    c = toggleRecommendation(c, 'sputum_testing', true);
    c = { ...c, result: 'old_or_active_tb', comparison: 'no_prior', impression: 'Cavity LUZ.' };
    expect(validateReport(UK_UKTBTI, ReportContent.parse(c), 'final')).toEqual([]);
  });

  it('grading "unreadable" ticks Retake, so an unreadable report can be signed', () => {
    const c = setGrade(emptyContent(US_DS3030), 4);
    expect(c.recommendations).toEqual(['retake']);
    const issues = validateReport(
      US_DS3030,
      { ...c, quality: { grade: 4, reasons: ['motion'] } },
      'final',
    );
    expect(hasBlockingIssues(issues)).toBe(false);
  });

  it('links extra views and their recommendation both ways', () => {
    let c = toggleExtraView(emptyContent(GENERIC_GRADED), 'lordotic', true);
    expect(c.recommendations).toEqual(['extra_views']);
    c = toggleRecommendation(c, 'extra_views', false);
    expect(c.extraViews).toEqual([]);
  });

  it('marks normal in one move without discarding ticked findings', () => {
    const c = markNormal(emptyContent(US_DS3030), US_DS3030);
    expect(c).toMatchObject({ result: 'normal', quality: { grade: 1 }, comparison: 'no_prior' });
    expect(validateReport(US_DS3030, c, 'final')).toEqual([]);
    const withFinding = toggleItem(emptyContent(US_DS3030), item(US_DS3030, 'cavity'), true);
    expect(markNormal(withFinding, US_DS3030).findings).toHaveLength(1);
  });

  it('moves a report to another form by canonical finding and says what it dropped', () => {
    let c = emptyContent(UK_UKTBTI);
    c = toggleItem(c, item(UK_UKTBTI, '4.7'), true);
    c = toggleItem(c, item(UK_UKTBTI, '1.2'), true);
    c = { ...c, result: 'normal', notTaken: undefined };
    const moved = switchForm(c, US_DS3030);
    expect(moved.content.formId).toBe(US_DS3030.id);
    expect(moved.content.findings).toEqual([{ code: 'cavity', formItem: 'cavity' }]);
    expect(moved.dropped).toEqual(['Bony islet']);
    expect(moved.content.result).toBe('normal');
    expect(switchForm({ ...c, result: 'non_tb' }, US_DS3030).content.result).toBeUndefined();
  });

  it('routes finding issues to their item and anchors fields for the summary', () => {
    let c = toggleItem(emptyContent(UK_UKTBTI), item(UK_UKTBTI, '4.2'), true);
    c = { ...c, result: 'old_or_active_tb' };
    const issues = validateReport(UK_UKTBTI, c, 'final');
    expect(itemIssues(issues, c, '4.2').map((i) => i.message)).toEqual([
      expect.stringMatching(/Give the side/),
    ]);
    expect(fieldAnchor('findings.0', c)).toBe('report-item-4_2');
    expect(fieldAnchor('extraViews', c)).toBe('report-recommendations');
  });
});

describe('report keys', () => {
  const key = (over: Partial<Parameters<typeof reportKeyAction>[0]>) =>
    reportKeyAction({
      key: '',
      code: '',
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      ...over,
    });

  it('needs Ctrl or Alt, so the viewer keeps its single letters', () => {
    expect(key({ code: 'KeyS', ctrlKey: true })).toBe('save');
    expect(key({ key: 'Enter', ctrlKey: true })).toBe('sign');
    expect(key({ code: 'KeyN', altKey: true })).toBe('normal');
    for (const letter of 'WZPIRHVMLAETC') expect(key({ code: `Key${letter}` })).toBeNull();
    expect(key({ code: 'Digit1', altKey: true })).toBeNull();
  });
});

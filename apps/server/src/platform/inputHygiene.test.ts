import { describe, expect, it } from 'vitest';
import { checkBody, checkParams, checkPath, checkQuery } from './inputHygiene';

describe('input hygiene checks', () => {
  it('finds traversal in the raw path, encoded or not, and lets ordinary paths pass', () => {
    for (const url of [
      '/dicomweb/studies/....//1.2',
      '/api/studies/..',
      '/dicomweb/studies/%2e%2e%2f%2e%2e',
      '/api/a%5cb',
      '//api/studies',
      '/api/%E0%A4%A',
    ])
      expect(checkPath(url), url).toMatchObject({ reason: 'path_traversal' });
    expect(checkPath('/api/x%00y')).toMatchObject({ reason: 'control_character' });
    for (const url of ['/', '/api/studies/1.2.3?x=..', '/api/tasks/', '/assets/index-abc.js'])
      expect(checkPath(url), url).toBeNull();
  });

  it('checks parameters for controls, length, UIDs and traversal', () => {
    expect(checkParams({ id: 'a\u0001' })).toMatchObject({ reason: 'control_character' });
    expect(checkParams({ id: 'a'.repeat(129) })).toMatchObject({ reason: 'too_long' });
    expect(checkParams({ studyUid: '1.2.x' })).toMatchObject({ reason: 'invalid_uid' });
    // 65 characters: a UID is at most 64 (PS3.5 §9.1).
    expect(checkParams({ studyUid: `1.${'2'.repeat(63)}` })).toMatchObject({
      reason: 'invalid_uid',
    });
    expect(checkParams({ studyUid: `1.${'2'.repeat(62)}` })).toBeNull();
    expect(checkParams({ '*': '../../etc/passwd' })).toMatchObject({ reason: 'path_traversal' });
    expect(checkParams({ studyUid: '1.2.840.10008.1', id: crypto.randomUUID() })).toBeNull();
  });

  it('checks QIDO UID keys by keyword or tag, as single UIDs or lists', () => {
    expect(checkQuery({ StudyInstanceUID: '1.2.3,1.2.4' })).toBeNull();
    expect(checkQuery({ '0020000D': '1.2.3\\1.2.4' })).toBeNull();
    expect(checkQuery({ '0020000d': '1.2.3,' })).toMatchObject({ reason: 'invalid_uid' });
    expect(checkQuery({ SOPInstanceUID: '*' })).toMatchObject({ reason: 'invalid_uid' });
    expect(checkQuery({ PatientName: '\u0000*' })).toMatchObject({ reason: 'control_character' });
    expect(checkQuery({ PatientName: ['ok', 'b\u001b'] })).toMatchObject({
      key: 'PatientName',
    });
    expect(checkQuery({ clinicId: 'x'.repeat(200) })).toMatchObject({ reason: 'too_long' });
    expect(checkQuery({ q: 'x'.repeat(200), PatientName: 'DOE^*' })).toBeNull();
  });

  it('lets line breaks and tabs through in a body, nothing else below a space', () => {
    expect(checkBody({ text: 'line one\r\nline\ttwo' })).toBeNull();
    expect(checkBody({ a: [{ b: 'x\u0000' }] })).toMatchObject({ key: 'body.a.0.b' });
    expect(checkBody({ ['k\u0007']: 1 })).toMatchObject({ reason: 'control_character' });
    expect(checkBody(Buffer.from([0, 1, 2]))).toBeNull();
  });
});

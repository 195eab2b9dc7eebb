import { describe, expect, it } from 'vitest';
import { isDeskEvent } from './deskEvents';

describe('isDeskEvent', () => {
  it('refreshes on desk changes and reading-task events', () => {
    expect(isDeskEvent(JSON.stringify({ type: 'desk.changed', clinicId: 'c' }))).toBe(true);
    expect(isDeskEvent(JSON.stringify({ type: 'task.created', taskId: 't' }))).toBe(true);
  });
  it('ignores the greeting, notifications and anything malformed', () => {
    expect(isDeskEvent(JSON.stringify({ type: 'hello' }))).toBe(false);
    expect(isDeskEvent(JSON.stringify({ type: 'notification' }))).toBe(false);
    expect(isDeskEvent('not json')).toBe(false);
    expect(isDeskEvent(JSON.stringify(null))).toBe(false);
    expect(isDeskEvent(new ArrayBuffer(2))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { uuid7 } from '../../server/src/util/uuid7.js';

describe('case ids (UUID version 7)', () => {
  it('should be RFC 9562 version 7 ids that carry the time they were made', () => {
    // later than any time the other tests use, so that it holds whichever runs first (ids never go back in time)
    const at = Date.parse('2030-01-01T08:30:00Z');
    const id = uuid7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
  });

  it('should sort in the order they were made, within one millisecond too, and never repeat', () => {
    const start = Date.parse('2026-12-02T08:30:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) ids.push(uuid7(start + Math.floor(i / 5000)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should keep sorting after a clock that steps back', () => {
    const a = uuid7(Date.parse('2026-12-02T09:00:00Z'));
    const b = uuid7(Date.parse('2026-12-02T08:59:59Z'));
    expect(b > a).toBe(true);
  });
});

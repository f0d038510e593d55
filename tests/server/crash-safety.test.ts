import { describe, expect, it } from 'vitest';
import { runCrashSafety } from '../../scripts/crash-safety.js';

describe('crash safety', () => {
  it('should lose no acknowledged submission and duplicate none when the server is killed mid-stream', async () => {
    const report = await runCrashSafety({ submissions: 300, concurrency: 16 });
    expect(report.ackedBeforeKill).toBeGreaterThanOrEqual(150);
    expect(report.lost).toBe(0);
    expect(report.missingEvents).toBe(0);
    expect(report.duplicates).toBe(0);
    expect(report.casesAfter).toBe(300);
  }, 180_000);
});

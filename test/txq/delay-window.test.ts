import { describe, expect, it } from 'vitest';
import { DelayWindow } from '../../core/txq/delay-window.js';

describe('DelayWindow', () => {
  it('gives nearest-rank percentiles and nothing when empty', () => {
    const w = new DelayWindow(100);
    expect(w.percentile(99)).toBeUndefined();
    for (let i = 1; i <= 100; i++) w.add(101 - i); // 100..1, unsorted input
    expect(w.percentile(50)).toBe(50);
    expect(w.percentile(99)).toBe(99);
    expect(w.percentile(100)).toBe(100);
    expect(w.percentile(0)).toBe(1);
  });

  it('keeps only the most recent samples', () => {
    const w = new DelayWindow(4);
    for (const x of [1000, 1000, 1, 2, 3, 4]) w.add(x);
    expect(w.size).toBe(4);
    expect(w.percentile(100)).toBe(4);
  });
});

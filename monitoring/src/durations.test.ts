import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './durations';

describe('parseDuration and formatDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1d', 86_400_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '15', 'm', '1.5m', '15 m', '-1m'])('rejects %j with the expected form', (text) => {
    expect(() => parseDuration(text)).toThrow('is not a Prometheus duration (expected e.g. 30s, 15m, 1h30m)');
  });

  it.each([
    [45_000, '45s'],
    [960_000, '16m'],
    [5_400_000, '1h30m'],
    [90_500, '1m30s500ms'],
  ])('writes %i ms as %s, which reads back to the same', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});

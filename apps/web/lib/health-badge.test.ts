import { describe, expect, it } from 'vitest';
import { describeServiceMode } from './health-badge';

const all = (mode: 'real' | 'mock') => ({ run: mode, walkforward: mode, portfolio: mode, optimize: mode });

describe('describeServiceMode', () => {
  it('is real when no procedure is mocked', () => {
    expect(describeServiceMode({ procedures: all('real'), safeMode: false })).toEqual({ tone: 'real', mocked: [] });
  });
  it('is mock when every procedure is mocked', () => {
    expect(describeServiceMode({ procedures: all('mock'), safeMode: true }).tone).toBe('mock');
  });
  it('is hybrid and names the mocked procedures otherwise', () => {
    expect(describeServiceMode({ procedures: { ...all('real'), optimize: 'mock' }, safeMode: false })).toEqual({
      tone: 'hybrid',
      mocked: ['optimize'],
    });
  });
});

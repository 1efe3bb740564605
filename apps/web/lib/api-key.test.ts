import { describe, expect, it } from 'vitest';
import { maskApiKey } from './api-key';

describe('maskApiKey', () => {
  it('shows the key id of an API key, never its secret', () => {
    expect(maskApiKey('spk_abc123def456_' + 'x'.repeat(43))).toBe('spk_abc123def456_••••');
  });
  it('shows only the last four characters of another token', () => {
    expect(maskApiKey('f'.repeat(44) + '9a7b')).toBe('••••9a7b');
    expect(maskApiKey('short')).toBe('••••');
  });
});

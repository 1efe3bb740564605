import { afterEach } from 'vitest';

// Testing Library only cleans up automatically when test globals are on; they
// are off here. Pure-function test files run in the node environment and
// skip loading React altogether.
if (typeof document !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => {
    cleanup();
  });
}

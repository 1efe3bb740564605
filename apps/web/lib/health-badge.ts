import type { HealthOutput } from '@spark/api';

export type ModeTone = 'real' | 'mock' | 'hybrid';

/** How the home page presents the service mode: all real, all mock, or a mix that names the mocked procedures. */
export function describeServiceMode(health: Pick<HealthOutput, 'procedures' | 'safeMode'>): { tone: ModeTone; mocked: string[] } {
  const mocked = Object.entries(health.procedures)
    .filter(([, mode]) => mode === 'mock')
    .map(([key]) => key);
  if (mocked.length === 0) return { tone: 'real', mocked };
  if (mocked.length === Object.keys(health.procedures).length) return { tone: 'mock', mocked };
  return { tone: 'hybrid', mocked };
}

/**
 * Warms the server runtime at start (PGlite's initdb and the migrations take
 * seconds on two cores) so the first request does not pay for it; readiness is
 * gated on /api/health.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getServerDeps } = await import('@spark/api/server');
  await getServerDeps();
}

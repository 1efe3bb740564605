import type { NextConfig } from 'next';

const config: NextConfig = {
  // Native bindings and process-wide registries must be loaded by Node, not bundled
  // (a bundled prom-client would give instrumentation.ts its own registry).
  serverExternalPackages: ['@duckdb/node-api', '@electric-sql/pglite', 'prom-client', 'pg', 'tinypool'],
  transpilePackages: ['@spark/api', '@spark/db', '@spark/engine', '@spark/ui'],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default config;

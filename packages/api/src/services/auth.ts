/**
 * Credentials. Viewers send no token; traders and admins send
 * `Authorization: Bearer <token>`. A token is either ADMIN_TOKEN from the
 * environment or an API key `spk_<id>_<secret>` whose secret's SHA-256 is
 * stored. Every comparison is constant-time, and an unknown key id is compared
 * against a dummy hash so its timing matches a wrong secret.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { findActiveApiKey, hasActiveAdminKey, insertApiKey, touchApiKey, type ApiKeyRole, type Database } from '@spark/db';

export type Role = 'viewer' | 'trader' | 'admin';
export const roleRank: Record<Role, number> = { viewer: 0, trader: 1, admin: 2 };

export interface Principal {
  role: Role;
  /** Who, for audit and rate limits: `viewer@<ip>`, `key:<id>` or `admin-token`. */
  actor: string;
  keyId: string | undefined;
}

export type AuthFailureReason = 'malformed_header' | 'invalid_token' | 'revoked_or_unknown_key';

export class AuthFailure extends Error {
  override readonly name = 'AuthFailure';
  constructor(readonly reason: AuthFailureReason, message: string) {
    super(message);
  }
}

/** By name, not instanceof: the module may be loaded twice in one Next.js process. */
export function isAuthFailure(value: unknown): value is AuthFailure {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AuthFailure' && typeof (value as { reason?: unknown }).reason === 'string';
}

const keyPattern = /^spk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const dummyHash = sha256('spark-dummy-secret-for-constant-time-miss');

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time equality of two secrets of any length (compared as SHA-256 digests). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

export interface AuthConfig {
  /** SHA-256 of ADMIN_TOKEN, when set. */
  adminTokenHash: Buffer | undefined;
}

export function authConfigFrom(adminToken: string | undefined): AuthConfig {
  return { adminTokenHash: adminToken ? sha256(adminToken) : undefined };
}

/** Resolves the caller from the Authorization header; throws AuthFailure for any credential that does not check out. */
export async function authenticate(
  db: Database,
  config: AuthConfig,
  authorization: string | undefined,
  ip: string,
  now: () => number,
): Promise<Principal> {
  if (authorization === undefined || authorization.trim() === '') {
    return { role: 'viewer', actor: `viewer@${ip}`, keyId: undefined };
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) {
    throw new AuthFailure('malformed_header', 'Authorization header must be "Bearer <token>"');
  }
  const token = match[1]!;
  const presented = sha256(token);
  if (config.adminTokenHash && timingSafeEqual(presented, config.adminTokenHash)) {
    return { role: 'admin', actor: 'admin-token', keyId: undefined };
  }
  const parts = keyPattern.exec(token);
  if (!parts) throw new AuthFailure('invalid_token', 'invalid token');
  const [, id, secret] = parts;
  const row = await findActiveApiKey(db, id!);
  const stored = row ? Buffer.from(row.secretHash, 'hex') : dummyHash;
  const ok = timingSafeEqual(sha256(secret!), stored.length === 32 ? stored : dummyHash) && row !== undefined;
  if (!ok) throw new AuthFailure('revoked_or_unknown_key', 'invalid, revoked or unknown API key');
  await touchApiKey(db, row.id, new Date(now()));
  return { role: row.role, actor: `key:${row.id}`, keyId: row.id };
}

/** Mints a key; the plaintext token is returned once and never stored. */
export async function createApiKey(
  db: Database,
  input: { name: string; role: ApiKeyRole; createdBy: string },
): Promise<{ id: string; token: string }> {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await insertApiKey(db, { id, name: input.name, role: input.role, secretHash: sha256(secret).toString('hex'), createdBy: input.createdBy });
  return { id, token: `spk_${id}_${secret}` };
}

/**
 * With no ADMIN_TOKEN and no active admin key, mints one admin key and returns
 * its token for the start command to print once; otherwise undefined.
 */
export async function ensureBootstrapAdmin(db: Database, adminTokenConfigured: boolean): Promise<string | undefined> {
  if (adminTokenConfigured || (await hasActiveAdminKey(db))) return undefined;
  const { token } = await createApiKey(db, { name: 'bootstrap admin (printed once at first start)', role: 'admin', createdBy: 'boot' });
  return token;
}

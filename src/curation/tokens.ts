/**
 * API tokens: who may write. A token is shown once, when it is made (`coauthor-graph token create`),
 * and only its SHA-256 is stored, in PostgreSQL (`api_tokens`) or, without a database, in a file of
 * mode 0600 (default `$XDG_CONFIG_HOME/coauthor-graph/tokens.json`, i.e. ~/.config/coauthor-graph/tokens.json).
 * Revoked tokens stay listed (with when), so the audit log's "token 3" always names something.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Database } from '../db/database.ts';
import { readRegularFile, withFileLock, writeFileAtomic } from '../files/atomic-file.ts';

export const roles = ['curator', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface TokenInfo {
  readonly id: string;
  readonly role: Role;
  readonly label: string | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export interface TokenStore {
  /** A new token: `token` is the secret, shown once. */
  create(role: Role, label: string | null): Promise<{ id: string; token: string }>;
  /** The token's holder, or null when the token is unknown or revoked. */
  verify(token: string): Promise<{ id: string; role: Role } | null>;
  revoke(id: string): Promise<boolean>;
  list(): Promise<TokenInfo[]>;
}

const PREFIX = 'cgt_';

export function newToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a role may do what `needed` may: an admin may do everything a curator may. */
export function allows(role: Role, needed: Role): boolean {
  return role === 'admin' || role === needed;
}

export function defaultTokenFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(base, 'coauthor-graph', 'tokens.json');
}

interface StoredToken {
  id: string;
  hash: string;
  role: Role;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export function fileTokenStore(path: string): TokenStore {
  const read = (): StoredToken[] => {
    const bytes = readRegularFile(path, { maxBytes: 16 * 1024 * 1024 });
    if (bytes === null) return [];
    const parsed = JSON.parse(bytes.toString('utf8')) as { tokens?: StoredToken[] };
    if (!Array.isArray(parsed.tokens)) throw new Error(`${path} is not a token file`);
    return parsed.tokens;
  };
  const change = <T>(work: (tokens: StoredToken[]) => T): T => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    return withFileLock(path, () => {
      const tokens = read();
      const result = work(tokens);
      writeFileAtomic(path, `${JSON.stringify({ tokens }, null, 1)}\n`, { mode: 0o600 });
      chmodSync(path, 0o600); // an existing file keeps its mode: this one is always private
      return result;
    });
  };
  return {
    create: async (role, label) =>
      change((tokens) => {
        const token = newToken();
        const id = String(tokens.reduce((max, t) => Math.max(max, Number(t.id)), 0) + 1);
        tokens.push({ id, hash: hashToken(token), role, label, createdAt: new Date().toISOString(), revokedAt: null });
        return { id, token };
      }),
    verify: async (token) => {
      const hash = Buffer.from(hashToken(token), 'hex');
      const found = read().find(
        (stored) => stored.revokedAt === null && timingSafeEqual(Buffer.from(stored.hash, 'hex'), hash),
      );
      return found === undefined ? null : { id: found.id, role: found.role };
    },
    revoke: async (id) =>
      change((tokens) => {
        const found = tokens.find((stored) => stored.id === id && stored.revokedAt === null);
        if (found === undefined) return false;
        found.revokedAt = new Date().toISOString();
        return true;
      }),
    list: async () =>
      read().map((stored) => ({
        id: stored.id,
        role: stored.role,
        label: stored.label,
        createdAt: new Date(stored.createdAt),
        revokedAt: stored.revokedAt === null ? null : new Date(stored.revokedAt),
      })),
  };
}

export function postgresTokenStore(database: Database): TokenStore {
  return {
    create: async (role, label) => {
      const token = newToken();
      const { rows } = await database.query<{ id: string }>(
        'INSERT INTO api_tokens (token_hash, role, label) VALUES ($1, $2, $3) RETURNING id',
        [hashToken(token), role, label],
      );
      return { id: String(rows[0]?.id), token };
    },
    verify: async (token) => {
      const { rows } = await database.query<{ id: string; role: Role }>(
        'SELECT id, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
        [hashToken(token)],
      );
      return rows[0] === undefined ? null : { id: String(rows[0].id), role: rows[0].role };
    },
    revoke: async (id) => {
      if (!/^\d{1,18}$/u.test(id)) return false;
      const result = await database.query(
        'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
        [id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    list: async () => {
      const { rows } = await database.query<{
        id: string;
        role: Role;
        label: string | null;
        created_at: Date;
        revoked_at: Date | null;
      }>('SELECT id, role, label, created_at, revoked_at FROM api_tokens ORDER BY id');
      return rows.map((row) => ({
        id: String(row.id),
        role: row.role,
        label: row.label,
        createdAt: row.created_at,
        revokedAt: row.revoked_at,
      }));
    },
  };
}

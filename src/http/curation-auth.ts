/**
 * Who may write. Queries stay open; a mutation needs `Authorization: Bearer <token>` (never a cookie,
 * so a page of another site cannot make a browser send it: no CSRF), checked before it runs:
 * - none, malformed, unknown or revoked: `UNAUTHENTICATED`, 401, with `WWW-Authenticate: Bearer`;
 * - more than `maxPerMinute` mutations with one token in the last minute: `RATE_LIMITED`, 429, with
 *   `Retry-After`;
 * - the token store unreachable (PostgreSQL down): `UNAVAILABLE`, 503.
 * Roles: curator and admin may curate; reverting another token's change takes admin (`FORBIDDEN`,
 * 403, from the resolver). The token itself never reaches the context or the log: only its id and role.
 */
import { type DocumentNode, OperationTypeNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type ErrorDefinition, codedError, errors } from '../api/errors.ts';
import type { TokenStore } from '../curation/tokens.ts';
import { errorMessage } from '../error-message.ts';

export const DEFAULT_MUTATIONS_PER_MINUTE = 60;

export interface CurationAuthOptions {
  readonly tokens: TokenStore;
  readonly maxPerMinute?: number;
  readonly now?: () => number;
}

export function useCurationAuth(options: CurationAuthOptions): Plugin {
  const maxPerMinute = options.maxPerMinute ?? DEFAULT_MUTATIONS_PER_MINUTE;
  const now = options.now ?? Date.now;
  const recent = new Map<string, number[]>();
  return {
    async onExecute({ args, extendContext, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document as DocumentNode, args.operationName as string | null | undefined);
      if (operation?.operation !== OperationTypeNode.MUTATION) return;
      const stop = <P>(definition: ErrorDefinition<P>, params: P) =>
        setResultAndStopExecution({ errors: [codedError(definition, params)] });
      const request = (args.contextValue as { request?: Request }).request;
      const header = request?.headers.get('authorization') ?? null;
      const match = header === null ? null : /^Bearer[ ]+([A-Za-z0-9_\-.~+/]+=*)$/u.exec(header.trim());
      if (match === null) {
        stop(header === null ? errors.tokenMissing : errors.tokenMalformed, {});
        return;
      }
      let holder;
      try {
        holder = await options.tokens.verify(match[1] as string);
      } catch (error) {
        stop(errors.tokensUnavailable, { reason: errorMessage(error) });
        return;
      }
      if (holder === null) {
        stop(errors.tokenUnknown, {});
        return;
      }
      const at = now();
      const times = (recent.get(holder.id) ?? []).filter((time) => time > at - 60_000);
      if (times.length >= maxPerMinute) {
        const retry = Math.max(1, Math.ceil(((times[0] as number) + 60_000 - at) / 1000));
        recent.set(holder.id, times);
        stop(errors.mutationsRateLimited, { tokenId: String(holder.id), count: times.length, retrySeconds: retry });
        return;
      }
      times.push(at);
      recent.set(holder.id, times);
      extendContext({ writer: holder } as never);
    },
  };
}

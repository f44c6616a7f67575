/** What the explorer tells a curator for each error code a curation mutation gives (src/api/errors.ts). */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/web/api-client.ts';
import { curationErrorMessage } from '../../src/web/curation.ts';

describe('curation error messages', () => {
  it('explains each code, keeping the server message', () => {
    expect(curationErrorMessage(new ApiError('Sign in.', 'UNAUTHENTICATED'))).toBe(
      'UNAUTHENTICATED: The curator token was not accepted (unknown, revoked or mistyped). Enter a valid token. (Sign in.)',
    );
    expect(curationErrorMessage(new ApiError('No.', 'FORBIDDEN'))).toBe(
      'FORBIDDEN: This token may not make this change (its role does not allow it). (No.)',
    );
    expect(curationErrorMessage(new ApiError('Changed.', 'CONFLICT'))).toMatch(
      /^CONFLICT: Someone changed these authors at the same time; the page now shows their change\./u,
    );
    expect(curationErrorMessage(new ApiError('Slow down.', 'RATE_LIMITED'))).toMatch(
      /^RATE_LIMITED: Too many changes/u,
    );
  });

  it('shows other errors as the server gave them, and says when the server could not be reached', () => {
    expect(curationErrorMessage(new ApiError('No author has the id "x".', 'NOT_FOUND'))).toBe(
      'No author has the id "x".',
    );
    expect(curationErrorMessage(new TypeError('Failed to fetch'))).toBe(
      'Could not reach the server (Failed to fetch).',
    );
  });
});

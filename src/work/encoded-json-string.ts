/**
 * A string already escaped for JSON and encoded to UTF-8, made by the worker thread that produced the
 * string, so that writing it into a response costs the event loop a copy, not an escape and an
 * encoding (see src/http/large-strings.ts).
 */

/** The UTF-8 bytes of the string's JSON literal, without the quotes. */
export interface EncodedJsonString {
  readonly jsonUtf8: Uint8Array<ArrayBuffer>;
}

/** What a resolver returns in place of an encoded string: a short placeholder the response writer replaces. */
export interface LargeStrings {
  placeholder(value: EncodedJsonString): string;
}

export function encodeJsonString(value: string): EncodedJsonString {
  return { jsonUtf8: new TextEncoder().encode(JSON.stringify(value).slice(1, -1)) };
}

export function decodeJsonString(value: EncodedJsonString): string {
  return JSON.parse(`"${new TextDecoder().decode(value.jsonUtf8)}"`) as string;
}

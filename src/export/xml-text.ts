/** Text for XML attribute values and elements: escaped, and without the characters XML 1.0 forbids. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu;

/** Removes the characters XML 1.0 cannot hold at all (escaping does not help them). */
export function xmlSafe(value: string): string {
  return value.replace(FORBIDDEN, '');
}

export function xmlText(value: string | number): string {
  return xmlSafe(String(value)).replace(
    /[&<>"']/gu,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}

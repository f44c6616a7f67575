/** Offsets to 1-based line numbers (LF, CRLF or CR), by binary search over the line starts. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/gu)) starts.push((match.index ?? 0) + match[0].length);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

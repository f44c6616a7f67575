/**
 * Text from data files made safe to print to a terminal. A name or title may hold control characters
 * (an escape sequence `\x1b[2J` clears the screen, `\x1b]8;;...` writes a link, `\r` overwrites the
 * line) or bidirectional controls (U+202E makes the rest read backwards): every C0 control except line
 * feed and tab, DEL, every C1 control and the bidirectional controls are removed from what `check` and
 * `report` print.
 */
import type { CommandIO } from './io.ts';

const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function terminalSafe(text: string): string {
  return text.replace(UNPRINTABLE, '');
}

/** `io` with everything written through `terminalSafe`. */
export function terminalSafeIO(io: CommandIO): CommandIO {
  return { out: (text) => io.out(terminalSafe(text)), err: (text) => io.err(terminalSafe(text)) };
}

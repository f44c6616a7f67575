export function jf(label: string): void {
  if (process.env['JF_TRACE']) process.stderr.write(`JF ${performance.now().toFixed(1)} ${label}\n`);
}

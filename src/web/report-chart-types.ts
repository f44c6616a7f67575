/** What the HTML report (src/commands/report-html.ts) hands its chart script (report-charts.ts): numbers only. */
export interface ReportChart {
  readonly id: string;
  /** `log-log`: points on logarithmic axes (distributions); `years`: lines over the years (growth). */
  readonly kind: 'log-log' | 'years';
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly { readonly label: string; readonly points: readonly (readonly [number, number])[] }[];
}

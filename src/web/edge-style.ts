/**
 * How a tie is drawn: width and opacity by joint papers, scaled to the drawing's density, so that ties stay
 * visible in a drawing of 30 people and in one of 200 people with 2,000 ties (where opaque lines would be one
 * grey blot). Pure functions, tested without a browser (tests/web/edge-style.test.ts).
 *
 * sigma.js blends with (ONE, ONE_MINUS_SRC_ALPHA), which expects colours premultiplied by their alpha: a plain
 * rgba() grey at 25 % opacity comes out white on a white page. `premultiplied` gives the colour sigma needs.
 */

/** Ties per 100 × 100-pixel cell of the drawing area. */
export function tieDensity(ties: number, widthPx: number, heightPx: number): number {
  return ties / Math.max(1, (Math.max(1, widthPx) * Math.max(1, heightPx)) / 10_000);
}

/** The opacity of a one-paper tie: 0.85 for a sparse drawing, falling as 1/√density, never below 0.16. */
export function baseOpacity(density: number): number {
  return Math.min(0.85, Math.max(0.16, 1.2 / Math.sqrt(Math.max(density, 0.5))));
}

export interface TieStyle {
  /** 0 to 1. */
  readonly opacity: number;
  /** Pixels at the initial zoom. */
  readonly width: number;
}

/** A tie of `jointPapers` in a drawing of `density` (tieDensity): stronger ties are wider and more opaque. */
export function tieStyle(jointPapers: number, density: number): TieStyle {
  const strength = Math.log2(Math.max(1, jointPapers));
  const opacity = Math.min(0.95, baseOpacity(density) * (1 + 0.8 * strength));
  const scale = Math.min(1.3, Math.max(0.75, Math.sqrt(8 / Math.max(density, 0.5))));
  return { opacity, width: Math.min(8, (1.2 + 1.1 * strength) * scale) };
}

/** `#rrggbb` at `opacity`, premultiplied for sigma's blending: `rgba(r·a, g·a, b·a, a)`. */
export function premultiplied(hex: string, opacity: number): string {
  const a = Math.min(1, Math.max(0, opacity));
  const channel = (offset: number) => Math.round(Number.parseInt(hex.slice(offset, offset + 2), 16) * a);
  return `rgba(${channel(1)},${channel(3)},${channel(5)},${Number(a.toFixed(3))})`;
}

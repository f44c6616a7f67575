/** How ties are drawn: width and opacity by joint papers and the drawing's density; colours premultiplied for sigma. */
import { describe, expect, it } from 'vitest';
import { baseOpacity, premultiplied, tieDensity, tieStyle } from '../../src/web/edge-style.ts';

describe('tie style', () => {
  it('measures density as ties per 100 × 100-pixel cell', () => {
    // The explorer's drawing area at 1440 × 900 is about 770 × 610 pixels: 46.97 cells.
    expect(tieDensity(2234, 770, 610)).toBeCloseTo(2234 / 46.97, 2);
    expect(tieDensity(89, 770, 610)).toBeCloseTo(1.895, 3);
    expect(tieDensity(10, 0, 0)).toBe(10); // not yet laid out: one cell
  });

  it('keeps one-paper ties nearly opaque when sparse and faint but visible when dense', () => {
    expect(baseOpacity(1.9)).toBe(0.85);
    expect(baseOpacity(47.6)).toBeCloseTo(1.2 / Math.sqrt(47.6), 10); // 0.174, Rico Sennrich's 200 authors
    expect(baseOpacity(10_000)).toBe(0.16);
  });

  it('draws stronger ties wider and more opaque, within bounds', () => {
    const dense = 47.6;
    const [one, two, thirteen] = [1, 2, 13].map((papers) => tieStyle(papers, dense));
    expect(one!.opacity).toBeLessThan(two!.opacity);
    expect(two!.opacity).toBeLessThan(thirteen!.opacity);
    expect(one!.width).toBeLessThan(thirteen!.width);
    expect(tieStyle(1000, 1).opacity).toBe(0.95);
    expect(tieStyle(1_000_000, 1).width).toBe(8);
    // Fewer ties, wider lines (up to 1.3 ×); many ties, thinner (down to 0.75 ×).
    expect(tieStyle(1, 1).width).toBeCloseTo(1.2 * 1.3, 10);
    expect(tieStyle(1, 500).width).toBeCloseTo(1.2 * 0.75, 10);
  });

  it('premultiplies the colour by its opacity (sigma blends with ONE, ONE_MINUS_SRC_ALPHA)', () => {
    expect(premultiplied('#cc79a7', 0.85)).toBe('rgba(173,103,142,0.85)');
    expect(premultiplied('#4d5566', 0)).toBe('rgba(0,0,0,0)');
    expect(premultiplied('#ffffff', 2)).toBe('rgba(255,255,255,1)');
  });
});

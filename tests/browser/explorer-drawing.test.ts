/**
 * The drawing itself, read back as pixels: ties are painted (the colour sigma was given for a tie is found on
 * screen halfway between two co-authors, and the background between two people who never wrote together),
 * they stay painted behind a collaboration path, and the most central people are labelled at every zoom level.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../helpers/browser.ts';
import { type ServingBrowserSession, startBrowserSession } from '../helpers/browser-session.ts';
import { bundledApp } from '../helpers/app.ts';

let session: ServingBrowserSession;

beforeAll(async () => {
  session = await startBrowserSession(bundledApp());
}, 60_000);

afterAll(async () => {
  await session?.close();
});

interface Point {
  x: number;
  y: number;
}
interface Drawing {
  nodes: { id: string; x: number; y: number; r: number; name: string; labelled: boolean }[];
  ties: { source: string; target: string; color: string; size: number }[];
}

/** Where everyone and every tie is on screen, from the explorer's test hooks (sigma's graphToViewport). */
async function drawing(page: Page): Promise<Drawing> {
  return page.evaluate(() => {
    const hooks = (window as any).coauthorExplorer;
    const labelled = new Set(hooks.labels().drawn);
    const buttons = [...document.querySelectorAll<HTMLElement>('#people-list [data-author]')];
    return {
      nodes: buttons.map((button) => {
        const id = button.dataset.author!;
        const name = button.firstElementChild!.textContent!;
        return { id, name, labelled: labelled.has(id), ...hooks.viewportPosition(id), r: hooks.nodeRadius(id) };
      }),
      ties: hooks.drawnTies(),
    };
  });
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

/** How far a point is from every node disc, label (right of its node, 12 px high, 8 px a letter at most) and tie other than `except` (pixels). */
function clearance(d: Drawing, p: Point, except: Drawing['ties'][number] | null): number {
  const at = new Map(d.nodes.map((n) => [n.id, n]));
  let least = Infinity;
  for (const n of d.nodes) {
    least = Math.min(least, Math.hypot(p.x - n.x, p.y - n.y) - n.r);
    if (!n.labelled) continue;
    const [left, right, top, bottom] = [n.x + n.r, n.x + n.r + 8 * n.name.length, n.y - 9, n.y + 9];
    least = Math.min(least, Math.hypot(Math.max(left - p.x, 0, p.x - right), Math.max(top - p.y, 0, p.y - bottom)));
  }
  for (const tie of d.ties) {
    if (tie === except) continue;
    least = Math.min(least, distanceToSegment(p, at.get(tie.source)!, at.get(tie.target)!) - tie.size);
  }
  return least;
}

/** The screen's pixels over the drawing, as RGB triples by (x, y) relative to #graph. */
async function pixels(page: Page): Promise<(p: Point) => number[]> {
  const box = (await page.locator('#graph').boundingBox())!;
  const png = (await page.screenshot({ clip: box })).toString('base64');
  const data = await page.evaluate(async (b64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const bytes = context.getImageData(0, 0, image.width, image.height).data;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { width: image.width, rgba: btoa(binary) };
  }, png);
  const rgba = Buffer.from(data.rgba, 'base64');
  return ({ x, y }) => {
    const i = (Math.floor(y) * data.width + Math.floor(x)) * 4;
    return [...rgba.subarray(i, i + 3)];
  };
}

/** What a premultiplied `rgba(r, g, b, a)` (what sigma is given, see edge-style.ts) looks like over `ground`. */
function over(color: string, ground: number[]): number[] {
  const [r, g, b, a] = color.match(/[\d.]+/gu)!.map(Number) as [number, number, number, number];
  return [r, g, b].map((c, i) => c + ground[i]! * (1 - a));
}

/**
 * Whether a pixel shows a line of colour `expected` over `ground`: a line under 2 pixels wide covers a pixel only
 * in part (antialiasing), so the pixel lies between the two colours; painted when at least a quarter covered, with no
 * other hue (a label or another line would add one).
 */
function showsLine(seen: number[], expected: number[], ground: number[]): boolean {
  const line = expected.map((c, i) => ground[i]! - c);
  const shift = seen.map((c, i) => ground[i]! - c);
  const coverage = line.reduce((sum, c, i) => sum + c * shift[i]!, 0) / line.reduce((sum, c) => sum + c * c, 0);
  const residual = Math.hypot(...shift.map((c, i) => c - coverage * line[i]!));
  return coverage >= 0.25 && coverage <= 1.1 && residual <= 15;
}

/** The share of the middle half of the segment a–b (a probe per pixel of length, ±1 pixel across) showing the line. */
function paintedShare(pixel: (p: Point) => number[], a: Point, b: Point, expected: number[], ground: number[]): number {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  const [nx, ny] = [-(b.y - a.y) / length, (b.x - a.x) / length];
  let found = 0;
  let probes = 0;
  for (let s = 0.25 * length; s <= 0.75 * length; s += 1) {
    probes += 1;
    const p = { x: a.x + ((b.x - a.x) * s) / length, y: a.y + ((b.y - a.y) * s) / length };
    const near = [-1, 0, 1].map((k) => pixel({ x: p.x + k * nx, y: p.y + k * ny }));
    if (near.some((seen) => showsLine(seen, expected, ground))) found += 1;
  }
  return found / probes;
}

/** The tie whose middle half is clearest of everything else, and two people never tied with the clearest midpoint. */
function probes(d: Drawing): { tie: Drawing['ties'][number]; onTie: Point; offTie: Point; untied: [string, string] } {
  const at = new Map(d.nodes.map((n) => [n.id, n]));
  const mid = (a: string, b: string): Point => ({
    x: (at.get(a)!.x + at.get(b)!.x) / 2,
    y: (at.get(a)!.y + at.get(b)!.y) / 2,
  });
  const middleClearance = (t: Drawing['ties'][number]): number => {
    const [a, b] = [at.get(t.source)!, at.get(t.target)!];
    let least = Infinity;
    for (let k = 0.25; k <= 0.75; k += 0.05)
      least = Math.min(least, clearance(d, { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k }, t));
    return least;
  };
  const scored = d.ties.map((t) => ({ t, score: middleClearance(t) }));
  const { t: tie } = scored.sort((p, q) => q.score - p.score)[0]!;
  const tied = new Set(d.ties.map((t) => [t.source, t.target].sort().join(' ')));
  const pairs = d.nodes.flatMap((a, i) =>
    d.nodes
      .slice(i + 1)
      .map((b) => [a.id, b.id] as [string, string])
      .filter((p) => !tied.has([...p].sort().join(' '))),
  );
  const untied = pairs.sort((p, q) => clearance(d, mid(...q), null) - clearance(d, mid(...p), null))[0]!;
  return { tie, onTie: mid(tie.source, tie.target), offTie: mid(...untied), untied };
}

describe.skipIf(!chromiumAvailable)('the drawing, read back as pixels', () => {
  it('paints ties in their colour between co-authors and nothing between people never tied, with and without a path', async () => {
    const page = await session.newPage();
    await page.goto(`${session.baseUrl}/?author=david-duvenaud`);
    await page.waitForFunction(() => document.getElementById('status')?.dataset.authors === '30');
    await page.getByRole('tab', { name: /People/u }).click();
    await page.waitForTimeout(500);
    const d = await drawing(page);
    expect(d.ties).toHaveLength(89);
    const { tie, onTie, offTie } = probes(d);
    expect(clearance(d, onTie, tie)).toBeGreaterThan(3); // nothing else drawn there
    expect(clearance(d, offTie, null)).toBeGreaterThan(6);
    const pixel = await pixels(page);
    const ground = pixel(offTie);
    expect(ground).toEqual([255, 255, 255]); // between two people never tied: the white page
    const at = new Map(d.nodes.map((n) => [n.id, n]));
    const [a, b] = [at.get(tie.source)!, at.get(tie.target)!];
    expect(paintedShare(pixel, a, b, over(tie.color, ground), ground)).toBeGreaterThan(0.7);
    expect(Math.max(...over(tie.color, ground).map((channel, i) => ground[i]! - channel))).toBeGreaterThan(40); // not near white

    // A path on top (red) leaves the other ties visible behind it, fainter.
    await page.goto(`${session.baseUrl}/?author=david-duvenaud&from=paul-vicol&to=jorn-henrik-jacobsen`);
    await page.locator('#path-summary').waitFor();
    await page.waitForTimeout(500);
    const withPath = await drawing(page);
    const behind = withPath.ties.find((t) => t.source === tie.source && t.target === tie.target)!;
    expect(behind.color).not.toBe(tie.color);
    const faded = over(behind.color, ground);
    expect(Math.max(...faded.map((channel, i) => ground[i]! - channel))).toBeGreaterThan(15);
    const moved = new Map(withPath.nodes.map((n) => [n.id, n])); // the legend grew: the drawing moved
    expect(
      paintedShare(await pixels(page), moved.get(tie.source)!, moved.get(tie.target)!, faded, ground),
    ).toBeGreaterThan(0.7);
    await page.close();
  });

  it('labels the most central people when zoomed out and in', async () => {
    const page = await session.newPage();
    await page.goto(`${session.baseUrl}/?author=david-duvenaud`);
    await page.waitForFunction(() => document.getElementById('status')?.dataset.authors === '30');
    const labels = () =>
      page.evaluate(() => (window as any).coauthorExplorer.labels() as { always: string[]; drawn: string[] });
    // √30 rounded: the five highest PageRanks of the drawing (the node size metric) whose labels do not overlap.
    expect((await labels()).always).toHaveLength(5);
    for (const ratio of [4, 2, 1]) {
      await page.evaluate((r) => (window as any).coauthorExplorer.zoom(r), ratio);
      await page.waitForTimeout(200);
      const { always, drawn } = await labels();
      expect(drawn).toEqual(expect.arrayContaining(always));
    }
    await page.close();
  });
});

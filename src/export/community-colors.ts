/**
 * Colours of communities 0, 1, 2, ...: the same in the explorer and in exported files, so a picture
 * in Gephi matches the one in the browser. Okabe–Ito-like hues, distinguishable with common colour
 * blindness for the largest communities; communities beyond the palette share a neutral grey.
 */
export const COMMUNITY_COLORS: readonly string[] = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#d55e00',
  '#56b4e9',
  '#8c6d1f',
  '#6a3d9a',
  '#b15928',
  '#1b9e77',
  '#e7298a',
  '#66a61e',
];

export const OTHER_COMMUNITY_COLOR = '#9a9a9a';

export function communityColor(community: number): string {
  return COMMUNITY_COLORS[community] ?? OTHER_COMMUNITY_COLOR;
}

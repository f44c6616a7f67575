/** The duplicate-author candidates as `check` prints them: one line per pair, then its evidence. */
import { duplicateCandidates } from '../analysis/duplicate-candidates.ts';
import type { CoauthorNetwork } from '../graph/network.ts';

export function formatCandidates(network: CoauthorNetwork, top: number): string[] {
  if (top === 0) return [];
  const candidates = duplicateCandidates(network);
  if (candidates.length === 0) return ['possible duplicate authors: none'];
  const shown = candidates.slice(0, top);
  return [
    `possible duplicate authors (${shown.length} of ${candidates.length}, most likely first; merge one with: coauthor-graph alias add "Variant" "Canonical"):`,
    ...shown.flatMap((candidate) => {
      const [kept, variant] = candidate.authors;
      const evidence = [
        ...candidate.nameReasons,
        `${candidate.sharedCoauthorIds.length} shared co-author(s)`,
        ...(candidate.sharedVenues.length > 0 ? [`${candidate.sharedVenues.length} shared venue(s)`] : []),
        ...(candidate.overlappingYears
          ? [`both active ${candidate.overlappingYears.from}–${candidate.overlappingYears.to}`]
          : []),
        ...(candidate.jointPaperCount > 0 ? [`wrote ${candidate.jointPaperCount} paper(s) together`] : []),
      ];
      return [
        `  ${candidate.score.toFixed(3)}  "${variant.name}" (${variant.id}, ${variant.paperIds.length} paper(s)) ~ "${kept.name}" (${kept.id}, ${kept.paperIds.length} paper(s))`,
        `         ${evidence.join('; ')}`,
      ];
    }),
  ];
}

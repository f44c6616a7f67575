/**
 * A fingerprint of a loaded network: its authors (ids and names), its papers (ids and titles) and
 * its ties. A worker that loads the same files must arrive at the same fingerprint; if the files
 * changed in between, the fingerprints differ and the worker's answers would not match the network
 * being served.
 */
import { createHash } from 'node:crypto';
import type { CoauthorNetwork } from '../graph/network.ts';

export function networkFingerprint(network: CoauthorNetwork): string {
  const hash = createHash('sha256');
  for (const author of network.authors.values()) hash.update(author.id).update('\u0000').update(author.name).update('\n');
  for (const paper of network.papers.values()) hash.update(paper.id).update('\u0000').update(paper.title).update('\n');
  const { compact } = network;
  hash.update(`${compact.order} ${compact.edgeCount} ${network.maxAuthorsPerPaper ?? 'none'}`);
  hash.update(new Uint8Array(compact.weights.buffer, compact.weights.byteOffset, compact.weights.byteLength));
  return hash.digest('hex');
}

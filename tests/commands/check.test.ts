import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

const badList = [
  'Header noise',
  'Doe, Jane',
  'A Good Paper',
  'Doe, Jane, Roe, Richard',
  'An abstract.',
  'A Broken Paper',
  'Doe, Jane, Roe',
  'Another abstract.',
  'Another Good Paper',
  'Roe, Richard, Poe, Edgar',
  'Third abstract.',
].join('\n');

describe('check', () => {
  it('prints the counts of the bundled data and exits 0', async () => {
    const io = captureIO();
    expect(await main(['check'], io)).toBe(0);
    expect(io.stdout).toContain('papers: 10\n');
    expect(io.stdout).toContain('authors: 30\n');
    expect(io.stdout).toContain('collaborations: 89\n');
    expect(io.stdout).toContain('problems: 0 error(s), 1 warning(s)');
  });

  it('reports papers over --max-authors-per-paper, which keep their authors but add no collaborations', async () => {
    const files = tempFiles({
      'papers.jsonl': [
        JSON.stringify({ id: 'big', title: 'A Big Team', authors: ['A One', 'B Two', 'C Three', 'D Four'] }),
        JSON.stringify({ id: 'small', title: 'A Small Team', authors: ['A One', 'B Two'] }),
      ].join('\n'),
    });
    const io = captureIO();
    expect(await main(['check', '--data', files['papers.jsonl']!, '--max-authors-per-paper', '3'], io)).toBe(0);
    expect(io.stdout).toContain('papers: 2\n');
    expect(io.stdout).toContain('authors: 4\n');
    expect(io.stdout).toContain('collaborations: 1\n');
    expect(io.stdout).toContain('papers over the author limit (3): 1 (kept as papers, no collaborations added)');
    const unlimited = captureIO();
    expect(await main(['check', '--data', files['papers.jsonl']!], unlimited)).toBe(0);
    expect(unlimited.stdout).toContain('collaborations: 6\n');
    expect(unlimited.stdout).not.toContain('author limit');
  });

  it('prints every problem with file:line and exits 1 when a record cannot be read', async () => {
    const files = tempFiles({
      'list.txt': badList,
      'papers.jsonl': '{"title": "Fine", "authors": ["A B"]}\n{"title": "", "authors": ["A B"]}\nnot json\n',
    });
    const io = captureIO();
    expect(await main(['check', '--data', files['list.txt']!, '--data', files['papers.jsonl']!], io)).toBe(1);
    expect(io.stdout).toContain(`${files['list.txt']}:7: error:`);
    expect(io.stdout).toContain(`${files['papers.jsonl']}:2: error:`);
    expect(io.stdout).toContain(`${files['papers.jsonl']}:3: error:`);
    expect(io.stdout).toContain('papers: 3\n'); // the good records around the bad ones still load
    expect(io.stdout).toContain('problems: 3 error(s)');
  });

  it('reports a missing file and an unknown extension instead of crashing', async () => {
    const io = captureIO();
    expect(await main(['check', '--data', '/no/such/file.txt', '--data', 'papers.xlsx'], io)).toBe(1);
    expect(io.stdout).toMatch(/\/no\/such\/file\.txt: error: cannot read file/u);
    expect(io.stdout).toMatch(/papers\.xlsx: error: cannot tell the format/u);
  });

  it('merges several files: the same paper from two files counts once and fills in missing fields', async () => {
    const files = tempFiles({
      'more.json': JSON.stringify([
        {
          id: 'doi:10.1/iresnet',
          title: 'Invertible residual networks',
          authors: ['Jens Behrmann', 'David Duvenaud', 'Jörn-Henrik Jacobsen'],
          year: 2019,
          venue: 'ICML',
        },
        { title: 'A New Paper', authors: ['David Duvenaud', 'Someone Else'], year: 2024 },
      ]),
    });
    const io = captureIO();
    expect(
      await main(
        [
          'check',
          '--data',
          'data/duvenaud-publications.txt',
          '--data',
          files['more.json']!,
          '--aliases',
          'data/aliases.json',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout).toContain('papers: 11 (1 duplicate records merged)');
    expect(io.stdout).toContain('authors: 31\n');
  });
});

describe('check: duplicate candidates', () => {
  it("prints the seed's two spellings of Jonathan Lorraine as the top candidate when no alias file merges them", async () => {
    const io = captureIO();
    expect(await main(['check', '--data', 'data/duvenaud-publications.txt'], io)).toBe(0);
    expect(io.stdout).toContain(
      [
        'possible duplicate authors (1 of 1, most likely first; merge one with: coauthor-graph alias add "Variant" "Canonical"):',
        '  0.735  "Jon Lorraine" (jon-lorraine, 1 paper(s)) ~ "Jonathan Lorraine" (jonathan-lorraine, 1 paper(s))',
        '         first names "jonathan" / "jon": a known short form; 3 shared co-author(s)',
      ].join('\n'),
    );
  });

  it('says there are none once the alias file merges them, and prints nothing with --candidates 0', async () => {
    const io = captureIO();
    expect(await main(['check'], io)).toBe(0);
    expect(io.stdout).toContain('possible duplicate authors: none');
    const quiet = captureIO();
    expect(await main(['check', '--candidates', '0'], quiet)).toBe(0);
    expect(quiet.stdout).not.toContain('possible duplicate authors');
  });
});

import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputKey } from '../../src/commands/input-key.ts';
import type { DataConfig } from '../../src/config.ts';
import { tempFiles } from '../helpers/files.ts';

describe('inputKey', () => {
  const files = tempFiles({
    'a.jsonl': '{"title": "T", "authors": ["A B"]}\n',
    'b.jsonl': '{"title": "U", "authors": ["C D"]}\n',
    'aliases.json': '{}',
  });
  const config: DataConfig = {
    files: [files['a.jsonl']!],
    aliasFile: null,
    inputFormat: null,
    maxAuthorsPerPaper: null,
  };

  it('is the same for the same bytes and options, wherever the file is', () => {
    const copy = tempFiles({ 'elsewhere.jsonl': '{"title": "T", "authors": ["A B"]}\n' });
    expect(inputKey(config)).toBe(inputKey({ ...config }));
    expect(inputKey({ ...config, files: [copy['elsewhere.jsonl']!] })).toBe(inputKey(config));
  });

  it('changes with any byte of a data or alias file, the file list, and every option that changes the network', () => {
    const keys = [
      inputKey(config),
      inputKey({ ...config, files: [files['a.jsonl']!, files['b.jsonl']!] }),
      inputKey({ ...config, aliasFile: files['aliases.json']! }),
      inputKey({ ...config, maxAuthorsPerPaper: 10 }),
      inputKey({ ...config, inputFormat: 'json' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    const before = inputKey(config);
    writeFileSync(files['a.jsonl']!, '{"title": "T", "authors": ["A C"]}\n');
    expect(inputKey(config)).not.toBe(before);
  });
});

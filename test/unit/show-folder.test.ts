import { describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { findClashes } from '../../orchestrator/launcher/show-folder.js';

const show = (file: string, yaml: string) => ({ file, config: parseShow(yaml, file, {}).config });

describe('show files run side by side', () => {
  const a = show('a.yaml', 'show: { id: a, name: A }\nserver: { port: 3001 }\n');
  const b = show('b.yaml', 'show: { id: b, name: B }\nserver: { port: 3002 }\n');

  it('GIVEN two shows on the default media ports WHEN media runs THEN both media ports clash, naming both files; with media off THEN nothing does', () => {
    expect(findClashes([a, b], { media: true })).toEqual([
      'a.yaml (media.rtmpPort) and b.yaml (media.rtmpPort) both use port 1935',
      'a.yaml (media.httpPort) and b.yaml (media.httpPort) both use port 8000',
    ]);
    expect(findClashes([a, b], { media: false })).toEqual([]);
  });

  it("GIVEN one show's server port is another's media port WHEN checked THEN that clashes too, and port 0 never does", () => {
    const c = show('c.yaml', 'show: { id: c, name: C }\nserver: { port: 0 }\nmedia: { rtmpPort: 3001, httpPort: 8001 }\n');
    const d = show('d.yaml', 'show: { id: d, name: D }\nserver: { port: 0 }\nmedia: { rtmpPort: 1936, httpPort: 8002 }\n');
    expect(findClashes([a, c, d], { media: true })).toEqual(['a.yaml (server.port) and c.yaml (media.rtmpPort) both use port 3001']);
  });
});

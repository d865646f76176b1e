import { describe, expect, it } from 'vitest';
import { routePlayback, routeUpgrade } from '../../media/playback-paths.js';

const o = { app: 'live', publicName: 'show', hls: true };

describe('what the media HTTP port lets through to node-media-server', () => {
  it('GIVEN the public stream WHEN requested THEN GET plays it (query dropped), HEAD and OPTIONS are answered here, other methods refused', () => {
    expect(routePlayback('GET', '/live/show.flv', o)).toEqual({ kind: 'flv', path: '/live/show.flv' });
    expect(routePlayback('GET', '/live/show.flv?t=1&x=%zz', o)).toEqual({ kind: 'flv', path: '/live/show.flv' });
    expect(routePlayback('HEAD', '/live/show.flv', o)).toEqual({ kind: 'head' });
    expect(routePlayback('OPTIONS', '/live/show.flv', o)).toEqual({ kind: 'preflight' });
    expect(routePlayback('POST', '/live/show.flv', o)).toEqual({ kind: 'refuse', status: 405 });
  });

  it('GIVEN any other stream path WHEN requested THEN it is refused before the library sees it', () => {
    for (const url of [
      '/live/a%20b.flv',
      '/live/sh.ow.flv',
      '/live/.flv',
      '/live/other.flv',
      '/other/show.flv',
      '/live/show/x.flv',
      '//live/show.flv',
      '/live/show.flv/',
      'live/show.flv',
      '/',
      `/live/${'x'.repeat(3000)}.flv`,
    ]) {
      expect([url, routePlayback('GET', url, o)]).toEqual([url, { kind: 'refuse', status: 404 }]);
    }
    expect(routePlayback('GET', undefined, o)).toEqual({ kind: 'refuse', status: 404 });
  });

  it('GIVEN HLS WHEN its files are requested THEN only playlist and segment names of the public stream pass, and none without HLS', () => {
    expect(routePlayback('GET', '/hls/show/index.m3u8', o)).toEqual({ kind: 'hls', path: '/hls/show/index.m3u8' });
    expect(routePlayback('HEAD', '/hls/show/seg-00001.ts?x', o)).toEqual({ kind: 'hls', path: '/hls/show/seg-00001.ts' });
    for (const url of ['/hls/../../etc/passwd', '/hls/show/../x.ts', '/hls/show/a/b.ts', '/hls/other/index.m3u8', '/hls/show/index.html']) {
      expect([url, routePlayback('GET', url, o).kind]).toEqual([url, 'refuse']);
    }
    expect(routePlayback('GET', '/hls/show/index.m3u8', { ...o, hls: false }).kind).toBe('refuse');
  });

  it('GIVEN WebSocket upgrades WHEN decided THEN only a viewer of the public stream passes', () => {
    expect(routeUpgrade('/live/show.flv?x=1', undefined, o)).toBe('/live/show.flv');
    expect(routeUpgrade('/', undefined, o)).toBeNull();
    expect(routeUpgrade('/live/a%20b.flv', undefined, o)).toBeNull();
    expect(routeUpgrade('/live/show.flv', 'publisher', o)).toBeNull();
    expect(routeUpgrade('/live/show.flv', 'chat, POST', o)).toBeNull();
  });
});

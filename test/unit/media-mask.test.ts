import { describe, expect, it } from 'vitest';
import { maskStreamUrl, scrubLibraryLine, targetDisplayUrl } from '../../media/mask.js';

describe('media masking', () => {
  it('GIVEN a target URL with its key WHEN shown THEN only the key is masked', () => {
    expect(targetDisplayUrl('rtmp://live.twitch.tv/app/', 'live_123456789_abcdef')).toBe('rtmp://live.twitch.tv/app/li****ef');
    expect(maskStreamUrl('rtmps://live-api-s.facebook.com:443/rtmp/FB-1234567890?s_bl=1&a=b')).toBe('rtmps://live-api-s.facebook.com:443/rtmp/FB****=b');
    expect(targetDisplayUrl('rtmp://a.rtmp.youtube.com/live2', undefined)).toBe('rtmp://a.rtmp.youtube.com/live2');
  });

  it('GIVEN library log lines naming stream paths and push URLs WHEN scrubbed THEN every name but the public one is masked', () => {
    expect(scrubLibraryLine('RTMP session abc 1.2.3.4:5 start push /live/obs-secret-key-1', 'show')).toBe(
      'RTMP session abc 1.2.3.4:5 start push /live/ob****-1',
    );
    expect(scrubLibraryLine('FLV session x 1.2.3.4:5 start play /live/show', 'show')).toBe('FLV session x 1.2.3.4:5 start play /live/show');
    expect(scrubLibraryLine('invalid stream path characters: app=live, name=my key!', 'show')).toBe('invalid stream path characters: app=live, name=****');
    expect(scrubLibraryLine('NodeRelayServer adding task: rtmp://h:1935/app/platform-key-42 → /live/show (push)', 'show')).toBe(
      'NodeRelayServer adding task: rtmp://h:1935/app/pl****42 → /live/show (push)',
    );
    expect(scrubLibraryLine('push /live/abcdefghijkl error, streamPath=/live/abcdefghijkl already has a publisher', 'show')).not.toContain('abcdefghijkl');
  });
});

import { describe, expect, it } from 'vitest';
import { planTarget, type TargetConfig } from '../../media/target-plan.js';

const rtmp: TargetConfig = { name: 'twitch', url: 'rtmp://live.twitch.tv/app', keyEnv: 'TWITCH_STREAM_KEY', enabled: true };
const rtmps: TargetConfig = { name: 'facebook', url: 'rtmps://live-api-s.facebook.com:443/rtmp/', keyEnv: 'FB_KEY', enabled: true };
const KEY = 'live_123456789_abcdef';

describe('how each target is restreamed', () => {
  it('GIVEN ffmpeg WHEN planning THEN every target goes through ffmpeg by default, with the key appended and masked for display', () => {
    expect(planTarget(rtmp, KEY, true, 'ffmpeg')).toEqual({
      name: 'twitch',
      displayUrl: 'rtmp://live.twitch.tv/app/li****ef',
      url: `rtmp://live.twitch.tv/app/${KEY}`,
      enabled: true,
      transport: 'ffmpeg',
      unavailable: null,
    });
    expect(planTarget(rtmps, KEY, true, 'push')).toMatchObject({ url: `rtmps://live-api-s.facebook.com:443/rtmp/${KEY}`, transport: 'ffmpeg' });
  });

  it('GIVEN push preferred or no ffmpeg WHEN planning a plain rtmp:// target THEN it uses the in-process push', () => {
    expect(planTarget(rtmp, KEY, true, 'push').transport).toBe('push');
    expect(planTarget(rtmp, KEY, false, 'ffmpeg').transport).toBe('push');
  });

  it('GIVEN no ffmpeg WHEN planning RTMPS or a key with a query string THEN the target reports that it needs ffmpeg', () => {
    expect(planTarget(rtmps, KEY, false, 'push')).toMatchObject({
      transport: null,
      unavailable: 'RTMPS targets need ffmpeg: install ffmpeg or set FFMPEG_PATH',
    });
    expect(planTarget(rtmp, 'abc?s_bl=1', false, 'push').unavailable).toMatch(/query string.*ffmpeg/);
    expect(planTarget(rtmp, 'abc?s_bl=1', true, 'push').transport).toBe('ffmpeg');
  });

  it('GIVEN no key in the environment WHEN planning THEN the target names the variable to set', () => {
    expect(planTarget({ ...rtmp, enabled: false }, undefined, true, 'ffmpeg')).toMatchObject({
      url: null,
      enabled: false,
      transport: null,
      unavailable: 'no stream key: set TWITCH_STREAM_KEY to restream to twitch',
    });
  });
});

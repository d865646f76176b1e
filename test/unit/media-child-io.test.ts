import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { childEnv, relogLine } from '../../media/child-io.js';
import { asFromChild, asToChild } from '../../media/child-protocol.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'trace', base: { app: 'showcart' } }, stream), lines };
}

describe('between showcart and its media process', () => {
  it('GIVEN a line the media process logged WHEN logged again here THEN level, message and fields are its own, time and bindings are ours', () => {
    const { log, lines } = capture();
    relogLine(
      log,
      JSON.stringify({
        level: 40,
        time: 1,
        pid: 99999,
        hostname: 'x',
        app: 'showcart',
        part: 'media',
        from: '10.0.0.1:5000',
        msg: 'publish refused: wrong app or stream key',
      }),
    );
    relogLine(log, JSON.stringify({ level: 20, msg: 'chatter', part: 'node-media-server' }));
    relogLine(log, 'not json');
    relogLine(log, '42');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 40, part: 'media', from: '10.0.0.1:5000', msg: 'publish refused: wrong app or stream key', app: 'showcart' });
    expect(lines[0]!.time).not.toBe(1);
    expect(lines[0]!.pid).toBeUndefined();
    expect(lines[1]).toMatchObject({ level: 20, part: 'node-media-server', msg: 'chatter' });
  });

  it("GIVEN showcart's environment WHEN the media process is started THEN it gets what node and ffmpeg need and no token", () => {
    const env = childEnv({ PATH: '/usr/bin', HOME: '/home/s', TELEGRAM_BOT_TOKEN: 't', SHOWCART_STREAM_KEY: 'k', DATABASE_URL: 'postgres://u:p@h/db' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/s' });
  });

  it('GIVEN messages of the wrong shape WHEN received THEN they are ignored', () => {
    expect(asFromChild({ t: 'ready', snapshot: {} })).not.toBeNull();
    expect(asFromChild({ t: 'nonsense' })).toBeNull();
    expect(asFromChild('ready')).toBeNull();
    expect(asFromChild(null)).toBeNull();
    expect(asToChild({ t: 'probe', id: 1 })).not.toBeNull();
    expect(asToChild({ t: 'publish' })).toBeNull();
  });
});

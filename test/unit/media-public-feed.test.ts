import { afterEach, describe, expect, it } from 'vitest';
import BaseSession from 'node-media-server/src/session/base_session.js';
import AVPacket from 'node-media-server/src/core/avpacket.js';
import Context from 'node-media-server/src/core/context.js';
import { PublicFeed } from '../../media/public-feed.js';

const VIDEO = 9;
const AUDIO = 8;

function packet(codec: number, flags: number, dts: number): AVPacket {
  const p = new AVPacket();
  p.codec_type = codec;
  p.flags = flags;
  p.dts = dts;
  p.pts = dts;
  p.data = Buffer.from([codec === VIDEO ? 0x17 : 0xaf, 1, 2, 3]);
  p.size = p.data.length;
  return p;
}

/** A reader of the feed that keeps the FLV tags it gets: [type, timestamp]. */
class Reader extends BaseSession {
  readonly tags: Array<[number, number]> = [];
  closed = false;
  constructor(external: boolean) {
    super();
    this.protocol = 'flv';
    this.ip = external ? '127.0.0.1:5000' : '';
    this.sendBuffer = (b: Buffer) => {
      if (b.length > 11 && b.subarray(0, 3).toString() !== 'FLV') this.tags.push([b[0]!, (b[7]! << 24) | (b[4]! << 16) | (b[5]! << 8) | b[6]!]);
    };
    this.close = () => {
      this.closed = true;
    };
  }
}

describe('the public feed viewers and restreams read', () => {
  let feed: PublicFeed;
  afterEach(() => feed.close());

  it('GIVEN a publisher that drops WHEN the next session restarts its timestamps THEN the feed goes on one frame after the last', () => {
    feed = new PublicFeed('live', 'show');
    const reader = new Reader(false);
    feed.subscribe(reader);
    feed.beginPublish();
    for (let t = 0; t <= 200; t += 100) feed.push(packet(VIDEO, t === 0 ? 3 : 4, t));
    for (let t = 0; t <= 46; t += 23) feed.push(packet(AUDIO, 1, t));
    feed.beginPublish();
    const v = packet(VIDEO, 3, 0);
    const a = packet(AUDIO, 1, 5);
    feed.push(v);
    feed.push(a);
    feed.push(packet(VIDEO, 4, 100));
    expect([v.dts, a.dts]).toEqual([300, 69]);
    expect(reader.tags.filter(([type]) => type === VIDEO).map(([, t]) => t)).toEqual([0, 100, 200, 300, 400]);
    expect(feed.bytesIn).toBe(9 * 4);
  });

  it('GIVEN the public path WHEN anyone else tries to publish to it THEN the library refuses: the stand-in holds it', () => {
    feed = new PublicFeed('live', 'show');
    const intruder = new BaseSession();
    intruder.ip = '10.0.0.9:1234';
    expect(Context.broadcasts.get('/live/show')!.postPublish(intruder)).toMatch(/already has a publisher/);
  });

  it('GIVEN a viewer and a late restream WHEN they join THEN the late one starts from the cached key frame; WHEN the show resets THEN viewers are let go', () => {
    feed = new PublicFeed('live', 'show');
    const viewer = new Reader(true);
    feed.subscribe(viewer);
    feed.push(packet(VIDEO, 3, 1000));
    feed.push(packet(VIDEO, 4, 1100));
    const late = new Reader(false);
    feed.subscribe(late);
    expect(late.tags).toEqual([
      [VIDEO, 1000],
      [VIDEO, 1100],
    ]);
    feed.reset();
    expect(viewer.closed).toBe(true);
    const next = packet(VIDEO, 3, 0);
    feed.beginPublish();
    feed.push(next);
    expect(next.dts).toBe(0);
    expect(Context.broadcasts.get('/live/show')!.subscribers.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { checkStreamKey, decidePublish, sameSecret, type GateState } from '../../media/ingest-gate.js';

const KEY = 'the-right-key-123456';
const gate = (over: Partial<GateState> = {}): GateState => ({ key: KEY, keyEnv: 'SHOWCART_STREAM_KEY', app: 'live', show: 'offline', ...over });
const obs = { protocol: 'rtmp', app: 'live', name: KEY };

describe('who may publish', () => {
  it('GIVEN the right key over RTMP WHEN offline THEN the show starts, and WHEN reconnecting THEN it resumes', () => {
    expect(decidePublish(obs, gate())).toEqual({ accept: true, resume: false });
    expect(decidePublish(obs, gate({ show: 'reconnecting' }))).toEqual({ accept: true, resume: true });
  });

  it('GIVEN a wrong key or app WHEN publishing THEN it is refused with one reason that does not say which part was wrong', () => {
    expect(decidePublish({ ...obs, name: 'the-right-key-12345' }, gate())).toEqual({ accept: false, reason: 'wrong app or stream key' });
    expect(decidePublish({ ...obs, app: 'other' }, gate())).toEqual({ accept: false, reason: 'wrong app or stream key' });
  });

  it('GIVEN no key configured WHEN anyone publishes THEN it is refused naming the variable to set', () => {
    expect(decidePublish(obs, gate({ key: undefined }))).toEqual({ accept: false, reason: 'no stream key: set SHOWCART_STREAM_KEY to accept OBS' });
  });

  it('GIVEN a publisher is live WHEN another comes with the right key THEN it is refused: one publisher per show', () => {
    const d = decidePublish(obs, gate({ show: 'live' }));
    expect(d.accept).toBe(false);
    expect(!d.accept && d.reason).toMatch(/one publisher per show/);
  });

  it('GIVEN the right key over HTTP-FLV or WebSocket WHEN publishing THEN it is refused: RTMP only', () => {
    expect(decidePublish({ ...obs, protocol: 'flv' }, gate())).toMatchObject({ accept: false, reason: expect.stringContaining('use RTMP') });
  });

  it('GIVEN stream keys WHEN checked THEN characters the library refuses, the public name and short keys are reported', () => {
    expect(sameSecret('a', 'a')).toBe(true);
    expect(sameSecret('a', 'b')).toBe(false);
    expect(checkStreamKey(undefined, 'show')).toEqual({ usable: false });
    expect(checkStreamKey('has space', 'show').usable).toBe(false);
    expect(checkStreamKey('show', 'show').usable).toBe(false);
    expect(checkStreamKey('short', 'show')).toMatchObject({ usable: true, problem: expect.stringContaining('short') });
    expect(checkStreamKey(KEY, 'show')).toEqual({ usable: true });
  });
});

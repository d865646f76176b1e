import { describe, expect, it } from 'vitest';
import { decidePublish, sameSecret, streamKeyProblem, type GateState } from '../../media/ingest-gate.js';

const KEY = 'the-right-key-123456';
const gate = (over: Partial<GateState> = {}): GateState => ({ key: KEY, keyEnv: 'SHOWCART_STREAM_KEY', app: 'live', show: 'offline', ...over });
const obs = { protocol: 'rtmp', app: 'live', name: KEY };

describe('who may publish', () => {
  it('GIVEN the right key over RTMP WHEN offline THEN the show starts, and WHEN reconnecting THEN it resumes', () => {
    expect(decidePublish(obs, gate())).toEqual({ accept: true, resume: false });
    expect(decidePublish(obs, gate({ show: 'reconnecting' }))).toEqual({ accept: true, resume: true });
  });

  it('GIVEN a wrong key or app WHEN publishing THEN it is refused with one reason that does not say which part was wrong', () => {
    expect(decidePublish({ ...obs, name: 'the-right-key-12345' }, gate())).toEqual({ accept: false, reason: 'wrong app or stream key', guess: true });
    expect(decidePublish({ ...obs, app: 'other' }, gate())).toEqual({ accept: false, reason: 'wrong app or stream key' });
  });

  it('GIVEN a refusal WHEN the name was compared with the key THEN it counts as a guess, and only then', () => {
    expect(decidePublish({ ...obs, name: 'x' }, gate())).toMatchObject({ guess: true });
    expect(decidePublish({ ...obs, name: 'x', app: 'other' }, gate())).not.toHaveProperty('guess');
    expect(decidePublish({ ...obs, protocol: 'flv' }, gate())).not.toHaveProperty('guess');
    expect(decidePublish(obs, gate({ show: 'live' }))).not.toHaveProperty('guess');
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

  it('GIVEN stream keys WHEN checked THEN characters the library refuses, the public name and keys under 16 characters are refused', () => {
    expect(sameSecret('a', 'a')).toBe(true);
    expect(sameSecret('a', 'b')).toBe(false);
    expect(streamKeyProblem('has space and is long enough', 'show')).toMatch(/letters, digits/);
    expect(streamKeyProblem('show', 'show')).toMatch(/public playback name/);
    expect(streamKeyProblem('fifteen-chars-x', 'show')).toBe('the stream key is too short: use 16 or more random characters');
    expect(streamKeyProblem('sixteen-chars-xy', 'show')).toBeNull();
    expect(streamKeyProblem(KEY, 'show')).toBeNull();
  });
});

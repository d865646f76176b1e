import { describe, expect, it } from 'vitest';
import { Bus } from '../../orchestrator/bus.js';

const live = { at: 1 };

describe('bus', () => {
  it('GIVEN a handler that unsubscribes another WHEN an event is emitted THEN both run this time and only the first the next', async () => {
    const bus = new Bus(() => undefined);
    const seen: string[] = [];
    let offB = () => {};
    bus.on('stream.live', () => {
      seen.push('a');
      offB();
    });
    offB = bus.on('stream.live', () => void seen.push('b'));
    await bus.emit('stream.live', live);
    await bus.emit('stream.live', live);
    expect(seen).toEqual(['a', 'b', 'a']);
  });

  it('GIVEN the same handler subscribed twice WHEN an event is emitted THEN it runs once, and one unsubscribe removes it', async () => {
    const bus = new Bus(() => undefined);
    let runs = 0;
    const handler = () => void runs++;
    const off = bus.on('stream.live', handler);
    bus.on('stream.live', handler);
    await bus.emit('stream.live', live);
    off();
    await bus.emit('stream.live', live);
    expect(runs).toBe(1);
  });

  it('GIVEN a failing async handler and a slow one WHEN an event is emitted THEN the emit waits for both and the failure is reported', async () => {
    const errors: string[] = [];
    const bus = new Bus((event) => errors.push(event));
    let slowDone = false;
    bus.on('stream.live', async () => {
      throw new Error('boom');
    });
    bus.on('stream.live', async () => {
      await new Promise((r) => setTimeout(r, 5));
      slowDone = true;
    });
    bus.on('stream.live', () => {
      throw new Error('sync boom');
    });
    await bus.emit('stream.live', live);
    expect(slowDone).toBe(true);
    expect(errors).toEqual(['stream.live', 'stream.live']);
  });
});

import { describe, expect, it } from 'vitest';
import { Bus } from '../../orchestrator/bus.js';

const live = { at: 1, data: {} };

describe('bus', () => {
  it('GIVEN a handler that unsubscribes another WHEN an event is emitted THEN both run this time and only the first the next', async () => {
    const bus = new Bus(() => undefined);
    const seen: string[] = [];
    let offB = () => {};
    bus.on('show.live', () => {
      seen.push('a');
      offB();
    });
    offB = bus.on('show.live', () => void seen.push('b'));
    await bus.emit('show.live', live);
    await bus.emit('show.live', live);
    expect(seen).toEqual(['a', 'b', 'a']);
  });

  it('GIVEN the same handler subscribed twice WHEN an event is emitted THEN it runs once, and one unsubscribe removes it', async () => {
    const bus = new Bus(() => undefined);
    let runs = 0;
    const handler = () => void runs++;
    const off = bus.on('show.live', handler);
    bus.on('show.live', handler);
    await bus.emit('show.live', live);
    off();
    await bus.emit('show.live', live);
    expect(runs).toBe(1);
  });

  it('GIVEN a failing async handler and a slow one WHEN an event is emitted THEN the emit waits for both and the failure is reported', async () => {
    const errors: string[] = [];
    const bus = new Bus((event) => errors.push(event));
    let slowDone = false;
    bus.on('show.live', async () => {
      throw new Error('boom');
    });
    bus.on('show.live', async () => {
      await new Promise((r) => setTimeout(r, 5));
      slowDone = true;
    });
    bus.on('show.live', () => {
      throw new Error('sync boom');
    });
    await bus.emit('show.live', live);
    expect(slowDone).toBe(true);
    expect(errors).toEqual(['show.live', 'show.live']);
  });

  it('GIVEN a tap WHEN facts are emitted THEN it hears each one once with its name, before the handlers', async () => {
    const bus = new Bus(() => undefined);
    const heard: string[] = [];
    bus.tap((e) => void heard.push(`tap:${e.type}`));
    bus.on('show.live', () => void heard.push('handler'));
    await bus.emit('show.live', live);
    await bus.emit('show.offline', live);
    expect(heard).toEqual(['tap:show.live', 'handler', 'tap:show.offline']);
  });

  it('GIVEN async handlers still running WHEN settled() is awaited THEN it resolves only once all of them (and those they started) have finished', async () => {
    const bus = new Bus(() => undefined);
    const done: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    bus.on('show.live', async () => {
      await gate;
      done.push('first');
      void bus.emit('show.offline', live);
    });
    bus.on('show.offline', async () => {
      await Promise.resolve();
      done.push('second');
    });
    void bus.emit('show.live', live);
    expect(bus.busy).toBe(true);
    const settled = bus.settled().then(() => done.push('settled'));
    release();
    await settled;
    expect(done).toEqual(['first', 'second', 'settled']);
    expect(bus.busy).toBe(false);
  });
});

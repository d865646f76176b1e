import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { ShowEventName, ShowEvents } from '../../orchestrator/bus.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { problemsOf } from '../support/config-problems.js';

const ANNA = { id: 'a1', name: 'Anna' };
const BEN = { id: 'b1', name: 'Ben' };

/** The rules around polls, in process: commands, the dashboard's typed polls, the show clock, ties. */
describe('poll rules through the app', () => {
  const web = new MemoryChannel('web', ['main']);
  let t: TestApp;
  /** Says a line and waits until the app has handled it and sent what it caused. */
  const say = async (user: typeof ANNA, text: string) => {
    await web.say(user, text);
    await t.app.idle();
  };
  /** The next `name` fact on the app's bus (for what the show clock starts on a timer). */
  const next = <K extends ShowEventName>(name: K) =>
    new Promise<ShowEvents[K]>((resolve) => {
      const off = t.app.bus.on(name, (payload) => {
        off();
        resolve(payload);
      });
    });

  beforeAll(async () => {
    const config = testConfig(`  - { sku: CAP, title: Cap, price: 5, stock: 20 }
channels: { web: { enabled: false } }
engagement:
  polls:
    - { id: opener, question: Coffee or tea?, options: [Coffee, Tea], duration: 10m, at: "00:00", features: [MUG, CAP] }`);
    t = await startTestApp(config, [web]);
  });
  afterAll(() => t.app.stop());

  it('GIVEN no poll WHEN a viewer votes THEN they are told none is running', async () => {
    await say(ANNA, '!vote 1');
    expect(web.texts()).toContain('No poll is running right now.');
  });

  it('GIVEN a poll with an "at" of 00:00 WHEN the show goes live THEN it opens by itself, and a second poll is refused while it runs', async () => {
    // The show clock opens the poll on a timer of its own once live.
    const opened = next('poll.started');
    await t.app.show.goLive(Date.now());
    await opened;
    await t.app.idle();
    expect(web.texts().some((x) => x.startsWith('📊 POLL: Coffee or tea?  1) Coffee  2) Tea'))).toBe(true);
    const second = await t.app.polls.start({ question: 'Cats or dogs?', options: ['Cats', 'Dogs'], durationMs: 60_000 });
    expect(second).toEqual({ ok: false, reason: 'running', message: 'A poll is running already (opener); stop it first.' });
    expect(await t.app.polls.start({ id: 'nope' })).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('GIVEN the open poll WHEN a viewer picks an option that does not exist THEN the reply says how to vote', async () => {
    const from = web.sent.length;
    await say(ANNA, '!vote 3');
    expect(
      web
        .texts()
        .slice(from)
        .find((x) => x.includes('has 2 options')),
    ).toBe('Coffee or tea? has 2 options. Vote with !vote 1 to !vote 2.');
  });

  it('GIVEN a tie WHEN the poll is stopped THEN it says so and features nothing', async () => {
    await say(ANNA, '!vote 1');
    await say(BEN, '!vote 2');
    expect(t.app.polls.current()?.total).toBe(2);
    expect(await t.app.polls.stop('opener')).toBe(true);
    expect(await t.app.polls.stop('opener')).toBe(false);
    await t.app.idle();
    expect(web.texts().some((x) => x.includes("it's a tie between Coffee and Tea"))).toBe(true);
    expect(t.app.show.featured).toBeUndefined();
  });

  it('GIVEN a poll typed on the dashboard WHEN it is invalid or valid THEN it is refused with the reason or runs with a new id', async () => {
    expect(await t.app.polls.start({ question: 'Size?', options: ['S'], durationMs: 60_000 })).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'A poll needs 2 to 12 options.',
    });
    const started = await t.app.polls.start({ question: 'Size?', options: ['S', 'M', 'L'], durationMs: 60_000 });
    expect(started).toMatchObject({ ok: true, poll: { question: 'Size?', total: 0 } });
    const id = started.ok ? started.poll.id : '';
    expect(id).toMatch(/^api-/);
    await say(BEN, '!vote 3');
    expect(t.app.polls.current()?.options[2]?.votes).toBe(1);
    expect(await t.app.polls.stop(id)).toBe(true);
    await t.app.idle();
    expect(web.texts().some((x) => x.includes('Poll closed: Size? — winner: L!'))).toBe(true);
  });
});

describe('polls in the show file', () => {
  it('GIVEN features that do not match the options WHEN the show is loaded THEN the line and key are named', () => {
    const problems = problemsOf(`show: { id: s, name: S }
products:
  - { sku: MUG, title: Mug, price: 12, stock: 3 }
engagement:
  polls:
    - id: next
      question: Which?
      options: [A, B, C]
      features: [MUG, NOPE]
`);
    expect(problems).toEqual([
      'show.yaml:9:7 engagement.polls[0].features: give one SKU per option (3 options, 2 SKUs)',
      'show.yaml:9:23 engagement.polls[0].features[1]: unknown SKU "NOPE" (not in products)',
    ]);
  });
});

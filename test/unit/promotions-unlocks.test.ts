import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from '../../orchestrator/chat-types.js';
import type { IssueCodeRequest } from '../../orchestrator/commerce/promo-issuer.js';
import type { FeatureServices } from '../../orchestrator/feature.js';
import { promotions } from '../../orchestrator/features/promotions/promotions.js';
import { featureHarness, MemoryIssuer } from '../support/feature-harness.js';

/** Issues codes like the real store would, and can be told to fail. */
class FlakyIssuer extends MemoryIssuer {
  failures = 0;
  override async issue(request: IssueCodeRequest) {
    if (this.failures-- > 0) throw new Error('store unavailable');
    return super.issue(request);
  }
}

const showFile = (unlocks: string) =>
  `show: { id: t, name: T }\nproducts:\n  - { sku: MUG, title: Mug, price: 12, stock: 3 }\nfeatured: MUG\npromotions:\n  unlocks:\n${unlocks}`;

function setup(unlocks: string) {
  const issuer = new FlakyIssuer();
  // The harness bus throws what a subscriber throws, so a line whose handling failed rejects `say`.
  const h = featureHarness(showFile(unlocks), [promotions], {
    services: { codes: issuer as unknown as FeatureServices['codes'] },
  });
  let seq = 0;
  const say = (viewerId: number, text: string, platform: ChatEvent['platform'] = 'twitch') => {
    const event: ChatEvent = {
      platform,
      channelId: 'c',
      messageId: `m${++seq}`,
      user: { id: `u${viewerId}`, name: `V${viewerId}`, roles: [] },
      text,
      receivedAt: Date.now(),
    };
    return h.bus.emit('chat.message', { event, viewer: { viewerId, identityId: seq } });
  };
  return { h, issuer, say };
}

const FIFTEEN = `    - { id: fifteen-off, keyword: unlock, goal: 4, window: 10m, discount: { percent: 15 }, valid: 30m, milestones: [25, 50, 75] }\n`;

describe('group unlocks', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-05T18:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('GIVEN a viewer asks twice and from a linked identity WHEN counted THEN they count once and each milestone is said once', async () => {
    const s = setup(FIFTEEN);
    await s.say(1, 'unlock');
    await s.say(1, 'UNLOCK please!');
    await s.say(1, 'unlock', 'telegram'); // same viewerId: a linked Telegram identity
    await s.say(2, 'hello there'); // no keyword
    await s.say(2, 'we unlocked it?'); // not the whole word
    expect(s.h.texts()).toEqual(['Unlock 15% off: 1/4 viewers asked — type unlock!']);
    await s.say(2, 'unlock');
    expect(s.h.texts().at(-1)).toBe('Unlock 15% off: 2/4 viewers asked — type unlock!');
    expect(s.h.logged.filter((e) => e.type === 'unlock.progress').map((e) => e.data.milestone)).toEqual([25, 50]);
    await s.h.stop();
  });

  it('GIVEN asks spread beyond the window WHEN the old ones fall out THEN the goal needs asks within the window', async () => {
    const s = setup(FIFTEEN);
    await s.say(1, 'unlock');
    await s.say(2, 'unlock');
    await s.say(3, 'unlock');
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    await s.say(4, 'unlock');
    expect(s.issuer.issued).toHaveLength(0);
    await s.say(1, 'unlock');
    await s.say(2, 'unlock');
    await s.say(3, 'unlock');
    expect(s.issuer.issued).toHaveLength(1);
    // milestones already said in this run are not said again on the way back up
    expect(s.h.texts().filter((t) => t.startsWith('Unlock 15%'))).toHaveLength(3);
    await s.h.stop();
  });

  it('GIVEN the goal is reached WHEN more viewers ask THEN one code is issued and announced, until the next show run', async () => {
    const s = setup(FIFTEEN);
    for (const v of [1, 2, 3, 4, 5, 6]) await s.say(v, 'unlock');
    expect(s.issuer.issued).toEqual([{ source: 'unlock', discount: { percent: 15 }, validMs: 30 * 60_000, prefix: 'FIFTEEN' }]);
    expect(s.h.texts().at(-1)).toBe('Unlocked! Code FIFTEEN-1001 gives 15% off for 30 min — !buy MUG FIFTEEN-1001');
    expect(s.h.logged.find((e) => e.type === 'unlock.reached')?.data).toMatchObject({ id: 'fifteen-off', code: 'FIFTEEN-1001', goal: 4, count: 4 });

    await s.h.live();
    for (const v of [1, 2, 3, 4]) await s.say(v, 'unlock');
    expect(s.issuer.issued).toHaveLength(2);
    expect(s.h.texts().filter((t) => t.startsWith('Unlock 15% off: 1/4'))).toHaveLength(2);
    await s.h.stop();
  });

  it('GIVEN the code store fails once WHEN the goal is reached THEN nothing is announced and the next ask gets the code', async () => {
    const s = setup(`    - { id: vip, keyword: хочу, goal: 2, discount: { amount: 5 }, valid: 10m, products: [MUG], milestones: [] }\n`);
    s.issuer.failures = 1;
    await s.say(1, 'Хочу!');
    await expect(s.say(2, 'хочу')).resolves.toBeUndefined(); // no error reaches the bus
    expect(s.h.texts()).toEqual([]);
    await s.say(3, 'хочу');
    expect(s.h.texts()).toEqual(['Unlocked! Code VIP-1001 gives €5.00 off MUG for 10 min — !buy MUG VIP-1001']);
    await s.h.stop();
  });

  it('GIVEN two viewers reach the goal at the same moment WHEN both lines are handled together THEN only one code is issued', async () => {
    const s = setup(`    - { id: duo, keyword: go, goal: 2, discount: { percent: 5 }, milestones: [] }\n`);
    await s.say(1, 'go');
    await Promise.all([s.say(2, 'go'), s.say(3, 'go')]);
    expect(s.issuer.issued).toHaveLength(1);
    await s.h.stop();
  });

  it('GIVEN two viewers asked WHEN the show file is reloaded with the same unlock THEN the count goes on from two and the milestones already said are not said again', async () => {
    const s = setup(FIFTEEN);
    await s.say(1, 'unlock');
    await s.say(2, 'unlock');
    await s.h.reload(showFile(FIFTEEN));
    await s.say(3, 'unlock');
    expect(s.h.texts()).toEqual([
      'Unlock 15% off: 1/4 viewers asked — type unlock!',
      'Unlock 15% off: 2/4 viewers asked — type unlock!',
      'Unlock 15% off: 3/4 viewers asked — type unlock!',
    ]);
    await s.say(4, 'unlock');
    expect(s.issuer.issued).toHaveLength(1);
    await s.h.stop();
  });
});

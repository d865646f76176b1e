import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { parseShow } from '../../config/loader.js';
import type { ReviewCounts, ReviewItem } from '../../orchestrator/events/ai-types.js';
import { FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestApp, type TestApp } from '../support/test-show.js';

const ADMIN = 'admin-token-for-the-ai-review-test-0123456789';
const show = (baseUrl: string, review: string) => `
show: { id: review-show, name: Review show }
server: { host: 127.0.0.1, port: 0 }
channels: { web: { enabled: false } }
products:
  - { sku: VAN, title: Vanilla candle, price: 24, stock: 5 }
checkout: { provider: builtin, builtin: { mode: test } }
moderation: { escalation: { timeout: 5m } }
ai: { enabled: true, baseUrl: "${baseUrl}", model: chat-model, apiKeyEnv: SHOWCART_TEST_AI_KEY, timeout: 1s, review: ${review} }
`;

interface ReviewState {
  enabled: boolean;
  items: ReviewItem[];
  counts: ReviewCounts;
}

/**
 * The review queue through the real `openai` client against the local OpenAI-compatible fake:
 * lines the rules let through are classified; a doubtful one is held (not relayed) until a
 * moderator approves, denies or times its writer out on the dashboard's routes. Commands and
 * moderators never wait, and a slow or failing model never holds an honest line past the budget.
 */
describe('the review queue for doubtful chat lines', () => {
  const model = new FakeOpenAI();
  let t: TestApp;
  let twitch: MemoryChannel;
  let telegram: MemoryChannel;
  const say = (text: string, who = 'ann', roles: Array<'moderator'> = []) => twitch.say({ id: who, name: who, roles }, text).then(() => t.app.idle());
  const relayed = () => telegram.texts().join('\n');
  const api = async <T>(path: string, post = false): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${t.app.url}/api/admin/${path}`, {
      method: post ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      ...(post && { body: '{}' }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const queue = async () => (await api<ReviewState>('ai/review')).body;
  const start = async (review: string) => {
    twitch = new MemoryChannel('twitch', ['room']);
    telegram = new MemoryChannel('telegram', ['group']);
    t = await startTestApp(parseShow(show(model.baseUrl, review), 'review.yaml', {}).config, [twitch, telegram], {
      env: { SHOWCART_TEST_AI_KEY: 'sk-review-key-456', SHOWCART_ADMIN_TOKEN: ADMIN },
    });
  };

  beforeAll(() => model.start());
  afterAll(() => model.stop());
  afterEach(async () => {
    await t?.app.stop();
  });

  it('GIVEN the classification prompt WHEN an honest and an abusive line arrive THEN the honest one is relayed, the abusive one waits on the dashboard, and approve, deny and timeout each do what they say', async () => {
    await start('{ enabled: true }');
    await say('love the vanilla one, ordering after the show');
    expect(relayed()).toContain('love the vanilla one');
    await say('you are so dumb, nobody wants this', 'troll');
    await say('what an ugly candle, you idiot', 'troll');
    await say('earn $500 a day, dm me', 'spammer');
    expect(relayed()).not.toMatch(/dumb|idiot|earn/);

    const state = await queue();
    expect(state.enabled).toBe(true);
    expect(state.items.map((i) => [i.line.text, i.status, i.label])).toEqual([
      ['earn $500 a day, dm me', 'held', 'scam'],
      ['what an ugly candle, you idiot', 'held', 'abusive'],
      ['you are so dumb, nobody wants this', 'held', 'abusive'],
    ]);
    expect(state.counts).toMatchObject({ checked: 4, held: 3, late: 0 });
    // The line is data in the prompt, and the key went only to the model server.
    const asked = model.requests.at(-1)!;
    expect(asked.body.messages[1]!.content).toBe('Chat line: """earn $500 a day, dm me"""');
    expect(asked.authorization).toBe('Bearer sk-review-key-456');
    expect(t.log.text()).not.toContain('sk-review-key-456');

    const [scam, ugly, dumb] = state.items;
    expect((await api(`ai/review/${dumb!.id}/approve`, true)).status).toBe(200);
    await t.app.idle();
    expect(relayed()).toContain('you are so dumb, nobody wants this');

    expect((await api(`ai/review/${ugly!.id}/deny`, true)).status).toBe(200);
    expect((await api(`ai/review/${scam!.id}/timeout`, true)).status).toBe(200);
    await t.app.idle();
    expect(twitch.moderated).toEqual([
      { kind: 'delete', channelId: 'room', messageId: ugly!.line.messageId },
      { kind: 'delete', channelId: 'room', messageId: scam!.line.messageId },
      { kind: 'timeout', channelId: 'room', userId: 'spammer', userName: 'spammer', seconds: 300, reason: 'showcart review: scam' },
    ]);
    expect(relayed()).not.toMatch(/idiot|earn/);
    // Decided once: a second click finds nothing.
    expect((await api(`ai/review/${ugly!.id}/deny`, true)).status).toBe(404);
    expect((await queue()).items).toEqual([]);

    const logged = await t.app.store.models.LoggedEvent.findAll({ where: { type: ['ai.held', 'ai.reviewed', 'moderation.action'] }, order: [['id', 'ASC']] });
    expect(logged.map((e) => [e.type, e.data.decision ?? e.data.step ?? e.data.status])).toEqual([
      ['ai.held', 'held'],
      ['ai.held', 'held'],
      ['ai.held', 'held'],
      ['ai.reviewed', 'approve'],
      ['ai.reviewed', 'deny'],
      ['moderation.action', 'delete'],
      ['ai.reviewed', 'timeout'],
      ['moderation.action', 'timeout'],
    ]);
  });

  it('GIVEN the review WHEN a buyer types a command, a moderator writes or a viewer says "ok" THEN the model is never asked and nothing waits', async () => {
    await start('{ enabled: true }');
    const before = model.requests.length;
    await say('!price VAN', 'buyer');
    expect(twitch.texts().at(-1)).toMatch(/Vanilla candle.*€24\.00/);
    await say('you are all dumb, buy it now', 'mod', ['moderator']);
    await say('ok');
    expect(model.requests.length).toBe(before);
    expect(relayed()).toContain('you are all dumb, buy it now');
  });

  it('GIVEN a model slower than the wait budget WHEN a doubtful line arrives THEN it goes on at once and is queued to review after; a hang, a 429 and garbage let lines through unchecked', async () => {
    await start('{ enabled: true, wait: 0.2 }');
    model.next({ delay: 600, then: { content: '{"label":"abusive","confidence":0.8}' } });
    await say('you are slow and dumb', 'late');
    // The line went on after the 200 ms budget; the verdict comes later.
    expect(relayed()).toContain('you are slow and dumb');
    await expect.poll(async () => (await queue()).items.map((i) => [i.line.text, i.status]), { timeout: 5000 }).toEqual([['you are slow and dumb', 'passed']]);

    model.next({ hang: true }, { status: 429, retryAfter: 30 }, { content: 'I think this line is fine!' });
    await say('the blue one is dumb cute honestly', 'a');
    await say('the candle looks idiot-proof', 'b');
    await say('so dumb that I love it', 'c');
    expect(relayed()).toContain('dumb cute honestly');
    expect(relayed()).toContain('idiot-proof');
    expect(relayed()).toContain('so dumb that I love it');
    // The hang ends at the request timeout (1 s); the 429 and the garbage were counted at once.
    await expect.poll(async () => (await queue()).counts.unchecked, { timeout: 8000 }).toBe(3);
    expect((await queue()).items).toHaveLength(1);
  });

  it('GIVEN the moderation endpoint WHEN a flagged line arrives THEN it is held, as asked at /v1/moderations with the review model', async () => {
    await start('{ enabled: true, via: endpoint, model: omni-moderation-latest }');
    await say('nice stream, love the candles');
    await say('you ugly loser', 'troll');
    expect(relayed()).toContain('nice stream');
    expect(relayed()).not.toContain('loser');
    const asked = model.requests.filter((r) => r.path === '/v1/moderations');
    expect(asked.map((r) => [r.body.model, r.body.input])).toEqual([
      ['omni-moderation-latest', 'nice stream, love the candles'],
      ['omni-moderation-latest', 'you ugly loser'],
    ]);
    expect((await queue()).items).toMatchObject([{ status: 'held', label: 'abusive', score: 1, line: { user: 'troll', text: 'you ugly loser' } }]);
  });
});

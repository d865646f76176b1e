import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../bots/telegram/index.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeTelegram } from '../fakes/index.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

const GROUP = -1001;
const DEADLINE_MS = 400;

/** A Bot API that takes a send and never answers must not hold the chat's outbox for telegraf's 500 s. */
describe('Telegram calls have a deadline', () => {
  const fake = new FakeTelegram();
  let app: Showcart;

  beforeAll(async () => {
    await fake.start();
    app = await startShowcart({
      config: testConfig(`channels:
  web: { enabled: false }
  telegram: { apiRoot: "${fake.apiRoot}", chats: [{ id: ${GROUP} }] }`),
      database: { sqlitePath: ':memory:' },
      secrets: new Secrets({ TELEGRAM_BOT_TOKEN: fake.token }),
      log: memoryLog().log,
      factories: { telegram: (config, token, log) => new TelegramChannel(config, token, log, { requestDeadlineMs: DEADLINE_MS }) },
    });
    // telegraf connects after the app has started: getMe, then the first long poll.
    await waitFor(() => app.channels[0]?.state().state === 'connected', 3000, 'Telegram connected');
  });
  afterAll(async () => {
    await app?.stop();
    await fake.stop();
  });

  it('GIVEN the Bot API holds two sends unanswered WHEN a message is sent THEN each attempt is aborted at the deadline and the message arrives once on the next', async () => {
    fake.hangNext('sendMessage', 2);
    app.outbox.enqueue({
      priority: 'alert',
      target: { kind: 'room', platform: 'telegram', channelId: String(GROUP) },
      body: { kind: 'text', text: 'still here' },
    });
    // Idle once the outbox has sent it: two attempts aborted at the deadline, then the one answered.
    await app.idle();
    expect(fake.sent(GROUP)).toContain('still here');
    const attempts = fake.calls.filter((c) => c.method === 'sendMessage' && c.params.text === 'still here').map((c) => c.status);
    expect(attempts).toEqual([0, 0, 200]);
    expect(app.outbox.stats().telegram?.sent).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentSendError } from '../../orchestrator/channel.js';
import { TwitchHelix } from '../../bots/twitch/twitch-helix.js';
import { TwitchModerator } from '../../bots/twitch/twitch-moderator.js';
import { TwitchAuthError } from '../../bots/twitch/twitch-errors.js';
import { FakeTwitch } from '../fakes/fake-twitch.js';
import { memoryLog } from '../support/quiet-log.js';

const TOKEN = 'moderatortoken0123456789';
const timeout = { kind: 'timeout', channelId: 'candleshop', userId: '4242', userName: 'alice', seconds: 600, reason: 'spam' } as const;

function moderator(api: string, authApi: string, token = TOKEN) {
  const log = memoryLog();
  const helix = new TwitchHelix({ api, authApi, token, tokenEnv: 'TWITCH_OAUTH_TOKEN' });
  return { mod: new TwitchModerator(helix, ['candleshop'], 'showcartbot', log.log), log };
}

describe('Twitch moderation through Helix, without chat', () => {
  const fake = new FakeTwitch({ password: TOKEN, moderatorOf: ['candleshop'], scopes: ['chat:read', 'chat:edit', 'moderator:manage:chat_messages'] });
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('GIVEN the OAuth service cannot be reached WHEN preparing THEN chat may go on AND a timeout fails with a clear, retryable error', async () => {
    const { mod, log } = moderator(fake.helixRoot, 'http://127.0.0.1:1/oauth2');
    await expect(mod.prepare()).resolves.toBeUndefined();
    expect(log.text()).toContain('moderation waits until it can');
    const err = await mod.moderate(timeout).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toMatch(/moderation is unavailable until the token can be validated/);
    expect((err as Error).message).not.toContain(TOKEN);
  });

  it('GIVEN a refused token WHEN preparing THEN it throws the fatal TwitchAuthError', async () => {
    const { mod } = moderator(fake.helixRoot, fake.authRoot, 'some-other-token-0123');
    await expect(mod.prepare()).rejects.toBeInstanceOf(TwitchAuthError);
  });

  it('GIVEN a token without moderator:manage:banned_users WHEN timing out THEN it is refused up front with the scope named, and the start log warned', async () => {
    const { mod, log } = moderator(fake.helixRoot, fake.authRoot);
    await mod.prepare();
    expect(log.text()).toContain('lacks moderation scopes');
    await expect(mod.moderate(timeout)).rejects.toThrow(PermanentSendError);
    await expect(mod.moderate(timeout)).rejects.toThrow(/lacks the scope moderator:manage:banned_users/);
    expect(fake.helix).toEqual([]);
  });

  it("GIVEN a channel Helix does not know WHEN deleting there THEN the id lookup happens on demand and Twitch's 403 becomes a PermanentSendError", async () => {
    const { mod } = moderator(fake.helixRoot, fake.authRoot);
    await mod.prepare();
    const err = await mod.moderate({ kind: 'delete', channelId: 'elsewhere', messageId: 'm1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toContain('showcartbot is not a moderator there');
    expect(fake.helix.at(-1)).toMatchObject({ action: 'delete', channel: '#elsewhere', status: 403 });
  });
});

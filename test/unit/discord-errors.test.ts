import { DiscordAPIError, HTTPError, RateLimitError as RestRateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { loginError, mapDiscordError, refusedDirectMessage } from '../../bots/discord/discord-errors.js';
import { PermanentSendError, RateLimitError } from '../../orchestrator/channel.js';

const URL = 'https://discord.com/api/v10/channels/1/messages';
/** An error as @discordjs/rest builds it from Discord's JSON answer. */
const apiError = (status: number, code: number, message: string, extra: Record<string, unknown> = {}): DiscordAPIError =>
  new DiscordAPIError({ code, message, ...extra }, code, status, 'POST', URL, { body: { content: 'x' } });

describe('Discord error mapping', () => {
  it.each([
    [404, 10003, 'Unknown Channel'],
    [403, 50001, 'Missing Access'],
    [403, 50013, 'Missing Permissions'],
    [400, 50035, 'Invalid Form Body'],
  ])('GIVEN %i code %i (%s) WHEN mapped THEN PermanentSendError, since retrying only collects invalid-request strikes', (status, code, message) => {
    const mapped = mapDiscordError(apiError(status, code, message));
    expect(mapped).toBeInstanceOf(PermanentSendError);
    expect(mapped.message).toContain(String(code));
  });

  it('GIVEN a 429 that surfaced as a DiscordAPIError WHEN mapped THEN RateLimitError with retry_after in ms', () => {
    const mapped = mapDiscordError(apiError(429, 0, 'You are being rate limited.', { retry_after: 2.5, global: false }));
    expect(mapped).toBeInstanceOf(RateLimitError);
    expect(mapped).toMatchObject({ retryAfterMs: 2500, scope: 'room' });
  });

  it('GIVEN a long rate limit that @discordjs/rest handed back WHEN mapped THEN RateLimitError; a global one pauses the whole bot', () => {
    const data = {
      timeToReset: 30_000,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: URL,
      route: '/channels/:id/messages',
      majorParameter: '1',
      retryAfter: 30_000,
      sublimitTimeout: 0,
      scope: 'user' as const,
    };
    expect(mapDiscordError(new RestRateLimitError({ ...data, global: false }))).toMatchObject({ retryAfterMs: 30_000, scope: 'room' });
    expect(mapDiscordError(new RestRateLimitError({ ...data, global: true }))).toMatchObject({ retryAfterMs: 30_000, scope: 'bot' });
  });

  it('GIVEN a 5xx or a network failure WHEN mapped THEN a plain Error the outbox retries with backoff', () => {
    const bad = mapDiscordError(new HTTPError(502, 'Bad Gateway', 'POST', URL, { body: {} }));
    expect(bad).not.toBeInstanceOf(PermanentSendError);
    expect(bad).not.toBeInstanceOf(RateLimitError);
    expect(bad.message).toBe('Discord answered 502: Bad Gateway');
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:1');
    expect(mapDiscordError(refused)).toBe(refused);
  });

  it('GIVEN a refused DM (50007) WHEN checked THEN it is a refusal; a 429 or 5xx is not', () => {
    expect(refusedDirectMessage(apiError(403, 50007, 'Cannot send messages to this user'))).toBe(true);
    expect(refusedDirectMessage(apiError(429, 0, 'slow down'))).toBe(false);
    expect(refusedDirectMessage(new HTTPError(503, 'Service Unavailable', 'POST', URL, { body: {} }))).toBe(false);
  });
});

describe('Discord login errors', () => {
  it('GIVEN a 401 WHEN explained THEN fatal, naming the variable and never the token', () => {
    const err = loginError(
      new DiscordAPIError({ code: 0, message: '401: Unauthorized' }, 0, 401, 'GET', 'https://discord.com/api/v10/gateway/bot', { body: undefined }),
      'DISCORD_BOT_TOKEN',
    );
    expect(err.fatal).toBe(true);
    expect(err.message).toContain('rejected the bot token in DISCORD_BOT_TOKEN');
  });

  it('GIVEN the gateway refuses the privileged intent (4014) WHEN explained THEN fatal with where to enable Message Content', () => {
    const err = loginError(new Error('Used disallowed intents'), 'DISCORD_BOT_TOKEN');
    expect(err.fatal).toBe(true);
    expect(err.message).toContain('Privileged Gateway Intents');
  });

  it('GIVEN Discord is down at login WHEN explained THEN not fatal, so the supervisor retries', () => {
    const err = loginError(new HTTPError(502, 'Bad Gateway', 'GET', URL, { body: undefined }), 'DISCORD_BOT_TOKEN');
    expect(err).toMatchObject({ fatal: false, message: 'Discord login failed: 502 Bad Gateway' });
  });
});

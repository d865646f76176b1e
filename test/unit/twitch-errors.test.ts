import { describe, expect, it } from 'vitest';
import { PermanentSendError, RateLimitError } from '../../orchestrator/channel.js';
import { bareToken } from '../../bots/twitch/twitch-client.js';
import { connectFailure, helixFailure, isFatalTwitchError, sayFailure, TwitchAuthError } from '../../bots/twitch/twitch-errors.js';
import { twitchLimits } from '../../bots/twitch/twitch-channel.js';

const banCall = { what: 'time out troll', channel: 'candleshop', scope: 'moderator:manage:banned_users', botLogin: 'showcartbot' };
const forbidden = { error: 'Forbidden', status: 403, message: "The user in moderator_id is not one of the broadcaster's moderators." };

describe('Twitch errors mapped for the outbox and the supervisor', () => {
  it('GIVEN a Helix 429 with Ratelimit-Reset WHEN mapped THEN the outbox waits until that second', () => {
    const now = 1_700_000_000_000;
    const err = helixFailure(429, {}, new Headers({ 'Ratelimit-Reset': String(now / 1000 + 7) }), banCall, now);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(7000);
  });

  it('GIVEN a Helix 429 without a usable reset WHEN mapped THEN it waits a second rather than hammering', () => {
    expect((helixFailure(429, {}, new Headers(), banCall) as RateLimitError).retryAfterMs).toBe(1000);
  });

  it('GIVEN a Helix 403 WHEN mapped THEN it is permanent and says the bot is not a moderator, how to fix it, and what Twitch said', () => {
    const err = helixFailure(403, forbidden, new Headers(), banCall);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err.message).toContain('showcartbot is not a moderator there');
    expect(err.message).toContain('/mod showcartbot');
    expect(err.message).toContain('moderator:manage:banned_users');
    expect(err.message).toContain("not one of the broadcaster's moderators");
  });

  it('GIVEN Helix 400, 401 or 404 WHEN mapped THEN retrying cannot help; 5xx is retried', () => {
    expect(helixFailure(400, { message: 'user is already banned' }, new Headers(), banCall)).toBeInstanceOf(PermanentSendError);
    expect(helixFailure(401, { message: 'Missing scope' }, new Headers(), banCall).message).toContain('lacks the scope moderator:manage:banned_users');
    expect(helixFailure(404, {}, new Headers(), { what: 'delete a message', channel: 'candleshop' })).toBeInstanceOf(PermanentSendError);
    const server = helixFailure(503, undefined, new Headers(), banCall);
    expect(server).not.toBeInstanceOf(PermanentSendError);
    expect(server).not.toBeInstanceOf(RateLimitError);
  });

  it('GIVEN tmi.js rejects connect() with "Login authentication failed" WHEN mapped THEN it is fatal; a closed socket is not', () => {
    expect(isFatalTwitchError(connectFailure('Login authentication failed'))).toBe(true);
    expect(isFatalTwitchError(connectFailure('Improperly formatted auth'))).toBe(true);
    expect(isFatalTwitchError(connectFailure('Unable to connect.'))).toBe(false);
    expect(isFatalTwitchError(connectFailure(''))).toBe(false);
    expect(isFatalTwitchError(new TwitchAuthError('token refused at validation'))).toBe(true);
  });

  it('GIVEN say() is refused for sending too fast WHEN mapped THEN the whole bot pauses 30 s; "not connected" is retried', () => {
    const limited = sayFailure('msg_ratelimit');
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited).toMatchObject({ retryAfterMs: 30_000, scope: 'bot' });
    const offline = sayFailure('Not connected to server.');
    expect(offline).not.toBeInstanceOf(RateLimitError);
    expect(offline).not.toBeInstanceOf(PermanentSendError);
  });

  it('GIVEN a token with or without "oauth:" WHEN read THEN Helix gets it bare', () => {
    expect(bareToken('oauth:abc123')).toBe('abc123');
    expect(bareToken(' abc123 ')).toBe('abc123');
  });

  it('GIVEN the YAML moderator flag WHEN limits are declared THEN a normal bot gets 20/30 s and 1/s per channel, a moderator 100/30 s, each window with a margin for network jitter, both 500 chars', () => {
    expect(twitchLimits(false)).toEqual({ perRoom: [{ limit: 1, windowMs: 1100 }], perBot: [{ limit: 20, windowMs: 31_000 }], maxLength: 500 });
    expect(twitchLimits(true)).toEqual({ perRoom: [], perBot: [{ limit: 100, windowMs: 31_000 }], maxLength: 500 });
  });
});

import { TelegramError } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TelegramCalls, type BotApiClient } from '../../bots/telegram/telegram-calls.js';
import { failureOf } from '../../bots/telegram/telegram-errors.js';
import { PermanentSendError, RateLimitError } from '../../orchestrator/channel.js';
import { memoryLog } from '../support/quiet-log.js';

const TOKEN = '777:calls-test-token';
const DEADLINE_MS = 20_000;

/** One request as the stub Bot API saw it; `answer`/`fail` settle it. */
interface Pending {
  method: string;
  payload: unknown;
  signal: AbortSignal;
  answer(result: unknown): void;
  fail(err: unknown): void;
}

/** A stub of telegraf's callApi: requests wait in `pending` until the test settles them; an abort rejects like node-fetch does. */
function stubApi(): { client: BotApiClient; pending: Pending[] } {
  const pending: Pending[] = [];
  const callApi = (method: string, payload: unknown, options?: { signal?: AbortSignal }) =>
    new Promise((resolve, reject) => {
      const signal = options!.signal!;
      signal.addEventListener('abort', () => reject(Object.assign(new Error('The user aborted a request.'), { name: 'AbortError', type: 'aborted' })));
      pending.push({ method, payload, signal, answer: resolve, fail: reject });
    });
  return { client: { callApi: callApi as unknown as BotApiClient['callApi'] }, pending };
}

// Bot API error bodies as Telegram sends them; telegraf wraps each in a TelegramError.
const api = (error_code: number, description: string, parameters?: { retry_after?: number }) =>
  new TelegramError({ error_code, description, ...(parameters && { parameters }) });

describe('TelegramCalls, the one way out to the Bot API', () => {
  let stub: ReturnType<typeof stubApi>;
  let logged: ReturnType<typeof memoryLog>;
  let unauthorized: string[];
  let calls: TelegramCalls;

  beforeEach(() => {
    vi.useFakeTimers();
    stub = stubApi();
    logged = memoryLog();
    unauthorized = [];
    calls = new TelegramCalls({
      client: () => stub.client,
      log: logged.log,
      secret: TOKEN,
      deadlineMs: DEADLINE_MS,
      unauthorized: (reason) => unauthorized.push(reason),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts a call and lets it reach the stub. */
  async function started<T>(call: Promise<T>): Promise<{ settled: Promise<T | Error>; request: Pending }> {
    const settled = call.catch((err: Error) => err);
    await vi.advanceTimersByTimeAsync(0);
    const request = stub.pending.at(-1)!;
    return { settled, request };
  }

  it('GIVEN a Bot API that takes a send and never answers WHEN the deadline passes THEN its request is aborted and the call fails as retryable, counted as timed out', async () => {
    let done = false;
    const { settled, request } = await started(calls.call('sendMessage', { chat_id: -1001, text: 'still here' }));
    void settled.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(DEADLINE_MS - 1);
    expect(request.signal.aborted).toBe(false);
    expect(done).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    const err = await settled;
    expect(request.signal.aborted).toBe(true);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect(err).not.toBeInstanceOf(RateLimitError);
    expect((err as Error).message).toBe(`Telegram unavailable: no answer to sendMessage within ${DEADLINE_MS} ms`);
    expect(calls.stats()).toMatchObject({ calls: 1, timedOut: 1, failed: { transient: 1 }, dropped: {} });
  });

  it('GIVEN a client that ignores the abort WHEN the deadline passes THEN the call is released all the same', async () => {
    const deaf: BotApiClient = { callApi: (() => new Promise(() => undefined)) as unknown as BotApiClient['callApi'] };
    const deafCalls = new TelegramCalls({ client: () => deaf, log: logged.log, secret: TOKEN, deadlineMs: DEADLINE_MS, unauthorized: () => undefined });
    const settled = deafCalls.call('deleteMessage', { chat_id: -1001, message_id: 5 }).catch((err: Error) => err);
    await vi.advanceTimersByTimeAsync(DEADLINE_MS);
    expect(((await settled) as Error).message).toMatch(/no answer to deleteMessage/);
  });

  it('GIVEN an answer before the deadline WHEN the call returns THEN it gives the result and leaves no timer behind', async () => {
    const { settled, request } = await started(calls.call('sendMessage', { chat_id: -1001, text: 'hi' }));
    request.answer({ message_id: 9 });
    expect(await settled).toEqual({ message_id: 9 });
    expect(vi.getTimerCount()).toBe(0);
    expect(calls.stats()).toMatchObject({ calls: 1, timedOut: 0, failed: { transient: 0 } });
  });

  it('GIVEN Telegram answers 429 with retry_after WHEN the call fails THEN the outbox gets a room-scoped RateLimitError of that many seconds', async () => {
    const { settled, request } = await started(calls.call('sendMessage', { chat_id: -1001, text: 'flood' }));
    request.fail(api(429, 'Too Many Requests: retry after 3', { retry_after: 3 }));
    const err = await settled;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ retryAfterMs: 3000, scope: 'room' });
    expect(failureOf(err)?.kind).toBe('rate-limited');
    expect(calls.stats().failed['rate-limited']).toBe(1);
  });

  it('GIVEN Telegram answers 403 WHEN the call fails THEN it is a PermanentSendError that still says "forbidden" for the DM fallback', async () => {
    const { settled, request } = await started(calls.call('sendMessage', { chat_id: 4242, text: 'your code' }));
    request.fail(api(403, 'Forbidden: bot was blocked by the user'));
    const err = await settled;
    expect(err).toBeInstanceOf(PermanentSendError);
    expect(failureOf(err)).toEqual({ kind: 'forbidden', reason: '403: Forbidden: bot was blocked by the user' });
  });

  it('GIVEN best-effort calls that fail and a send that fails WHEN counted THEN each dropped call is counted and logged once, and the send is left to the outbox', async () => {
    const first = await started(calls.tryCall('answerCallbackQuery', { callback_query_id: 'q1' }, 'button press not acknowledged'));
    first.request.fail(api(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid'));
    const second = await started(calls.tryCall('answerCallbackQuery', { callback_query_id: 'q2' }, 'button press not acknowledged'));
    second.request.fail(api(502, 'Bad Gateway'));
    const stop = await started(calls.tryCall('stopPoll', { chat_id: -1001, message_id: 7 }, 'native poll not stopped'));
    stop.request.fail(api(400, 'Bad Request: poll has already been closed'));
    const send = await started(calls.call('sendMessage', { chat_id: -1001, text: 'refused' }));
    send.request.fail(api(400, 'Bad Request: chat not found'));

    expect([await first.settled, await second.settled, await stop.settled]).toEqual([undefined, undefined, undefined]);
    expect(await send.settled).toBeInstanceOf(PermanentSendError);
    expect(calls.stats()).toEqual({
      calls: 4,
      failed: { 'rate-limited': 0, 'reply-target-missing': 0, forbidden: 0, unauthorized: 0, permanent: 3, transient: 1 },
      timedOut: 0,
      dropped: { answerCallbackQuery: 2, stopPoll: 1 },
    });
    const drops = logged.lines().filter((l) => l.dropped !== undefined);
    expect(drops.map((l) => [l.method, l.dropped, l.msg])).toEqual([
      ['answerCallbackQuery', 1, 'button press not acknowledged'],
      ['answerCallbackQuery', 2, 'button press not acknowledged'],
      ['stopPoll', 1, 'native poll not stopped'],
    ]);
    expect(drops[2]).toMatchObject({ chat: -1001, error: '400: Bad Request: poll has already been closed' });
  });

  it('GIVEN a revoked token WHEN a call is answered 401 THEN the adapter is told once and the outbox gets a retryable error', async () => {
    const { settled, request } = await started(calls.call('restrictChatMember', { chat_id: -1001, user_id: 4242, permissions: {} }));
    request.fail(api(401, 'Unauthorized'));
    const err = await settled;
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toBe('Telegram rejected the bot token: 401: Unauthorized');
    expect(unauthorized).toEqual(['401: Unauthorized']);
  });

  it('GIVEN no connection WHEN a call is made THEN it fails as retryable without reaching the Bot API', async () => {
    const offline = new TelegramCalls({ client: () => undefined, log: logged.log, secret: TOKEN, unauthorized: () => undefined });
    const err = await offline.call('sendMessage', { chat_id: -1001, text: 'x' }).catch((e: Error) => e);
    expect((err as Error).message).toBe('Telegram unavailable: Telegram is not connected');
    expect(stub.pending).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("GIVEN a failure turned into the caller's own error WHEN getMe fails THEN `fail` gets what Telegram answered", async () => {
    const { settled, request } = await started(calls.call('getMe', {}, (err) => new Error(`connect: ${(err as TelegramError).code}`)));
    request.fail(api(404, 'Not Found'));
    expect(((await settled) as Error).message).toBe('connect: 404');
  });
});

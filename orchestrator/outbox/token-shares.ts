import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Platform } from '../chat-types.js';
import { dropBotSessions, liveBotSessions, takeBotLogin, tokenKey, touchBotSession } from '../store/bot-tokens.js';
import type { StoreAccess } from '../store/store.js';

/** A login the token's daily budget has no room for; the bot's supervisor retries after its backoff. */
export class LoginBudgetSpent extends Error {
  constructor(
    readonly platform: string,
    readonly retryAt: number,
  ) {
    super(`${platform}: the bot token's logins of the last 24 h are used up; next login after ${new Date(retryAt).toISOString()}`);
  }
}

export interface TokenSharesDeps {
  store: Pick<StoreAccess, 'db' | 'writes'>;
  showId: string;
  outbox: { setBotShare(platform: Platform, share: number): void };
  log: Logger;
  /** How often this process says it still sends with its tokens (default 10 s); three missed and it no longer counts. */
  everyMs?: number;
  /** Logins a day per token, by platform (tests use small ones). */
  loginBudgets?: Partial<Record<Platform, number>>;
}

/**
 * Logins a day per token. Discord resets a token past 1,000; discord.js re-identifies by itself
 * after some gateway losses, which showcart cannot count, so our own logins keep 100 spare.
 */
const LOGIN_BUDGETS: Partial<Record<Platform, number>> = { discord: 900 };
const DAY_MS = 24 * 3600_000;

/**
 * Bot tokens shared across processes (shows side by side on one database, or several cores):
 * each process that sends with a token says so every few seconds, and keeps to 1/k of the
 * token's per-bot limits while k processes do (Telegram's 30/s, Discord's 50/s, a Twitch
 * account's 20 or 100 per 30 s), so together they never exceed them. Logins are counted per
 * token in the database, so a show restarted again and again cannot spend Discord's daily budget.
 */
export class TokenShares {
  private readonly tokens = new Map<Platform, { key: string; instance: string }>();
  private readonly shares = new Map<Platform, number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly everyMs: number;

  constructor(private readonly deps: TokenSharesDeps) {
    this.everyMs = deps.everyMs ?? 10_000;
  }

  /** The token a platform's bot sends with in this process. */
  add(platform: Platform, token: string): void {
    this.tokens.set(platform, { key: tokenKey(platform, token), instance: `${this.deps.showId.slice(0, 24)}-${randomBytes(6).toString('hex')}` });
  }

  /** What a bot calls before it logs in (undefined: the platform has no login budget). */
  beforeLogin(platform: Platform, token: string): (() => Promise<void>) | undefined {
    const budget = (this.deps.loginBudgets ?? LOGIN_BUDGETS)[platform];
    if (budget === undefined) return undefined;
    const key = tokenKey(platform, token);
    return async () => {
      const taken = await takeBotLogin(this.deps.store, key, budget, DAY_MS, Date.now());
      if (!taken.ok) {
        const spent = new LoginBudgetSpent(platform, taken.retryAt);
        this.deps.log.error({ platform, retryAt: taken.retryAt }, spent.message);
        throw spent;
      }
    };
  }

  async start(): Promise<void> {
    if (this.tokens.size === 0) return;
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.everyMs);
    this.timer.unref();
  }

  /** This process's part of each platform's per-bot limits now (1: the token is its alone). */
  share(platform: Platform): number {
    return this.shares.get(platform) ?? 1;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await dropBotSessions(
      this.deps.store,
      [...this.tokens.values()].map((t) => t.instance),
    ).catch((err: unknown) => this.deps.log.warn({ err }, 'bot sessions not cleared; they age out'));
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    try {
      for (const [platform, { key, instance }] of this.tokens) {
        await touchBotSession(this.deps.store, { instance, tokenKey: key, platform, showId: this.deps.showId }, now);
        const sharing = Math.max(1, await liveBotSessions(this.deps.store, key, now - 3 * this.everyMs));
        const share = 1 / sharing;
        if (share !== this.share(platform))
          this.deps.log.info(
            { platform, processes: sharing },
            `${platform}: the bot token is shared by ${sharing} processes; this one keeps to its part of the limits`,
          );
        this.shares.set(platform, share);
        this.deps.outbox.setBotShare(platform, share);
      }
    } catch (err) {
      // The last shares stay: a database hiccup must not lift the limits.
      this.deps.log.warn({ err }, 'bot token sharing could not be checked');
    }
  }
}

import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../orchestrator/chat-types.js';
import { LoginBudgetSpent, TokenShares } from '../../orchestrator/outbox/token-shares.js';
import { openStore, type Store } from '../../orchestrator/store/store.js';
import { sharedDatabases } from '../support/shared-database.js';

const log = pino({ level: 'silent' });

/** Two shows on one database that send with the same bot token: two processes' worth of stores and shares. */
describe.each(sharedDatabases('token_shares'))('bot tokens shared across processes ($name)', (database) => {
  afterAll(() => database.dispose());

  const twoProcesses = async () => {
    const options = await database.fresh();
    const stores: Store[] = [await openStore(options), await openStore(options)];
    const told = stores.map(() => new Map<Platform, number>());
    const shares = stores.map(
      (store, i) =>
        new TokenShares({
          store,
          showId: `show-${i}`,
          outbox: { setBotShare: (platform, share) => told[i]!.set(platform, share) },
          log,
          everyMs: 60_000,
          loginBudgets: { discord: 3 },
        }),
    );
    return { stores, told, shares, close: () => Promise.all(stores.map((s) => s.close())) };
  };

  it('GIVEN two processes with one Telegram token and their own Twitch tokens WHEN both say so THEN each keeps to half of the shared token, and all of its own', async () => {
    const { told, shares, close } = await twoProcesses();
    shares[0]!.add('telegram', 'tg-token-shared');
    shares[0]!.add('twitch', 'twitch-token-a');
    shares[1]!.add('telegram', 'tg-token-shared');
    shares[1]!.add('twitch', 'twitch-token-b');
    await shares[0]!.start();
    await shares[1]!.start();
    expect(told[1]!.get('telegram')).toBe(0.5);
    expect(told[1]!.get('twitch')).toBe(1);
    // The first process learns of the second at its next beat.
    await (shares[0] as unknown as { beat(): Promise<void> }).beat();
    expect(told[0]!.get('telegram')).toBe(0.5);
    expect(shares[0]!.share('telegram')).toBe(0.5);

    // One stops: the other has the whole token again at its next beat.
    await shares[1]!.stop();
    await (shares[0] as unknown as { beat(): Promise<void> }).beat();
    expect(told[0]!.get('telegram')).toBe(1);
    await shares[0]!.stop();
    await close();
  });

  it('GIVEN a Discord token with a budget of 3 logins a day WHEN two processes log in 4 times THEN the fourth is refused with when the first ages out', async () => {
    const { shares, close } = await twoProcesses();
    const logins = shares.map((s) => s.beforeLogin('discord', 'discord-token-shared')!);
    const before = Date.now();
    await logins[0]!();
    await logins[1]!();
    await logins[0]!();
    const refused = await logins[1]!().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(LoginBudgetSpent);
    expect((refused as LoginBudgetSpent).retryAt).toBeGreaterThanOrEqual(before + 24 * 3600_000);
    expect((refused as Error).message).not.toContain('discord-token-shared');
    // Another token has a budget of its own; Telegram has none to count.
    await shares[1]!.beforeLogin('discord', 'discord-token-other')!();
    expect(shares[0]!.beforeLogin('telegram', 'tg')).toBeUndefined();
    await close();
  });
});

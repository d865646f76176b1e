import type { Logger } from 'pino';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Bus } from '../../bus.js';
import type { Cancel } from '../../shared/cron.js';
import type { RunningShow } from '../../show.js';
import type { GiveawayRow, GiveawayRules } from '../../store/models-giveaways.js';
import type { ShowReads } from '../../store/show-reads.js';
import type { StoreAccess } from '../../store/store.js';
import { REAL_CLOCK, type AuctionClock } from '../auctions/auction-types.js';
import { fileWin, type WinFiling } from '../auctions/auction-win.js';
import type { OrderWrites } from '../order-writes.js';
import type { Buyer } from '../order-types.js';
import { commitmentOf, drawRound, DRAW_RULE, entryHash, newSeed } from './giveaway-draw.js';
import { ineligibility } from './giveaway-eligibility.js';
import type { ClaimResult, EnterResult, GiveawayControl, GiveawayProof, GiveawayStartResult, GiveawayView } from './giveaway-types.js';

export interface GiveawayDeps {
  store: StoreAccess;
  bus: Bus;
  show: Pick<RunningShow, 'id' | 'config' | 'catalog'>;
  writes: OrderWrites;
  /** True when carts reserve stock (`checkout.mode: hold`). */
  holds(): boolean;
  reads: Pick<ShowReads, 'viewerLines'>;
  log: Logger;
  clock?: AuctionClock;
}

/**
 * Giveaways, one at a time per show, across every chat: entries by `!enter` or the keyword while
 * the window is open (one per person, linked accounts being one viewer), a draw anyone can check
 * (giveaway-draw.ts) when it closes, the winner's claim window, and a redraw when it passes
 * unclaimed. A claimed prize is a zero-price line in the winner's cart, shipped as the show says.
 * Facts go on the bus (`giveaway.*`); the giveaways feature says them in chat. Process-lived.
 */
export class GiveawayDesk implements GiveawayControl {
  private readonly clock: AuctionClock;
  private readonly filing: WinFiling;
  /** The account each viewer entered from: whom the chats name and tell when they win. */
  private readonly entrants = new Map<number, Buyer>();
  private view: GiveawayView | undefined;
  private timer: Cancel | undefined;

  constructor(private readonly deps: GiveawayDeps) {
    this.clock = deps.clock ?? REAL_CLOCK;
    this.filing = { store: deps.store, writes: deps.writes, holds: () => deps.holds(), now: () => this.clock.now() };
  }

  /** After a restart: an open giveaway closes on time, a winner's claim window runs out on time. */
  async restore(): Promise<void> {
    const row = await this.running();
    if (row) this.apply(row);
  }

  current(): GiveawayView | undefined {
    return this.view && (this.view.state === 'open' || this.view.state === 'claiming') ? this.view : undefined;
  }

  async start(key: string, by = 'api'): Promise<GiveawayStartResult> {
    const { show, store } = this.deps;
    const config = show.config.giveaways.find((g) => g.id === key);
    if (!config) return { ok: false, reason: 'unknown', message: `No giveaway "${key}" in the show file.` };
    const item = show.catalog.find(config.sku);
    const variant = item && (config.variant === undefined ? item.variants[0] : show.catalog.variant(item, config.variant));
    if (!item || !variant) return { ok: false, reason: 'no-product', message: `The prize of giveaway "${key}" is not in the catalog.` };
    const now = this.clock.now();
    const seed = newSeed();
    const rules: GiveawayRules = {
      title: variant.name ? `${item.title} (${variant.name})` : item.title,
      eligible: config.eligible,
      minLines: config.minLines,
      claimWithinMs: config.claimWithin,
      maxEntries: config.maxEntries,
      ...(config.keyword !== undefined && { keyword: config.keyword }),
    };
    const row = await store.writes.run(async (t) => {
      if (await this.running(t)) return undefined;
      return store.models.Giveaway.create(
        {
          showId: show.id,
          key,
          sku: item.sku,
          variant: variant.name,
          state: 'open',
          seed,
          commitment: commitmentOf(seed),
          rules,
          entries: 0,
          round: 0,
          openedAt: new Date(now),
          closesAt: new Date(now + config.window),
          draws: [],
        },
        { transaction: t },
      );
    });
    if (!row) return { ok: false, reason: 'running', message: 'A giveaway is running already; close it first.' };
    this.entrants.clear();
    this.apply(row);
    await this.deps.bus.emit('giveaway.started', { giveaway: this.view!, by });
    return { ok: true, giveaway: this.view! };
  }

  /** `!enter` or the keyword, from `buyer`: one entry per viewer while the window is open. */
  async enter(buyer: Buyer): Promise<EnterResult> {
    const open = this.view;
    if (!open || open.state !== 'open' || this.clock.now() >= open.closesAt) return { kind: 'none' };
    const { store, show, reads } = this.deps;
    // The rules it runs by are on the view: a burst of entries reads no row before its own transaction.
    const no = await ineligibility(store, show.id, buyer.viewerId, open, async (id) => (await reads.viewerLines(id)).length);
    if (no) return { kind: 'ineligible', giveaway: open, reason: no.reason, ...(no.have !== undefined && { have: no.have }) };
    const outcome = await store.writes.run(async (t) => {
      const current = await store.models.Giveaway.findByPk(open.id, { transaction: t });
      if (!current || current.state !== 'open' || this.clock.now() >= current.closesAt.getTime()) return 'none' as const;
      const already = await store.models.GiveawayEntry.findOne({ where: { giveawayId: current.id, viewerId: buyer.viewerId }, transaction: t });
      if (already) return 'already' as const;
      if (current.entries >= current.rules.maxEntries) return 'full' as const;
      const hash = entryHash(current.key, buyer.platform, buyer.userId);
      try {
        await store.models.GiveawayEntry.create(
          { giveawayId: current.id, viewerId: buyer.viewerId, identityId: buyer.identityId, platform: buyer.platform, channelId: buyer.channelId, hash },
          { transaction: t },
        );
      } catch (err) {
        if (err instanceof UniqueConstraintError) return 'already' as const;
        throw err;
      }
      await current.increment('entries', { transaction: t });
      return 'entered' as const;
    });
    if (outcome === 'none') return { kind: 'none' };
    if (outcome === 'entered') {
      this.entrants.set(buyer.viewerId, buyer);
      this.view = { ...this.view!, entries: this.view!.entries + 1 };
      void this.deps.bus.emit('giveaway.entered', { giveaway: this.view, platform: buyer.platform, viewerId: buyer.viewerId });
    }
    return { kind: outcome, giveaway: this.view! };
  }

  /** `!claim` from the current winner, within the claim window: the prize goes in their cart at no charge. */
  async claim(buyer: Buyer): Promise<ClaimResult> {
    const view = this.current();
    if (!view || view.state !== 'claiming') return { kind: 'none' };
    if (view.winnerViewerId !== buyer.viewerId) return { kind: 'not-winner', giveaway: view };
    const { store } = this.deps;
    const result = await store.writes.run(async (t) => {
      const row = await store.models.Giveaway.findByPk(view.id, { transaction: t });
      if (!row || row.state !== 'claiming' || row.winnerViewerId !== buyer.viewerId || this.clock.now() > (row.claimUntil?.getTime() ?? 0)) return undefined;
      const lot = { showId: row.showId, sku: row.sku, variant: row.variant, payWithinMs: this.deps.show.config.checkout?.hold ?? 15 * 60_000 };
      const win = await fileWin(this.filing, t, lot, this.entrants.get(buyer.viewerId) ?? buyer, 0);
      if (!win) return { row, win: undefined };
      await row.update({ state: 'claimed', prizeOrderId: win.order.id }, { transaction: t });
      return { row, win };
    });
    if (!result) return { kind: 'none' };
    if (!result.win) return { kind: 'no-stock', giveaway: view };
    this.apply(result.row);
    await this.deps.bus.emit('giveaway.claimed', { giveaway: this.view!, win: result.win, at: this.clock.now() });
    return { kind: 'claimed', giveaway: this.view!, win: result.win };
  }

  /** Closes the entries now (the dashboard, or the window's end) and draws the first winner. */
  async close(by = 'api'): Promise<GiveawayView | undefined> {
    const view = this.view;
    if (!view || view.state !== 'open') return undefined;
    await this.draw(view.id, 'open', by);
    return this.view;
  }

  async proof(key: string): Promise<GiveawayProof | undefined> {
    const { store, show } = this.deps;
    const row = await store.models.Giveaway.findOne({ where: { showId: show.id, key }, order: [['id', 'DESC']] });
    if (!row) return undefined;
    const entries =
      row.state === 'open' ? [] : (await store.models.GiveawayEntry.findAll({ where: { giveawayId: row.id }, attributes: ['hash'] })).map((e) => e.hash).sort();
    return {
      giveaway: row.key,
      state: row.state,
      commitment: row.commitment,
      seed: row.state === 'open' ? undefined : row.seed,
      entries,
      draws: row.draws,
      rule: DRAW_RULE,
    };
  }

  dispose(): void {
    this.timer?.stop();
    this.timer = undefined;
  }

  /**
   * Draws the next round in one transaction: from `open` (entries close) or from `claiming` (the
   * winner let the claim window pass). Nobody left to draw ends it.
   */
  private async draw(id: number, from: 'open' | 'claiming', by: string): Promise<void> {
    const { store } = this.deps;
    const now = this.clock.now();
    const drawn = await store.writes.run(async (t) => {
      const row = await store.models.Giveaway.findByPk(id, { transaction: t });
      if (!row || row.state !== from) return undefined;
      const entries = await store.models.GiveawayEntry.findAll({ where: { giveawayId: id }, transaction: t });
      const round = row.round + 1;
      const pick = drawRound(
        row.seed,
        round,
        entries.map((e) => e.hash),
        row.draws.map((d) => d.winner),
      );
      const closed = { ...(from === 'open' && { closedAt: new Date(now) }) };
      if (!pick) {
        await row.update({ ...closed, state: row.draws.length === 0 ? 'empty' : 'unclaimed', winnerViewerId: null, claimUntil: null }, { transaction: t });
        return { row, entry: undefined };
      }
      const entry = entries.find((e) => e.hash === pick.winner)!;
      const draws = [...row.draws, { round, winner: pick.winner, digest: pick.digest, at: new Date(now).toISOString() }];
      const claimUntil = new Date(now + row.rules.claimWithinMs);
      await row.update({ ...closed, state: 'claiming', round, draws, winnerViewerId: entry.viewerId, claimUntil }, { transaction: t });
      const identity = await store.models.Identity.findByPk(entry.identityId, { transaction: t });
      return { row, entry, name: identity?.displayName, userId: identity?.platformUserId };
    });
    if (!drawn) return;
    const { row, entry } = drawn;
    const known = entry && this.entrants.get(entry.viewerId);
    const winner: Buyer | undefined =
      entry &&
      (known ?? {
        viewerId: entry.viewerId,
        identityId: entry.identityId,
        platform: entry.platform as Buyer['platform'],
        userId: drawn.userId ?? '',
        name: drawn.name ?? '',
        channelId: entry.channelId,
      });
    if (winner) this.entrants.set(winner.viewerId, winner);
    this.apply(row);
    if (winner) await this.deps.bus.emit('giveaway.drawn', { giveaway: this.view!, winner, round: row.round, by, at: now });
    else await this.deps.bus.emit('giveaway.ended', { giveaway: this.view!, reason: row.state === 'empty' ? 'empty' : 'unclaimed', by });
  }

  private running(t?: Transaction): Promise<GiveawayRow | null> {
    return this.deps.store.models.Giveaway.findOne({
      where: { showId: this.deps.show.id, state: ['open', 'claiming'] },
      order: [['id', 'DESC']],
      transaction: t,
    });
  }

  private apply(row: GiveawayRow): void {
    this.view = viewOf(row, row.winnerViewerId === null ? undefined : this.entrants.get(row.winnerViewerId)?.name);
    this.timer?.stop();
    this.timer = undefined;
    const due = row.state === 'open' ? row.closesAt.getTime() : row.state === 'claiming' ? row.claimUntil?.getTime() : undefined;
    if (due === undefined) return;
    const from = row.state as 'open' | 'claiming';
    this.timer = this.clock.after(Math.max(0, due - this.clock.now()), () => {
      this.draw(row.id, from, 'clock').catch((err: unknown) => this.deps.log.error({ err }, 'giveaway could not be drawn'));
    });
  }
}

function viewOf(row: GiveawayRow, winnerName: string | undefined): GiveawayView {
  const closed = row.state !== 'open';
  return {
    id: row.id,
    key: row.key,
    sku: row.sku,
    title: row.rules.title,
    state: row.state,
    keyword: row.rules.keyword,
    eligible: row.rules.eligible,
    minLines: row.rules.minLines,
    entries: row.entries,
    openedAt: row.openedAt.getTime(),
    closesAt: row.closesAt.getTime(),
    commitment: row.commitment,
    seed: closed ? row.seed : undefined,
    round: row.round,
    winnerViewerId: row.winnerViewerId ?? undefined,
    winnerName,
    claimUntil: row.claimUntil?.getTime(),
  };
}

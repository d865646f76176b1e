import type { Outbound, Platform } from '../../chat-types.js';
import type { FeatureContext } from '../feature.js';
import { featureProduct } from '../orders/feature-product.js';
import { after, type Cancel } from '../promotions/schedulers.js';
import { PollRun, validatePoll, type PollDefinition } from './poll-run.js';
import { PollStore } from './poll-store.js';
import { pollOpenText, pollProgressText, pollResultText, voteHint } from './poll-texts.js';
import type { PollControl, PollStart, PollStartResult, PollView } from './poll-types.js';

/** Live totals for the overlay and dashboard, at most this often while votes pour in. */
const UPDATE_EVERY_MS = 500;
/** A poll this long gets one standings line in chat halfway, so latecomers see where it stands. */
const HALFWAY_FROM_MS = 60_000;
const HISTORY = 20;

export interface Polls {
  feature: (ctx: FeatureContext) => () => void;
  control: PollControl;
}

/**
 * Cross-platform polls: one poll at a time, shown natively where the platform can (a Telegram
 * poll), with buttons on Discord and as `!vote N` everywhere. Each viewer counts once (linked
 * identities are one viewer), a new choice replaces the old one, totals are merged over every
 * platform, and the result is announced everywhere, stored, and may feature the winning product.
 */
export function createPolls(): Polls {
  let runner: PollRunner | undefined;
  // A reload of the show file re-wires every feature; the poll running then carries on.
  let carried: Carried | undefined;
  const control: PollControl = {
    start: (request) => runner?.start(request, 'api') ?? Promise.resolve({ ok: false, reason: 'not-ready', message: 'Polls are not running yet.' }),
    stop: (id) => runner?.stop(id) ?? Promise.resolve(false),
    list: () => runner?.list() ?? [],
    current: () => runner?.current(),
  };
  const feature = (ctx: FeatureContext): (() => void) => {
    const mine = new PollRunner(ctx, carried);
    carried = undefined;
    runner = mine;
    return () => {
      carried = mine.dispose();
      if (runner === mine) runner = undefined;
    };
  };
  return { feature, control };
}

/** What one wiring hands the next: the open poll and the recent results. */
interface Carried {
  open: PollRun | undefined;
  history: PollView[];
}

class PollRunner {
  private readonly store: PollStore;
  private readonly ready: Promise<unknown>;
  private open: PollRun | undefined;
  private readonly history: PollView[];
  private timers: Cancel[] = [];
  private scheduled: Cancel[] = [];
  private updateTimer: NodeJS.Timeout | undefined;
  private starting = false;
  private typed = 0;
  private readonly offs: Array<() => void>;

  constructor(
    private readonly ctx: FeatureContext,
    carried?: Carried,
  ) {
    this.store = new PollStore(ctx.store, ctx.show.id, (err, lost) => ctx.log.error({ err, lost }, 'votes could not be stored'));
    this.history = carried?.history ?? [];
    this.open = carried?.open;
    if (this.open) this.schedule(this.open);
    // A process that stopped mid-poll left it open; nothing can close it now but us.
    this.ready = carried
      ? Promise.resolve()
      : this.store.closeAbandoned().catch((err: unknown) => ctx.log.error({ err }, 'could not close abandoned polls'));
    ctx.commands.handle('vote', async ({ event, viewer, command, prefix }) => {
      const option = Number(command.args.option);
      const ref = typeof command.args.poll === 'string' ? command.args.poll : undefined;
      return this.vote(viewer.viewerId, event.platform, option - 1, prefix, ref);
    });
    this.offs = [
      ctx.bus.on('poll.answer', ({ viewer, event, pollKey, options }) => void this.answer(viewer.viewerId, event.platform, pollKey, options)),
      ctx.bus.on('stream.live', ({ at }) => this.live(at)),
      ctx.bus.on('stream.offline', () => this.offline()),
    ];
    const elapsed = ctx.show.clock().showMs;
    if (ctx.show.state === 'live' && elapsed !== null) this.live(Date.now() - elapsed, Date.now());
  }

  current(): PollView | undefined {
    return this.open?.view();
  }

  list(): PollView[] {
    return [...(this.open ? [this.open.view()] : []), ...this.history];
  }

  async start(request: PollStart, by: 'api' | 'schedule'): Promise<PollStartResult> {
    const definition = this.definitionOf(request);
    if ('message' in definition) return definition;
    if (this.open || this.starting) {
      return { ok: false, reason: 'running', message: `A poll is running already (${this.open?.definition.id ?? 'starting'}); stop it first.` };
    }
    this.starting = true;
    try {
      await this.ready;
      const startedAt = Date.now();
      const rowId = await this.store.open(definition.id, definition.question, definition.options, startedAt, startedAt + definition.durationMs);
      const run = new PollRun(definition, rowId, startedAt);
      this.open = run;
      this.schedule(run);
      const view = run.view();
      this.ctx.events.append({ type: 'poll.started', data: { poll: view, by } });
      this.ctx.outbox.enqueue(this.opening(run, view));
      await this.ctx.bus.emit('poll.started', { poll: view });
      return { ok: true, poll: view };
    } finally {
      this.starting = false;
    }
  }

  /** Ends the open poll `id` now (the dashboard's stop button); false when it is not the open one. */
  async stop(id: string): Promise<boolean> {
    const run = this.open;
    if (!run || (run.definition.id !== id && run.ref !== id)) return false;
    await this.close(run);
    return true;
  }

  /** Stops this wiring; the open poll and the history are handed on for the next one. */
  dispose(): Carried {
    this.offline();
    this.clearRunTimers();
    for (const off of this.offs) off();
    void this.store.flush();
    return { open: this.open, history: this.history };
  }

  private definitionOf(request: PollStart): PollDefinition | Extract<PollStartResult, { ok: false }> {
    if ('id' in request) {
      const yaml = this.ctx.config.engagement.polls.find((p) => p.id === request.id);
      if (!yaml) return { ok: false, reason: 'unknown', message: `No poll "${request.id}" in the show file.` };
      return { id: yaml.id, question: yaml.question, options: yaml.options, durationMs: yaml.duration, ...(yaml.features && { features: yaml.features }) };
    }
    const problem = validatePoll(request);
    if (problem !== undefined) return { ok: false, reason: 'invalid', message: problem };
    this.typed += 1;
    return { id: `api-${Date.now().toString(36)}-${this.typed}`, question: request.question.trim(), options: request.options.map((o) => o.trim()), durationMs: request.durationMs };
  }

  /** Native on Telegram, buttons on Discord, text with `!vote N` everywhere. */
  private opening(run: PollRun, view: PollView): Outbound {
    return {
      priority: 'alert',
      target: { kind: 'broadcast' },
      body: { kind: 'text', text: pollOpenText(view) },
      buttons: view.options.map((o, i) => ({ label: `${i + 1}. ${o.label}`, command: `!vote ${i + 1} ${run.ref}` })),
      poll: { key: run.ref, question: view.question, options: view.options.map((o) => o.label) },
    };
  }

  /** The close (and the halfway line) from now; a poll carried over a reload keeps its own end. */
  private schedule(run: PollRun): void {
    const duration = run.definition.durationMs;
    const now = Date.now();
    this.timers.push(after(run.endsAt - now, () => void this.close(run)));
    const halfway = run.startedAt + duration / 2;
    if (duration >= HALFWAY_FROM_MS && halfway > now) {
      this.timers.push(
        after(halfway - now, () => {
          if (this.open !== run || run.tally.ballotsOf().length === 0) return;
          this.ctx.outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text: pollProgressText(run.view(), Date.now()) } });
        }),
      );
    }
  }

  private async vote(viewerId: number, platform: Platform, option: number, prefix: string, ref?: string): Promise<Array<{ text: string; private?: boolean }>> {
    const run = this.open;
    if (!run) return [{ text: 'No poll is running right now.' }];
    if (ref !== undefined && ref !== run.ref) return [{ text: 'That poll has closed; your vote did not count there.', private: true }];
    if (!Number.isInteger(option) || option < 0 || option >= run.definition.options.length) {
      return [{ text: `${run.definition.question} has ${run.definition.options.length} options. ${voteHint(prefix, run.definition.options.length)}` }];
    }
    const result = this.cast(run, viewerId, platform, option);
    // A first vote is acknowledged by the running totals, not by a reply per viewer: a whole
    // audience voting at once would otherwise flood every chat past its rate limit.
    if (result.kind === 'changed') return [{ text: `Changed your vote to ${run.definition.options[option]}.`, private: true }];
    return [];
  }

  private async answer(viewerId: number, platform: Platform, ref: string, options: number[]): Promise<void> {
    const run = this.open;
    if (!run || run.ref !== ref) return;
    const option = options[0];
    if (option === undefined) {
      if (!run.tally.retract(viewerId)) return;
      this.store.record(run.rowId, viewerId, null);
      this.ctx.events.append({ type: 'poll.vote', platform, viewerId, data: { poll: run.definition.id, option: null, replaced: true } });
      this.changed(run);
      return;
    }
    if (option >= 0 && option < run.definition.options.length) this.cast(run, viewerId, platform, option);
  }

  private cast(run: PollRun, viewerId: number, platform: Platform, option: number): ReturnType<PollRun['cast']> {
    const result = run.cast(viewerId, option, platform);
    if (result.kind === 'same') return result;
    this.store.record(run.rowId, viewerId, { option, platform });
    this.ctx.events.append({ type: 'poll.vote', platform, viewerId, data: { poll: run.definition.id, option, replaced: result.kind === 'changed' } });
    this.changed(run);
    return result;
  }

  private changed(run: PollRun): void {
    this.updateTimer ??= setTimeout(() => {
      this.updateTimer = undefined;
      if (this.open === run) void this.ctx.bus.emit('poll.updated', { poll: run.view() });
    }, UPDATE_EVERY_MS);
  }

  private async close(run: PollRun): Promise<void> {
    if (this.open !== run) return;
    this.open = undefined;
    run.state = 'closed';
    this.clearRunTimers();
    try {
      // Accounts linked during the poll were merged in the store, one vote kept: count what it kept.
      run.tally.reset(await this.store.votes(run.rowId));
      const view = run.view();
      await this.store.close(run.rowId, view.options.map((o) => o.votes));
      this.history.unshift(view);
      this.history.length = Math.min(this.history.length, HISTORY);
      this.ctx.events.append({ type: 'poll.ended', data: { poll: view } });
      const next = await this.next(run);
      this.ctx.outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text: pollResultText(view, next) }, closesPoll: run.ref });
      await this.ctx.bus.emit('poll.ended', { poll: view });
    } catch (err) {
      this.ctx.log.error({ err, poll: run.definition.id }, 'poll could not be closed cleanly');
    }
  }

  /** The segment the poll decided: the winner's product goes on screen. */
  private async next(run: PollRun): Promise<string | undefined> {
    const sku = run.decided();
    const item = sku === undefined ? undefined : this.ctx.commerce.catalog.find(sku);
    if (!item) return undefined;
    return featureProduct(this.ctx, item, { name: 'poll' });
  }

  private clearRunTimers(): void {
    for (const t of this.timers) t.stop();
    this.timers = [];
    clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
  }

  /** A show run began: polls with an `at` start then (one whose time has passed while we joined late is skipped). */
  private live(startedAt: number, joinedAt?: number): void {
    this.offline();
    const now = Date.now();
    for (const poll of this.ctx.config.engagement.polls) {
      if (poll.at === undefined) continue;
      if (joinedAt !== undefined && joinedAt - startedAt > poll.at + poll.duration) continue;
      this.scheduled.push(
        after(startedAt + poll.at - now, () => {
          void this.start({ id: poll.id }, 'schedule').then((r) => {
            if (!r.ok) this.ctx.events.append({ type: 'poll.skipped', data: { id: poll.id, reason: r.reason } });
          });
        }),
      );
    }
  }

  /** Off air nothing new starts; a poll already running still ends and is announced. */
  private offline(): void {
    for (const s of this.scheduled) s.stop();
    this.scheduled = [];
  }
}

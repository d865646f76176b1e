import { viewer, type Outbound, type Platform } from '../../chat-types.js';
import type { CommandReply } from '../../commands/command-router.js';
import type { Feature, FeatureServices } from '../../feature.js';
import { featureProduct } from '../orders/feature-product.js';
import { command } from '../../commands/command-specs.js';
import { after } from '../../shared/after.js';
import type { Cancel } from '../../shared/cron.js';
import type { PollStore } from '../../store/poll-store.js';
import { choiceOf } from './poll-choice.js';
import { PollRun, validatePoll, type PollDefinition } from './poll-run.js';
import { pollOpenText, pollProgressText, pollResultText, voteHint } from './poll-texts.js';
import type { PollControl, PollStart, PollStartResult, PollView } from '../../events/poll-types.js';

/** Live totals for the overlay and dashboard, at most this often while votes pour in. */
const UPDATE_EVERY_MS = 500;
/** A poll this long gets one standings line in chat halfway, so latecomers see where it stands. */
const HALFWAY_FROM_MS = 60_000;
const HISTORY = 20;

// The option's number or name, as the viewer typed it; buttons add the poll's ref after the number
// ("!vote 2 p17"), so a press on an old poll's button is not counted in a new one.
const VOTE = command('vote', 'N', 'vote in the running poll', [{ name: 'option', type: 'rest', required: true }]);
const BUTTON = /^#?(\d+)\s+(p\d+)$/u;

/**
 * Cross-platform polls: one poll at a time, shown natively where the platform can (a Telegram
 * poll), with buttons on Discord and as `!vote N` everywhere. Each viewer counts once (linked
 * identities are one viewer), a new choice replaces the old one, totals are merged over every
 * platform, and the result is announced everywhere, stored, and may feature the winning product.
 * The open poll lives as long as the process; the show file's schedule of polls is wired.
 */
export const polls: Feature<PollRunner> = {
  name: 'polls',
  commands: [VOTE],
  start: (services) => new PollRunner(services),
  wire: ({ config, commands, timetable }, runner) => {
    commands.handle(VOTE, ({ event, viewer: who, command: typed, prefix }) => {
      const words = String(typed.args.option ?? '').trim();
      const button = BUTTON.exec(words);
      return button ? runner.vote(who.viewerId, event.platform, button[1]!, prefix, button[2]) : runner.vote(who.viewerId, event.platform, words, prefix);
    });
    for (const poll of config.engagement.polls) {
      if (poll.at === undefined) continue;
      // Registered mid-run (a reload), a poll whose time has come but not gone starts at once.
      timetable.at(`poll:${poll.id}`, poll.at, () => runner.startScheduled(poll.id), { slackMs: poll.duration });
    }
  },
  stop: (runner) => runner.dispose(),
};

class PollRunner {
  private readonly store: PollStore;
  private readonly ready: Promise<unknown>;
  private open: PollRun | undefined;
  private readonly history: PollView[] = [];
  private timers: Cancel[] = [];
  private updateTimer: NodeJS.Timeout | undefined;
  private starting = false;
  private typed = 0;

  constructor(private readonly ctx: FeatureServices) {
    this.store = ctx.pollRecords;
    // A process that stopped mid-poll left it open; nothing can close it now but us.
    this.ready = this.store.closeAbandoned().catch((err: unknown) => ctx.log.error({ err }, 'could not close abandoned polls'));
    ctx.bus.on('poll.answer', ({ viewer, event, pollKey, options }) => this.answer(viewer.viewerId, event.platform, pollKey, options));
  }

  /** The dashboard's view of polls: start, stop, and what ran. */
  readonly control: PollControl = {
    start: (request) => this.start(request, 'api'),
    stop: (id) => this.stop(id),
    list: () => this.list(),
    current: () => this.current(),
  };

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
      this.ctx.outbox.enqueue(this.opening(run, view));
      await this.ctx.bus.emit('poll.started', { poll: view, by });
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

  /** A poll of the show file whose `at` came; a refusal (one is running) is told, not thrown. */
  startScheduled(id: string): void {
    void this.start({ id }, 'schedule').then((r) => {
      if (!r.ok) void this.ctx.bus.emit('poll.skipped', { id, reason: r.reason });
    });
  }

  /** Shutdown: timers cleared and votes written. */
  dispose(): void {
    this.clearRunTimers();
    void this.store.flush();
  }

  private definitionOf(request: PollStart): PollDefinition | Extract<PollStartResult, { ok: false }> {
    if ('id' in request) {
      const yaml = this.ctx.show.config.engagement.polls.find((p) => p.id === request.id);
      if (!yaml) return { ok: false, reason: 'unknown', message: `No poll "${request.id}" in the show file.` };
      return { id: yaml.id, question: yaml.question, options: yaml.options, durationMs: yaml.duration, ...(yaml.features && { features: yaml.features }) };
    }
    const problem = validatePoll(request);
    if (problem !== undefined) return { ok: false, reason: 'invalid', message: problem };
    this.typed += 1;
    return {
      id: `api-${Date.now().toString(36)}-${this.typed}`,
      question: request.question.trim(),
      options: request.options.map((o) => o.trim()),
      durationMs: request.durationMs,
    };
  }

  /** Native on Telegram, buttons on Discord, text with `!vote N` everywhere. */
  private opening(run: PollRun, view: PollView): Outbound {
    return {
      priority: 'alert',
      target: { kind: 'broadcast' },
      body: { kind: 'text', text: pollOpenText(this.ctx.show.texts, view) },
      buttons: view.options.map((o, i) => ({ label: `${i + 1}. ${o.label}`, command: `!vote ${i + 1} ${run.ref}` })),
      poll: { key: run.ref, question: view.question, options: view.options.map((o) => o.label) },
    };
  }

  /** The close (and the halfway line) of a poll that just opened. */
  private schedule(run: PollRun): void {
    const duration = run.definition.durationMs;
    const now = Date.now();
    this.timers.push(after(run.endsAt - now, () => void this.close(run)));
    const halfway = run.startedAt + duration / 2;
    if (duration >= HALFWAY_FROM_MS && halfway > now) {
      this.timers.push(
        after(halfway - now, () => {
          if (this.open !== run || run.tally.ballotsOf().length === 0) return;
          this.ctx.outbox.enqueue({
            priority: 'alert',
            target: { kind: 'broadcast' },
            body: { kind: 'text', text: pollProgressText(this.ctx.show.texts, run.view(), Date.now()) },
          });
        }),
      );
    }
  }

  /** `!vote …`: `typed` is the option's number or (the start of) its name. */
  async vote(viewerId: number, platform: Platform, typed: string, prefix: string, ref?: string): Promise<CommandReply[]> {
    const { texts } = this.ctx.show;
    const run = this.open;
    if (!run) return [{ text: texts.t('polls.none') }];
    if (ref !== undefined && ref !== run.ref) return [{ text: texts.t('polls.stale'), private: true }];
    const { options, question } = run.definition;
    const choice = choiceOf(typed, options);
    if (choice.kind === 'ambiguous') {
      const fits = texts.list(choice.options.map((i) => options[i]!));
      return [{ ...texts.said('polls.ambiguous', { typed: viewer(typed), options: fits }), private: true }];
    }
    if (choice.kind === 'none') {
      return [{ text: texts.t('polls.noSuchOption', { question, count: options.length, hint: voteHint(texts, prefix, options.length) }) }];
    }
    const label = options[choice.index]!;
    const result = this.cast(run, viewerId, platform, choice.index);
    if (result.kind === 'changed') return [{ text: texts.t('polls.changed', { label }), private: true }];
    // Confirmed privately, and only where the platform has private messages: in a room, a whole
    // audience voting at once would flood it past its rate limit; the running totals answer there.
    if (!this.ctx.outbox.canDirectMessage(platform)) return [];
    return [{ text: texts.t('polls.counted', { label }), private: true }];
  }

  private async answer(viewerId: number, platform: Platform, ref: string, options: number[]): Promise<void> {
    const run = this.open;
    if (!run || run.ref !== ref) return;
    const option = options[0];
    if (option === undefined) {
      if (!run.tally.retract(viewerId)) return;
      this.store.record(run.rowId, viewerId, null);
      void this.ctx.bus.emit('poll.vote', { platform, viewerId, poll: run.definition.id, option: null, replaced: true });
      this.changed(run);
      return;
    }
    if (option >= 0 && option < run.definition.options.length) this.cast(run, viewerId, platform, option);
  }

  private cast(run: PollRun, viewerId: number, platform: Platform, option: number): ReturnType<PollRun['cast']> {
    const result = run.cast(viewerId, option, platform);
    if (result.kind === 'same') return result;
    this.store.record(run.rowId, viewerId, { option, platform });
    void this.ctx.bus.emit('poll.vote', { platform, viewerId, poll: run.definition.id, option, replaced: result.kind === 'changed' });
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
      await this.store.close(
        run.rowId,
        view.options.map((o) => o.votes),
      );
      this.history.unshift(view);
      this.history.length = Math.min(this.history.length, HISTORY);
      const next = await this.next(run);
      this.ctx.outbox.enqueue({
        priority: 'alert',
        target: { kind: 'broadcast' },
        body: { kind: 'text', text: pollResultText(this.ctx.show.texts, view, next) },
        closesPoll: run.ref,
      });
      await this.ctx.bus.emit('poll.ended', { poll: view });
    } catch (err) {
      this.ctx.log.error({ err, poll: run.definition.id }, 'poll could not be closed cleanly');
    }
  }

  /** The segment the poll decided: the winner's product goes on screen. */
  private async next(run: PollRun): Promise<string | undefined> {
    const sku = run.decided();
    const item = sku === undefined ? undefined : this.ctx.show.catalog.find(sku);
    if (!item) return undefined;
    return featureProduct(this.ctx.show, item, { name: 'poll' });
  }

  private clearRunTimers(): void {
    for (const t of this.timers) t.stop();
    this.timers = [];
    clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
  }
}

import type { FeatureContext } from '../feature.js';
import { announcement } from '../promotions/promotions-context.js';
import { liveText, recapText, upcomingText } from './announcement-texts.js';
import { dueAnnouncement, nextWake } from './due.js';
import { nextShowStart } from './next-start.js';
import { recapFacts, type RecapFacts } from './recap-facts.js';
import type { Models } from '../../store/models.js';

/** The part of the feature context announcements use, so tests hand in small fakes. */
export type AnnouncementsContext = Pick<FeatureContext, 'config' | 'bus' | 'outbox' | 'events' | 'log' | 'store'> & {
  show: Pick<FeatureContext['show'], 'id' | 'state' | 'clock'>;
};

export interface AnnouncementsOptions {
  /** Where the recap numbers come from; the store unless a test hands in its own. */
  facts?: (models: Models, showId: string, since: number) => Promise<RecapFacts>;
}

// setTimeout overflows past ~24.8 days; waking at least this often also re-reads the clock.
const MAX_SLEEP = 6 * 3600_000;

/** Announcements before each scheduled show, "we are live" with watch links, and a recap at the end. */
export function createAnnouncements(options: AnnouncementsOptions = {}): (ctx: AnnouncementsContext) => () => void {
  const facts = options.facts ?? recapFacts;
  return (ctx) => {
    const { show: meta, engagement } = ctx.config;
    const settings = engagement.announcements;
    let timer: NodeJS.Timeout | undefined;
    let plannedStart: number | undefined;
    let handled = new Set<number>();
    let liveSince: number | undefined;

    const say = (kind: string, text: string) => {
      ctx.events.append({ type: 'announcement.sent', data: { kind, text } });
      ctx.outbox.enqueue(announcement(text));
    };

    // Announce what is due for the next show, then sleep until the next moment that matters.
    const plan = () => {
      clearTimeout(timer);
      timer = undefined;
      const now = Date.now();
      const next = nextShowStart(meta.schedule, meta.timezone, now);
      if (!next) return;
      if (next.start !== plannedStart) {
        plannedStart = next.start;
        handled = new Set();
      }
      const due = dueAnnouncement(next.start, settings.before, now, handled);
      for (const offset of due.handled) handled.add(offset);
      // On air already (started early): "starts in 10 minutes" would only confuse.
      if (due.announce !== undefined && liveSince === undefined) {
        say('upcoming', upcomingText({ name: meta.name, title: next.entry.title, start: next.start, now, timeZone: meta.timezone }));
      }
      const wake = nextWake(next.start, settings.before, now, handled);
      timer = setTimeout(plan, Math.min(MAX_SLEEP, Math.max(0, wake - now)));
    };

    const recap = async (since: number) => {
      const { paidOrders, soldOut } = await facts(ctx.store.models, ctx.show.id, since);
      const now = Date.now();
      const next = nextShowStart(meta.schedule, meta.timezone, now);
      say('recap', recapText({ name: meta.name, paidOrders, soldOut, next: next && { title: next.entry.title, start: next.start }, now, timeZone: meta.timezone }));
    };

    const offs = [
      ctx.bus.on('stream.live', ({ at }) => {
        if (liveSince !== undefined) return;
        liveSince = at;
        if (settings.live) say('live', liveText(meta.name, settings.watchLinks));
      }),
      ctx.bus.on('stream.offline', async () => {
        const since = liveSince;
        liveSince = undefined;
        plan();
        if (since === undefined || !settings.recap) return;
        try {
          await recap(since);
        } catch (err) {
          ctx.log.error({ err }, 'the show recap could not be made');
        }
      }),
    ];
    // Wired mid-show: the run began where the show clock says.
    const elapsed = ctx.show.clock().showMs;
    if (ctx.show.state === 'live' && elapsed !== null) liveSince = Date.now() - elapsed;
    plan();

    return () => {
      for (const off of offs) off();
      clearTimeout(timer);
    };
  };
}

/** The feature as `FEATURES` lists it: recap numbers from the store. */
export const announcements = createAnnouncements();

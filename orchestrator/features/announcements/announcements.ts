import type { RecapFacts } from '../../store/show-reads.js';
import type { Feature, FeatureServices } from '../../feature.js';
import { announcement } from '../promotions/promotions-context.js';
import { liveText, recapText, upcomingText } from './announcement-texts.js';
import { dueAnnouncement, nextWake } from './due.js';
import { nextShowStart } from './next-start.js';

export interface AnnouncementsOptions {
  /** Where the recap numbers come from; the store unless a test hands in its own. */
  facts?: (since: number) => Promise<RecapFacts>;
}

// setTimeout overflows past ~24.8 days; waking at least this often also re-reads the clock.
const MAX_SLEEP = 6 * 3600_000;

/**
 * The announcement plan: what was already said before the next scheduled show, and when the show
 * went live. It reads the show file in force whenever it plans, so a reload changes the schedule
 * without repeating an announcement already made.
 */
class Announcer {
  private timer: NodeJS.Timeout | undefined;
  private plannedStart: number | undefined;
  private handled = new Set<number>();
  private liveSince: number | undefined;

  constructor(
    private readonly services: FeatureServices,
    private readonly facts: (since: number) => Promise<RecapFacts>,
  ) {
    services.bus.on('show.live', ({ at }) => this.live(at));
    services.bus.on('show.offline', () => this.offline());
  }

  /** Announces what is due for the next show, then sleeps until the next moment that matters. */
  plan(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { show: meta, engagement } = this.services.show.config;
    const now = Date.now();
    const next = nextShowStart(meta.schedule, meta.timezone, now);
    if (!next) return;
    if (next.start !== this.plannedStart) {
      this.plannedStart = next.start;
      this.handled = new Set();
    }
    const before = engagement.announcements.before;
    const due = dueAnnouncement(next.start, before, now, this.handled);
    for (const offset of due.handled) this.handled.add(offset);
    // On air already (started early): "starts in 10 minutes" would only confuse.
    if (due.announce !== undefined && this.liveSince === undefined) {
      this.say(
        'upcoming',
        upcomingText(this.services.show.texts, { name: meta.name, title: next.entry.title, start: next.start, now, timeZone: meta.timezone }),
      );
    }
    const wake = nextWake(next.start, before, now, this.handled);
    this.timer = setTimeout(() => this.plan(), Math.min(MAX_SLEEP, Math.max(0, wake - now)));
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private live(at: number): void {
    if (this.liveSince !== undefined) return;
    this.liveSince = at;
    const { show: meta, engagement } = this.services.show.config;
    if (engagement.announcements.live) this.say('live', liveText(this.services.show.texts, meta.name, engagement.announcements.watchLinks));
  }

  private async offline(): Promise<void> {
    const since = this.liveSince;
    this.liveSince = undefined;
    this.plan();
    if (since === undefined || !this.services.show.config.engagement.announcements.recap) return;
    try {
      const { paidOrders, soldOut } = await this.facts(since);
      const { show: meta } = this.services.show.config;
      const now = Date.now();
      const next = nextShowStart(meta.schedule, meta.timezone, now);
      this.say(
        'recap',
        recapText(this.services.show.texts, {
          name: meta.name,
          paidOrders,
          soldOut,
          next: next && { title: next.entry.title, start: next.start },
          now,
          timeZone: meta.timezone,
        }),
      );
    } catch (err) {
      this.services.log.error({ err }, 'the show recap could not be made');
    }
  }

  private say(kind: string, text: string): void {
    void this.services.bus.emit('announcement.sent', { kind, text });
    this.services.outbox.enqueue(announcement(text));
  }
}

/** Announcements before each scheduled show, "we are live" with watch links, and a recap at the end. */
export function createAnnouncements(options: AnnouncementsOptions = {}): Feature<Announcer> {
  return {
    name: 'announcements',
    start: (services) => new Announcer(services, options.facts ?? ((since) => services.reads.recapFacts(since))),
    // The show file in force may have a new schedule: plan from it now.
    wire: (_ctx, announcer) => announcer.plan(),
    stop: (announcer) => announcer.stop(),
  };
}

/** The feature as `FEATURES` lists it: recap numbers from the store. */
export const announcements = createAnnouncements();

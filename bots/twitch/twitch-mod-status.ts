/**
 * Whether the bot may moderate in each channel, as Twitch tells the bot itself: the USERSTATE it
 * gets on joining and after each line it sends carries its badges. Helix refuses every delete and
 * timeout of a bot that is neither a moderator nor the broadcaster there, so the seller is told at
 * start and on the dashboard (the channel's state), not only in a log line per refused action.
 */
export class ModeratorStatus {
  /** Per channel login (no "#"): the latest USERSTATE said the bot may moderate. */
  private readonly byChannel = new Map<string, boolean>();

  /** Reads one raw IRC message from tmi.js; only USERSTATE counts. */
  heard(message: { command?: unknown; params?: unknown; tags?: unknown }): void {
    if (message.command !== 'USERSTATE' || !Array.isArray(message.params)) return;
    const channel = String(message.params[0] ?? '')
      .replace(/^#/, '')
      .toLowerCase();
    if (channel === '') return;
    this.byChannel.set(channel, mayModerate(typeof message.tags === 'object' && message.tags !== null ? (message.tags as Record<string, unknown>) : {}));
  }

  /** Channels whose USERSTATE said the bot is no moderator; channels not heard from yet are left out. */
  notModeratorIn(channels: readonly string[]): string[] {
    return channels.filter((c) => this.byChannel.get(c.toLowerCase()) === false);
  }

  /** Forgets what a closed connection heard: the next one hears it afresh. */
  clear(): void {
    this.byChannel.clear();
  }
}

/** A moderator badge, the broadcaster badge, or Twitch's `mod`/`user-type` tags (in either of tmi.js's parsed or raw forms). */
export function mayModerate(tags: Record<string, unknown>): boolean {
  const badges = tags.badges;
  const names =
    typeof badges === 'string' ? badges.split(',').map((b) => b.split('/')[0]) : typeof badges === 'object' && badges !== null ? Object.keys(badges) : [];
  if (names.includes('moderator') || names.includes('broadcaster')) return true;
  return tags.mod === true || tags.mod === '1' || tags['user-type'] === 'mod';
}

/** What the dashboard and the start-up log say about channels where the bot is no moderator. */
export function notModeratorWarning(channels: readonly string[], username: string, configuredModerator: boolean): string {
  const where = channels.map((c) => `#${c}`).join(', ');
  const pace = configuredModerator ? '; the show file says it is one, but Twitch allows it 20 lines per 30 s, not 100' : '';
  return `not a moderator in ${where}: Twitch refuses its deletes and timeouts (type /mod ${username} there)${pace}`;
}

import type { Showcart } from '../orchestrator/app.js';
import type { FakeDiscord, FakeTelegram, FakeTwitch } from '../test/fakes/index.js';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../test/support/three-platforms.js';
import { WebChatClient } from '../test/support/web-chat-client.js';

export type Platform = 'telegram' | 'twitch' | 'discord' | 'web';
export const PLATFORMS: readonly Platform[] = ['telegram', 'twitch', 'discord', 'web'];
export const SKU = 'CANDLE';
const TWITCH_ROOM = 'candleshop';

/** One buyer of the burst and what the fakes (or their socket) show they were told. */
export interface Buyer {
  platform: Platform;
  /** Telegram user id, Twitch login, Discord user id or web name. */
  key: string;
  /** Private messages reach them: on Telegram they pressed Start, on Discord they take DMs. */
  started?: boolean;
  /** Their `!buy` line's id where the platform gives one. */
  messageId?: string;
  web?: WebChatClient;
  sentAt?: number;
  toldAt?: number;
  /** Where the first answer reached them, and what it said. */
  via?: 'private' | 'room';
  outcome?: 'reserved' | 'waitlist' | 'sold out' | 'other';
}

/**
 * showcart with the real telegraf, tmi.js and discord.js clients over their fakes, every fake
 * enforcing the platform's limits (Twitch: the bot is no moderator, 20 lines per 30 s), and the
 * web chat on: `startThreePlatforms` with its limits option on.
 */
export class BurstRig {
  private platforms: ThreePlatforms | undefined;
  private readonly clients: WebChatClient[] = [];

  private get rig(): ThreePlatforms {
    if (!this.platforms) throw new Error('the burst rig is not started');
    return this.platforms;
  }

  get app(): Showcart {
    return this.rig.app;
  }

  get telegram(): FakeTelegram {
    return this.rig.telegram;
  }

  get twitch(): FakeTwitch {
    return this.rig.twitch;
  }

  get discord(): FakeDiscord {
    return this.rig.discord;
  }

  async start(stock: number, webBuyers: number): Promise<void> {
    const web = {
      limits: {
        perAddress: { connections: webBuyers + 50, newSessions: { count: webBuyers * 2 + 10, per: '1m' }, lines: { count: 1000, per: '1s' } },
      },
    };
    this.platforms = await startThreePlatforms(
      `products: [{ sku: ${SKU}, title: Candle, price: 12, stock: ${stock}, maxPerBuyer: 1 }]
checkout: { provider: builtin, hold: 15m, shipping: { pickup: "Studio" }, limits: { holdsPerAddress: 10000, maxPerBuyer: 1 } }
moderation: { enabled: false }
`,
      { SHOWCART_WEB_SECRET: 'burst-bench-web-session-secret-0123456789' },
      { enforceLimits: true, twitchModerator: false, web, discordDms: 'closed' },
    );
  }

  /** The buyers of each platform; web buyers join the page now (50 at a time). */
  async buyers(counts: Record<Platform, number>): Promise<Buyer[]> {
    const list: Buyer[] = [];
    for (let i = 0; i < counts.telegram; i++) {
      const started = i % 2 === 0;
      const key = String(5_000_000 + i);
      if (!started) this.telegram.neverStarted(Number(key));
      list.push({ platform: 'telegram', key, started });
    }
    for (let i = 0; i < counts.twitch; i++) list.push({ platform: 'twitch', key: `tw${i}` });
    for (let i = 0; i < counts.discord; i++) {
      // Half take DMs from the bot (Discord's default), half turned them off.
      const key = `71${String(i).padStart(16, '0')}`;
      const started = i % 2 === 0;
      if (started) this.discord.openDms(key);
      list.push({ platform: 'discord', key, started });
    }
    for (let i = 0; i < counts.web; i += 50) {
      const names = Array.from({ length: Math.min(50, counts.web - i) }, (_, k) => `web${i + k}`);
      const joined = await Promise.all(names.map((name) => WebChatClient.join(this.app.url, name)));
      this.clients.push(...joined);
      joined.forEach((web, k) => list.push({ platform: 'web', key: names[k]!, web }));
    }
    return list;
  }

  /** The buyer types `!buy SKU` now; web buyers are watched on their own socket from here on. */
  buy(buyer: Buyer, waitMs: number): void {
    const text = `!buy ${SKU}`;
    buyer.sentAt = Date.now();
    if (buyer.platform === 'telegram') {
      const id = Number(buyer.key);
      const n = id - 5_000_000;
      buyer.messageId = String(this.telegram.injectText({ chatId: GROUP, from: { id, first_name: `Tg${n}`, username: `tg${n}` }, text }));
    } else if (buyer.platform === 'twitch') {
      const user = { id: String(6_000_000 + Number(buyer.key.slice(2))), login: buyer.key, displayName: buyer.key.replace('tw', 'Tw') };
      buyer.messageId = this.twitch.say({ channel: TWITCH_ROOM, user, text });
    } else if (buyer.platform === 'discord') {
      buyer.messageId = this.discord.say({ channelId: DISCORD_CHANNEL, user: { id: buyer.key, username: `dc${buyer.key.slice(-4)}` }, content: text });
    } else {
      const web = buyer.web!;
      const from = web.lines.length;
      web.say(text);
      web
        .waitForLine(
          (l) => l.kind === 'bot' && (l.private === true || l.replyTo === buyer.key || (l.mentions ?? []).includes(buyer.key)) && web.lines.indexOf(l) >= from,
          'the answer',
          waitMs,
        )
        .then(
          (line) => tell(buyer, Date.now(), line.private === true ? 'private' : 'room', line.text ?? ''),
          () => undefined,
        );
    }
  }

  /** Reads what the fakes delivered so far and marks the buyers it told (first delivery counts). */
  scan(buyers: readonly Buyer[]): void {
    const by = new Map(buyers.filter((b) => b.platform !== 'web').map((b) => [`${b.platform}:${b.key}`, b]));
    const byMessage = new Map(buyers.filter((b) => b.messageId !== undefined).map((b) => [`${b.platform}:${b.messageId}`, b]));
    const mark = (b: Buyer | undefined, at: number, via: 'private' | 'room', text: string) => {
      if (b?.sentAt !== undefined && at >= b.sentAt && (b.toldAt === undefined || at < b.toldAt)) tell(b, at, via, text);
    };
    for (const c of this.telegram.calls) {
      if (c.method !== 'sendMessage' || c.status !== 200) continue;
      const text = String(c.params.text);
      if (String(c.params.chat_id) !== String(GROUP)) {
        mark(by.get(`telegram:${String(c.params.chat_id)}`), c.at, 'private', text);
        continue;
      }
      for (const m of text.matchAll(/tg:\/\/user\?id=(\d+)/g)) mark(by.get(`telegram:${m[1]}`), c.at, 'room', text);
      const replied = (c.result as { reply_to_message?: { message_id: number } } | undefined)?.reply_to_message?.message_id;
      if (replied !== undefined) mark(byMessage.get(`telegram:${replied}`), c.at, 'room', text);
    }
    for (const e of this.twitch.events) {
      if (e.kind !== 'message') continue;
      for (const m of e.text.matchAll(/@(\w+)/g)) mark(by.get(`twitch:${m[1]!.toLowerCase()}`), e.at, 'room', e.text);
      if (e.replyTo !== undefined) mark(byMessage.get(`twitch:${e.replyTo}`), e.at, 'room', e.text);
    }
    const dms = new Map<string, string>();
    for (const c of this.discord.calls) {
      if (c.status !== 200 || c.method !== 'POST') continue;
      if (c.path === '/users/@me/channels') dms.set(String((c.result as { id?: string } | undefined)?.id), String(c.body.recipient_id));
      const channel = /^\/channels\/(\d+)\/messages$/.exec(c.path)?.[1];
      if (channel === undefined) continue;
      const text = typeof c.body.content === 'string' ? c.body.content : '';
      const dm = dms.get(channel);
      if (dm !== undefined) {
        mark(by.get(`discord:${dm}`), c.at, 'private', text);
        continue;
      }
      for (const m of text.matchAll(/<@!?(\d+)>/g)) mark(by.get(`discord:${m[1]}`), c.at, 'room', text);
      const ref = (c.body.message_reference as { message_id?: string } | undefined)?.message_id;
      if (ref !== undefined) mark(byMessage.get(`discord:${String(ref)}`), c.at, 'room', text);
    }
  }

  /** What each fake refused or dropped, from its own logs. */
  refusals(): { telegram429: number; telegram403: number; twitchDropped: number; discord429: number; discordDmRefused: number } {
    return {
      telegram429: this.telegram.calls.filter((c) => c.status === 429).length,
      telegram403: this.telegram.calls.filter((c) => c.status === 403).length,
      twitchDropped: this.twitch.dropped,
      discord429: this.discord.calls.filter((c) => c.status === 429).length,
      // Opening a DM always works; writing in it answers 403 (50007) for a member who takes no DMs.
      discordDmRefused: this.discord.calls.filter((c) => c.status === 403 && /^\/channels\/\d+\/messages$/.test(c.path)).length,
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()));
    await this.platforms?.stop();
  }
}

function tell(b: Buyer, at: number, via: 'private' | 'room', text: string): void {
  b.toldAt = at;
  b.via = via;
  b.outcome = /waitlist/i.test(text) ? 'waitlist' : /sold out/i.test(text) ? 'sold out' : /reserved|your cart|you're in/i.test(text) ? 'reserved' : 'other';
}

import fc from 'fast-check';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { renderDiscord } from '../../bots/discord/discord-render.js';
import { renderTelegram } from '../../bots/telegram/telegram-render.js';
import { mentionName, renderTwitch } from '../../bots/twitch/twitch-render.js';
import { WebChannel } from '../../bots/web/web-channel.js';
import { loadShowFile } from '../../config/loader.js';
import type { Outbound } from '../../orchestrator/chat-types.js';
import { CommandTable } from '../../orchestrator/commands/command-table.js';
import { parseCommand } from '../../orchestrator/commands/parse-command.js';
import { compileRules, judge } from '../../orchestrator/features/moderation/rules.js';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { discordProblems, hostileText, hugeHostileText, telegramProblems, twitchProblems } from '../support/hostile-text.js';
import { waitFor } from '../support/wait-for.js';
import { COMMANDS } from '../../orchestrator/features/index.js';

/**
 * 100,000 random and hostile chat lines: 96,700 ordinary and 300 huge ones (up to 4,096
 * characters, Telegram's maximum) straight through the command parser, the moderation rules and
 * the four renderers (the layers every line crosses), and 3,000 through the whole app with the
 * real telegraf, tmi.js and discord.js clients and their fakes. Nothing may throw or reject, and
 * nothing sent may carry markup, a command or a ping the viewer typed. (Huge lines are few
 * because they are slow: moderation and Discord's markdown escaping cost ~50-150 ms each at 4,096.)
 */
const DIRECT_RUNS = 96_700;
const HUGE_RUNS = 300;
const APP_LINES = 3_000;

function fail(platform: string, part: string, problems: string[]): void {
  if (problems.length > 0) throw new Error(`${platform} part with ${problems.join(', ')}: ${JSON.stringify(part.slice(0, 300))}`);
}

describe('hostile chat input', () => {
  const { config } = loadShowFile('test/fixtures/shows/demo.yaml', { env: {} });
  const table = new CommandTable(config.commands, COMMANDS);
  const rules = compileRules(config.moderation);
  const web = new WebChannel(config.channels.web, createServer(), pino({ level: 'silent' }));

  /** One line through the parser, the moderation rules and every renderer, as a relay line and inside a bot reply. Throws on the first problem. */
  function crossEveryLayer(text: string, author: string): void {
    const parsed = parseCommand(text, table);
    judge(rules, { text, at: 0, command: parsed.kind !== 'none', linkPermitted: false, recent: [{ key: text, at: 0 }] });

    const relay: Outbound = { priority: 'relay', target: { kind: 'broadcast' }, body: { kind: 'relay', lines: [{ platform: 'web', author, text, at: 0 }] } };
    const reply: Outbound = {
      priority: 'reply',
      target: { kind: 'room', platform: 'twitch', channelId: 'c' },
      body: { kind: 'text', text: parsed.kind === 'error' ? parsed.message : `There is no product "${text}".` },
      replyTo: { messageId: '1', userName: author },
    };
    for (const out of [relay, reply]) {
      const viewerText = out === relay;
      for (const part of renderTelegram(out, 4096).parts) fail('Telegram', part, part.length > 4096 ? ['too long'] : telegramProblems(part));
      // Bot texts keep their markup (and may mention someone) on purpose; what a viewer typed is escaped in relay lines.
      for (const part of renderDiscord(out, 2000).parts) {
        fail('Discord', part, part.length > 2000 ? ['too long'] : discordProblems(part).filter((p) => viewerText || p !== 'a mention pill'));
      }
      for (const part of renderTwitch(out, 500).parts) {
        const problems = twitchProblems(part, viewerText ? undefined : mentionName(author));
        fail('Twitch', part, part.length > 500 ? ['too long'] : problems.filter((p) => viewerText || p !== 'a live @mention'));
      }
      for (const part of web.render(out, 2000).parts) JSON.parse(part);
    }
  }

  // Chunks keep each test short; fixed seeds make a failure reproducible (fast-check prints the counterexample).
  const CHUNKS = 4;
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    const runs = Math.round(DIRECT_RUNS / CHUNKS);
    it(`GIVEN ${runs.toLocaleString('en')} hostile lines and names (part ${chunk + 1} of ${CHUNKS}) WHEN parsed, judged and rendered for every platform THEN nothing throws and no part carries the viewer's markup, commands or pings`, () => {
      fc.assert(fc.property(hostileText(), hostileText(), crossEveryLayer), { numRuns: runs, seed: 8_000 + chunk });
    }, 60_000);
  }

  it(`GIVEN ${HUGE_RUNS} huge hostile lines WHEN parsed, judged and rendered for every platform THEN the same holds and every part fits its platform`, () => {
    fc.assert(fc.property(hugeHostileText(), hostileText(), crossEveryLayer), { numRuns: HUGE_RUNS, seed: 8_100 });
  }, 60_000);

  describe(`${APP_LINES.toLocaleString('en')} of them through the whole app`, () => {
    let p: ThreePlatforms;
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    beforeAll(async () => {
      process.on('unhandledRejection', onRejection);
      p = await startThreePlatforms(`products:
  - { sku: VAN, title: Vanilla candle, price: 12, stock: 100 }
  - { sku: CANARY, title: Canary candle, price: 5, stock: 10 }
checkout: { linkTemplate: "https://pay.example/c?o={order}", hold: 30m }
moderation: { links: { block: true }, bannedWords: [scam], escalation: { steps: [warn, delete, timeout], timeout: 1m } }`);
    });
    afterAll(async () => {
      await p?.stop();
      process.off('unhandledRejection', onRejection);
    });

    it('GIVEN hostile lines and names on Telegram, Twitch and Discord WHEN the real clients deliver them THEN the app keeps answering and nothing sent carries markup, commands or pings', async () => {
      const samples = fc.sample(fc.tuple(hostileText(), hostileText()), { numRuns: APP_LINES, seed: 20260101 });
      samples.forEach(([text, name], i) => {
        const who = i % 40;
        // Each platform refuses what it would never deliver: Twitch lines over 500, Discord over 2000, Telegram over 4096.
        if (i % 3 === 0)
          p.telegram.injectText({
            chatId: GROUP,
            chatType: 'supergroup',
            from: { id: 1000 + who, first_name: name.slice(0, 64) || 'x' },
            text: text.slice(0, 4096) || '.',
          });
        else if (i % 3 === 1)
          p.twitch.say({
            channel: 'candleshop',
            user: { id: String(2000 + who), login: `viewer${who}`, displayName: `V${who}` },
            text: text.replace(/[\r\n]/g, ' ').slice(0, 500) || '.',
          });
        else
          p.discord.say({
            channelId: DISCORD_CHANNEL,
            user: { id: String(600000000000000000n + BigInt(who)), username: name.slice(0, 32) || 'x' },
            content: text.slice(0, 2000) || '.',
          });
      });
      // Alive afterwards: buyers behind the storm get their order; on Telegram the confirmation comes privately, past the group's backlog.
      p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 9999, first_name: 'Canary' }, text: '/buy CANARY' });
      p.discord.say({ channelId: DISCORD_CHANNEL, user: { id: '600000000000000999', username: 'canary' }, content: '!buy CANARY' });
      const confirmed = /^Reserved for you \(cart [A-Z0-9]{8}\): 1× Canary candle/;
      await waitFor(() => p.telegram.sent(9999).some((t) => confirmed.test(t)), 40_000, 'the Telegram canary confirmed');
      // Discord's answer goes to the channel (the fake has no DMs), behind the storm's replies at 5 per 5 s: the order itself shows the line was handled.
      await waitFor(
        async () => (await p.app.store.models.Product.findOne({ where: { sku: 'CANARY' } }))?.stockAvailable === 8,
        40_000,
        'both canaries ordered',
      );
      expect((await p.health()).channels.every((c) => c.status.state === 'connected')).toBe(true);

      const telegram = p.telegram.calls.filter((c) => c.method === 'sendMessage' && c.status === 200);
      const discord = p.discord.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages') && c.status === 200);
      const twitch = p.twitch.received();
      expect(telegram.length + discord.length + twitch.length).toBeGreaterThan(20);
      for (const c of telegram) expect(telegramProblems(String(c.params.text)), String(c.params.text)).toEqual([]);
      for (const c of discord) {
        expect(c.body.allowed_mentions, String(c.body.content)).toMatchObject({ parse: [] });
        expect(
          discordProblems(String(c.body.content)).filter((x) => x !== 'a mention pill'),
          String(c.body.content),
        ).toEqual([]);
      }
      for (const line of twitch) expect(twitchProblems(line, /^@(\S+) /.exec(line)?.[1]), line).toEqual([]);
      expect(rejections).toEqual([]);
      expect(p.log.lines().filter((l) => l.level === 50 && /inbound line failed|a feature failed|command failed/.test(String(l.msg)))).toEqual([]);
    }, 60_000);
  });
});

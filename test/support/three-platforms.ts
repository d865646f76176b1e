import { createDiscordChannel } from '../../bots/discord/index.js';
import { createTelegramChannel } from '../../bots/telegram/index.js';
import { createTwitchChannel } from '../../bots/twitch/index.js';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { parseShow } from '../../config/loader.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeDiscord, FakeTelegram, FakeTwitch } from '../fakes/index.js';
import { memoryLog } from './quiet-log.js';
import { waitFor } from './wait-for.js';

export const GROUP = -1001;
export const DISCORD_CHANNEL = '700000000000000001';
export const DISCORD_BOT = { id: '900000000000000001', username: 'showcart' };

interface Health {
  channels: Array<{ platform: string; status: { state: string } }>;
}

export interface ThreePlatforms {
  app: Showcart;
  telegram: FakeTelegram;
  twitch: FakeTwitch;
  discord: FakeDiscord;
  log: ReturnType<typeof memoryLog>;
  health(): Promise<Health>;
  stop(): Promise<void>;
}

/**
 * showcart with the real telegraf, tmi.js and discord.js clients, each talking over the wire to
 * its local fake; `showYaml` is added to a show that points all three at the fakes.
 */
export async function startThreePlatforms(
  showYaml = '',
  env: Record<string, string> = {},
  options: {
    enforceTelegramLimits?: boolean;
    /** Every fake enforces its platform's limits (the burst benchmark). */
    enforceLimits?: boolean;
    /** Whether the show file calls the Twitch bot a moderator (default yes: the fast limits). */
    twitchModerator?: boolean;
    /** The web chat's settings; absent, the web chat is off. */
    web?: object;
    /** Whether Discord members take DMs from the bot (default: closed, so private answers fall back to the channel). */
    discordDms?: 'open' | 'closed';
    /** `demo`: the demo show file as shipped (its web chat on), its bots pointed at the fakes; `showYaml` is unused then. */
    demo?: boolean;
  } = {},
): Promise<ThreePlatforms> {
  const all = options.enforceLimits ?? false;
  const telegram = new FakeTelegram({ enforceLimits: all || (options.enforceTelegramLimits ?? false) });
  const twitch = new FakeTwitch({ enforceLimits: all });
  const discord = new FakeDiscord({ bot: DISCORD_BOT, heartbeatIntervalMs: 1000, enforceLimits: all, directMessages: options.discordDms ?? 'closed' });
  await Promise.all([telegram.start(), twitch.start(), discord.start()]);
  const channels = {
    telegram: { apiRoot: telegram.apiRoot, chats: [{ id: GROUP, name: 'Club' }] },
    twitch: {
      username: 'showcartbot',
      server: '127.0.0.1',
      port: twitch.port,
      secure: false,
      api: twitch.helixRoot,
      authApi: twitch.authRoot,
      channels: ['candleshop'],
      moderator: options.twitchModerator ?? true,
    },
    discord: { api: discord.api, channels: [DISCORD_CHANNEL] },
  };
  const config = options.demo
    ? demoOver(channels)
    : parseShow(
        `show: { id: over-the-wire, name: Over the wire }
server: { host: 127.0.0.1, port: 0 }
channels: ${JSON.stringify({ web: options.web ?? { enabled: false }, ...channels })}
${showYaml}`,
        'over-the-wire.yaml',
        {},
      ).config;
  const log = memoryLog();
  const app = await startShowcart({
    config,
    database: { sqlitePath: ':memory:' },
    secrets: new Secrets({ TELEGRAM_BOT_TOKEN: telegram.token, TWITCH_OAUTH_TOKEN: 'oauth:faketoken', DISCORD_BOT_TOKEN: 'fake-discord-token', ...env }),
    log: log.log,
    factories: { telegram: createTelegramChannel, twitch: createTwitchChannel, discord: createDiscordChannel },
  });
  const health = async () => (await (await fetch(`${app.url}/api/health`)).json()) as Health;
  await waitFor(async () => (await health()).channels.every((c) => c.status.state === 'connected'), 20_000, 'all three bots connected');
  await twitch.waitForJoin('candleshop');
  return {
    app,
    telegram,
    twitch,
    discord,
    log,
    health,
    stop: async () => {
      await app.stop();
      await Promise.all([telegram.stop(), twitch.stop(), discord.stop()]);
    },
  };
}

/** config/shows/demo.yaml with its server on 127.0.0.1 and its three bots talking to the fakes. */
function demoOver(channels: Record<string, object>) {
  const doc = parseDocument(readFileSync('test/fixtures/shows/demo.yaml', 'utf8'));
  doc.setIn(['server'], doc.createNode({ host: '127.0.0.1', port: 0 }));
  for (const [platform, settings] of Object.entries(channels)) {
    for (const [key, value] of Object.entries(settings)) doc.setIn(['channels', platform, key], doc.createNode(value));
  }
  return parseShow(String(doc), 'demo.yaml', {}).config;
}

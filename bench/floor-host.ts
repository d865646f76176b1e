/**
 * The floor of the chat-storm benchmark: the bare telegraf, tmi.js and discord.js clients, set up
 * as showcart's bots set them up, receiving the same storm from the same fakes and doing nothing
 * with it but stamping each line. Same IPC protocol as storm-host.ts.
 */
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import { Telegraf } from 'telegraf';
import tmi from 'tmi.js';
import type { StormHostConfig, StormReport, StormRequest } from './storm-protocol.js';

const config = JSON.parse(process.env.SHOWCART_STORM_HOST ?? '{}') as StormHostConfig;
const now = () => performance.timeOrigin + performance.now();
const arrived: Array<[string, number]> = [];

const telegram = new Telegraf(config.telegramToken, { telegram: { apiRoot: config.telegramApiRoot } });
telegram.on('message', (ctx) => void arrived.push([`telegram:${ctx.message.message_id}`, now()]));
void telegram.launch({ allowedUpdates: ['message'] });

const twitch = new tmi.Client({
  options: { skipUpdatingEmotesets: true, skipMembership: true },
  connection: { server: '127.0.0.1', port: config.twitchPort, secure: false, reconnect: false },
  identity: { username: 'showcartbot', password: 'oauth:faketoken' },
  channels: ['#candleshop'],
  logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
});
twitch.on('message', (_channel, tags, _text, self) => {
  if (!self) arrived.push([`twitch:${tags.id}`, now()]);
});
await twitch.connect();

const discord = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
  partials: [Partials.Channel],
  rest: { api: config.discordApi },
});
discord.on('messageCreate', (m) => void arrived.push([`discord:${m.id}`, now()]));
await new Promise<void>((resolve) => {
  discord.once('clientReady', () => resolve());
  void discord.login('fake-discord-token');
});

let cpu = process.cpuUsage();
let wall = now();
process.on('message', (msg: StormRequest) => {
  if (msg.cmd === 'mark') {
    cpu = process.cpuUsage();
    wall = now();
    process.send!({ done: 'mark' });
    return;
  }
  if (msg.cmd === 'report') {
    const used = process.cpuUsage(cpu);
    const report: StormReport = {
      arrived: arrived.splice(0),
      done: [],
      enqueued: [],
      cpuMs: (used.user + used.system) / 1000,
      wallMs: now() - wall,
      rssMb: process.memoryUsage().rss / 2 ** 20,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      heapMb: process.memoryUsage().heapUsed / 2 ** 20,
    };
    process.send!({ done: 'report', report });
    return;
  }
  telegram.stop('bench');
  void Promise.allSettled([twitch.disconnect(), discord.destroy()]).then(() => {
    process.send!({ done: 'stop' });
    process.disconnect();
  });
});
process.send!({ done: 'start', connected: true });

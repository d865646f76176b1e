/** What the chat-storm benchmark and its host processes (storm-host.ts, floor-host.ts) say to each other over IPC. */

/** Where the fakes listen, passed in SHOWCART_STORM_HOST. */
export interface StormHostConfig {
  telegramApiRoot: string;
  telegramToken: string;
  twitchPort: number;
  twitchHelix: string;
  twitchAuth: string;
  discordApi: string;
  /** Run the RTMP server too (the memory benchmark: "all bots and media"). */
  media?: { rtmpPort: number; httpPort: number };
}

/** `mark` starts a measurement window; `report` ends it and sends the stamps since the last report. */
export type StormRequest = { cmd: 'mark' } | { cmd: 'report'; gc?: boolean } | { cmd: 'stop' };

/** Stamps as [key, epoch ms]; keys are `platform:messageId` or `~token` for relayed lines. */
export interface StormReport {
  arrived: Array<[string, number]>;
  done: Array<[string, number]>;
  enqueued: Array<[string, number]>;
  cpuMs: number;
  wallMs: number;
  rssMb: number;
  maxRssMb: number;
  heapMb: number;
}

export const GROUP = -1001;
export const DISCORD_CHANNEL = '700000000000000001';
export const TOKEN_PATTERN = /~(\d+)~/g;

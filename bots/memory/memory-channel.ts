import type { Ingest, Channel, ChannelLimits, ChannelState, Rendered, SendRequest } from '../../orchestrator/channel.js';
import type { ChatEvent, ModerationAction, Outbound, Platform, Role } from '../../orchestrator/chat-types.js';
import { PLAIN, PLAIN_NOTICE, plainText, renderNotice, renderRelay, splitText } from '../render-text.js';

export interface SentMessage extends SendRequest {
  at: number;
}

/**
 * An in-process channel for tests and benchmarks: `say()` injects a viewer line, `sent` lists
 * what the orchestrator sent. It can pretend to be any platform and to fail on demand.
 */
export class MemoryChannel implements Channel {
  readonly sent: SentMessage[] = [];
  readonly moderated: ModerationAction[] = [];
  readonly canDirectMessage: boolean;
  private onEvent: Ingest | undefined;
  private current: ChannelState = { state: 'stopped' };
  private seq = 0;
  /** Set to make the next sends fail with this error (a RateLimitError, or anything). */
  failWith: Error[] = [];

  constructor(
    readonly platform: Platform = 'twitch',
    private readonly roomIds: string[] = ['room'],
    readonly limits: ChannelLimits = { perRoom: [], perBot: [], maxLength: 500 },
    options: { canDirectMessage?: boolean } = {},
  ) {
    this.canDirectMessage = options.canDirectMessage ?? false;
  }

  async start(onEvent: Ingest): Promise<void> {
    this.onEvent = onEvent;
    this.current = { state: 'connected', since: Date.now() };
  }

  rooms(): string[] {
    return this.roomIds;
  }

  render(out: Outbound, maxLength: number): Rendered {
    if (out.body.kind === 'moderation') return { parts: [], omitted: 0 };
    if (out.body.kind === 'relay') return renderRelay(out.body.lines, out.body.more ?? 0, maxLength, PLAIN);
    if (out.body.kind === 'notice') return renderNotice(out.body, maxLength, PLAIN_NOTICE);
    return { parts: splitText(plainText(out.body), maxLength), omitted: 0 };
  }

  async send(request: SendRequest): Promise<void> {
    const failure = this.failWith.shift();
    if (failure) throw failure;
    this.sent.push({ ...request, at: Date.now() });
  }

  async moderate(action: ModerationAction): Promise<void> {
    const failure = this.failWith.shift();
    if (failure) throw failure;
    this.moderated.push(action);
  }

  state(): ChannelState {
    return this.current;
  }

  setState(state: ChannelState): void {
    this.current = state;
  }

  async stop(): Promise<void> {
    this.current = { state: 'stopped' };
  }

  /** Injects a viewer line as if it came from the platform; resolves once the app has handled it. */
  async say(
    user: { id: string; name: string; roles?: Role[] },
    text: string,
    options: { room?: string; self?: boolean; direct?: boolean } = {},
  ): Promise<ChatEvent> {
    const event: ChatEvent = {
      platform: this.platform,
      channelId: options.room ?? this.roomIds[0] ?? 'room',
      messageId: `m${++this.seq}`,
      user: { id: user.id, name: user.name, roles: user.roles ?? [] },
      text,
      receivedAt: Date.now(),
      ...(options.self && { self: true }),
      ...(options.direct && { direct: true }),
    };
    await this.onEvent?.(event);
    return event;
  }

  /**
   * What was sent, as text: a link's address follows its part on the same line, the way Twitch
   * shows it, so a test reading text sees the address; `sent[i].link` has the link itself.
   */
  texts(room?: string): string[] {
    return this.sent.filter((m) => room === undefined || m.channelId === room).map((m) => (m.link ? `${m.text} ${m.link.url}` : m.text));
  }
}

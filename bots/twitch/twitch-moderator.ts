import type { Logger } from 'pino';
import { PermanentSendError } from '../../orchestrator/channel.js';
import type { ModerationAction } from '../../orchestrator/chat-types.js';
import { TwitchAuthError, type HelixCall } from './twitch-errors.js';
import { SCOPE_BAN, SCOPE_DELETE, type HelixIdentity, type TwitchHelix } from './twitch-helix.js';

/**
 * Timeouts and deletions through Helix: knows the bot's identity (validated token) and the
 * broadcaster id of each channel. Chat never waits on it: if Twitch's OAuth service cannot be
 * reached, chat goes on and moderation explains why it cannot run yet.
 */
export class TwitchModerator {
  private identity: HelixIdentity | undefined;
  private readonly broadcasters = new Map<string, string>();

  constructor(
    private readonly helix: TwitchHelix,
    private readonly channels: readonly string[],
    private readonly botLogin: string,
    private readonly log: Logger,
  ) {}

  /**
   * Runs at every (re)connect, before chat: a refused token throws TwitchAuthError so the channel
   * is disabled; any other failure only leaves moderation unavailable until it can validate.
   */
  async prepare(): Promise<void> {
    try {
      this.identity = await this.helix.validate();
    } catch (err) {
      if (err instanceof TwitchAuthError) throw err;
      this.identity = undefined;
      this.log.warn({ err }, 'Twitch token could not be validated; chat works, moderation waits until it can');
      return;
    }
    this.checkIdentity(this.identity);
    await this.lookUp(this.identity, [...this.channels]).catch((err: unknown) =>
      this.log.warn({ err }, 'Twitch channel ids could not be looked up; moderation will try again when needed'),
    );
  }

  /** Twitch asks apps to re-validate hourly; a dead token stops moderation with a clear reason. */
  async revalidate(): Promise<void> {
    try {
      this.identity = await this.helix.validate();
    } catch (err) {
      if (!(err instanceof TwitchAuthError)) return void this.log.warn({ err }, 'hourly Twitch token validation failed; will try again');
      this.identity = undefined;
      this.log.error({ err }, 'Twitch token was revoked or expired; moderation stops, chat stops at the next reconnect');
    }
  }

  async moderate(action: ModerationAction): Promise<void> {
    const identity = await this.currentIdentity();
    const channel = action.channelId.replace(/^#/, '').toLowerCase();
    const scope = action.kind === 'timeout' ? SCOPE_BAN : SCOPE_DELETE;
    const botLogin = identity.login || this.botLogin;
    const call: HelixCall = { what: action.kind === 'timeout' ? `time out ${action.userName}` : 'delete a message', channel, scope, botLogin };
    if (!identity.scopes.includes(scope)) {
      throw new PermanentSendError(`Twitch could not ${call.what} in #${channel}: the token lacks the scope ${scope}; create a token with it`);
    }
    const broadcasterId = await this.broadcasterId(identity, channel);
    if (action.kind === 'timeout') {
      await this.helix.timeout(identity, broadcasterId, { userId: action.userId, seconds: action.seconds, reason: action.reason }, call);
    } else {
      await this.helix.deleteMessage(identity, broadcasterId, action.messageId, call);
    }
  }

  /** Live viewers per channel (for the show's retention figures); the same identity as moderation. */
  async viewerCounts(): Promise<Map<string, number>> {
    return this.helix.viewerCounts(await this.currentIdentity(), this.channels);
  }

  /** The validated identity, validating now if connect could not; a plain Error means "retry later". */
  private async currentIdentity(): Promise<HelixIdentity> {
    if (this.identity) return this.identity;
    try {
      this.identity = await this.helix.validate();
      this.checkIdentity(this.identity);
      return this.identity;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof TwitchAuthError) throw new PermanentSendError(`Twitch moderation is not possible: ${reason}`);
      throw new Error(`Twitch moderation is unavailable until the token can be validated: ${reason}`, { cause: err });
    }
  }

  private async broadcasterId(identity: HelixIdentity, channel: string): Promise<string> {
    if (!this.broadcasters.has(channel)) await this.lookUp(identity, [channel]);
    const id = this.broadcasters.get(channel);
    if (id === undefined) throw new PermanentSendError(`Twitch has no channel named ${channel}; check channels.twitch.channels`);
    return id;
  }

  private async lookUp(identity: HelixIdentity, logins: string[]): Promise<void> {
    for (const [login, id] of await this.helix.userIds(identity, logins)) this.broadcasters.set(login, id);
  }

  /** Warns at start about what will make moderation fail later, while someone is watching the log. */
  private checkIdentity(identity: HelixIdentity): void {
    if (identity.login && identity.login.toLowerCase() !== this.botLogin.toLowerCase()) {
      this.log.warn({ tokenLogin: identity.login, username: this.botLogin }, 'the Twitch token belongs to another account than channels.twitch.username');
    }
    const missing = [SCOPE_BAN, SCOPE_DELETE].filter((s) => !identity.scopes.includes(s));
    if (missing.length > 0) this.log.warn({ missing }, 'the Twitch token lacks moderation scopes; timeouts and deletions will fail');
  }
}

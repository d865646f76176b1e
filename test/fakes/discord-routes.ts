/**
 * REST routes of the fake Discord (paths after `/api/v10`), with Discord's
 * error codes for the mistakes a bot can make: unknown channel or message,
 * empty or oversized message, late or double interaction responses.
 */
import { componentErrors } from './discord-components.js';
import type { DiscordState, InteractionRecord, Json } from './discord-payloads.js';
import { paramText } from './http-util.js';

/** A Discord API error: JSON `{code, message}` with an HTTP status. */
export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly extra: Json = {},
  ) {
    super(message);
  }
}

/** A moderation action the bot took over REST. */
export interface DiscordModeration {
  guildId: string;
  userId: string;
  action: 'timeout' | 'untimeout' | 'kick' | 'ban';
  until?: string | null;
  reason?: string;
  at: number;
}

/** What a route receives. */
export interface RouteInput {
  params: string[];
  /** the JSON body when it is an object, else {} */
  body: Json;
  /** the JSON body as sent (arrays included) */
  raw: unknown;
  query: URLSearchParams;
  reason: string | undefined;
  at: number;
}

/** What a route answers; no body means 204. */
export interface RouteResult {
  status: number;
  body?: unknown;
}

/** One REST route. `bucket` names it in rate-limit headers and call records. */
export interface Route {
  method: string;
  pattern: RegExp;
  bucket: string;
  auth: boolean;
  run(input: RouteInput): RouteResult;
}

/** What the routes need from the fake. */
export interface RouteDeps {
  state: DiscordState;
  gatewayUrl(): string;
  moderate(entry: DiscordModeration): void;
  /** Discord voids an interaction token not answered within 3 s */
  interactionDeadlineMs: number;
}

const MAX_CONTENT = 2_000;
const MAX_POLL_ANSWERS = 10;
const ok = (body?: unknown): RouteResult => (body === undefined ? { status: 204 } : { status: 200, body });
const unknownChannel = (): DiscordApiError => new DiscordApiError(404, 10003, 'Unknown Channel');
const unknownMessage = (): DiscordApiError => new DiscordApiError(404, 10008, 'Unknown Message');
const invalidBody = (field: string, message: string): DiscordApiError =>
  new DiscordApiError(400, 50035, 'Invalid Form Body', { errors: { [field]: { _errors: [{ code: 'INVALID', message }] } } });
/** Malformed buttons (a link button with a custom id, a url over 512, …) are refused as Discord does. */
const checkComponents = (body: Json): void => {
  const errors = componentErrors(body.components);
  if (errors !== undefined) throw new DiscordApiError(400, 50035, 'Invalid Form Body', { errors });
};

/** The route table of the fake Discord. */
export function buildRoutes(deps: RouteDeps): Route[] {
  const { state } = deps;
  const route = (method: string, bucket: string, pattern: RegExp, run: Route['run'], auth = true): Route => ({ method, bucket, pattern, run, auth });
  const gateway = (): Json => ({ url: deps.gatewayUrl() });
  const channelOf = (id: string | undefined): NonNullable<ReturnType<DiscordState['locate']>> => {
    const where = state.locate(id ?? '');
    if (where === undefined) throw unknownChannel();
    return where;
  };
  const messageIn = (channelId: string | undefined, messageId: string | undefined): Json => {
    const message = state.messages.get(messageId ?? '');
    if (message === undefined || message.channel_id !== channelId) throw unknownMessage();
    return message;
  };
  const createMessage = (channelId: string, body: Json, extra: Json = {}): Json => {
    const content = typeof body.content === 'string' ? body.content : '';
    if (content.length > MAX_CONTENT) throw invalidBody('content', `Must be ${MAX_CONTENT} or fewer in length.`);
    checkComponents(body);
    const hasPayload = ['embeds', 'components', 'poll', 'sticker_ids', 'attachments'].some((k) =>
      Array.isArray(body[k]) ? (body[k] as unknown[]).length > 0 : body[k] != null,
    );
    if (content.length === 0 && !hasPayload) throw new DiscordApiError(400, 50006, 'Cannot send an empty message');
    const fields: Json = { ...extra };
    if (Array.isArray(body.components)) fields.components = body.components;
    if (Array.isArray(body.embeds)) fields.embeds = body.embeds;
    if (body.poll != null) fields.poll = pollObject(body.poll as Json);
    const ref = body.message_reference as Json | undefined;
    if (ref?.message_id !== undefined) {
      const original = state.messages.get(paramText(ref.message_id));
      if (original === undefined && ref.fail_if_not_exists !== false) throw invalidBody('message_reference', 'Unknown message');
      Object.assign(fields, { type: 19, message_reference: { channel_id: channelId, ...ref }, referenced_message: original ?? null });
    }
    return state.message({ channelId, author: state.bot, content, extra: fields });
  };
  const interaction = (id: string | undefined, token: string | undefined): InteractionRecord => {
    const found = state.interactions.get(id ?? '');
    if (found === undefined || found.token !== token) throw new DiscordApiError(404, 10062, 'Unknown interaction');
    return found;
  };
  const webhook = (token: string | undefined): InteractionRecord => {
    const found = [...state.interactions.values()].find((i) => i.token === token && i.acknowledged);
    if (found === undefined) throw new DiscordApiError(404, 10015, 'Unknown Webhook');
    return found;
  };
  const memberRoute = (p: string[]): { guildId: string; userId: string } => {
    const guildId = p[0] ?? '';
    if (!state.guilds.some((g) => g.id === guildId)) throw new DiscordApiError(404, 10004, 'Unknown Guild');
    return { guildId, userId: p[1] ?? '' };
  };

  return [
    route('GET', 'gateway', /^\/gateway$/, () => ok(gateway()), false),
    route('GET', 'gateway/bot', /^\/gateway\/bot$/, () =>
      ok({ ...gateway(), shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }),
    ),
    route('GET', 'users/@me', /^\/users\/@me$/, () => ok({ ...state.user(state.bot), bot: true, verified: true, flags: 0 })),
    route('GET', 'applications/@me', /^\/applications\/@me$/, () =>
      ok({
        id: state.applicationId,
        name: state.bot.username,
        icon: null,
        description: '',
        bot_public: true,
        bot_require_code_grant: false,
        flags: 0,
        bot: state.user(state.bot),
      }),
    ),
    route('POST', 'users/@me/channels', /^\/users\/@me\/channels$/, ({ body }) => {
      const userId = paramText(body.recipient_id);
      if (!/^\d+$/.test(userId)) throw invalidBody('recipient_id', 'Value "' + userId + '" is not snowflake.');
      return ok(state.dmChannel(userId));
    }),
    route('GET', 'channels/:id', /^\/channels\/(\d+)$/, ({ params }) => {
      const dm = state.dmChannels.get(params[0] ?? '');
      if (dm !== undefined) return ok(state.dmChannel(dm));
      const where = channelOf(params[0]);
      return ok(state.channel(where.guild, where.channel, where.position));
    }),
    route('POST', 'channels/:id/messages', /^\/channels\/(\d+)\/messages$/, ({ params, body }) => {
      const dm = state.dmChannels.get(params[0] ?? '');
      // Opening a DM always works; writing in it fails when the member does not take DMs from the bot.
      if (dm !== undefined && !state.takesDms(dm)) throw new DiscordApiError(403, 50007, 'Cannot send messages to this user');
      if (dm === undefined) channelOf(params[0]);
      return ok(createMessage(params[0] ?? '', body));
    }),
    route('GET', 'channels/:id/messages/:id', /^\/channels\/(\d+)\/messages\/(\d+)$/, ({ params }) => ok(messageIn(params[0], params[1]))),
    route('PATCH', 'channels/:id/messages/:id', /^\/channels\/(\d+)\/messages\/(\d+)$/, ({ params, body }) => {
      const message = messageIn(params[0], params[1]);
      checkComponents(body);
      const edited = { ...message, ...pick(body, ['content', 'components', 'embeds']), edited_timestamp: new Date().toISOString() };
      state.messages.set(String(message.id), edited);
      return ok(edited);
    }),
    route('DELETE', 'channels/:id/messages/:id', /^\/channels\/(\d+)\/messages\/(\d+)$/, ({ params }) => {
      state.messages.delete(String(messageIn(params[0], params[1]).id));
      return ok();
    }),
    route('POST', 'channels/:id/typing', /^\/channels\/(\d+)\/typing$/, ({ params }) => (channelOf(params[0]), ok())),
    route(
      'PUT',
      'channels/:id/messages/:id/reactions',
      /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/[^/]+\/@me$/,
      ({ params }) => (messageIn(params[0], params[1]), ok()),
    ),
    route('POST', 'channels/:id/polls/:id/expire', /^\/channels\/(\d+)\/polls\/(\d+)\/expire$/, ({ params }) => {
      const message = messageIn(params[0], params[1]);
      const poll = message.poll as Json | undefined;
      if (poll === undefined) throw new DiscordApiError(400, 520001, 'Poll does not exist');
      poll.results = { is_finalized: true, answer_counts: [] };
      return ok(message);
    }),
    route('GET', 'guilds/:id/members/:id', /^\/guilds\/(\d+)\/members\/(\d+)$/, ({ params }) => {
      const { guildId, userId } = memberRoute(params);
      return ok(state.member(guildId, userId, true));
    }),
    route('PATCH', 'guilds/:id/members/:id', /^\/guilds\/(\d+)\/members\/(\d+)$/, ({ params, body, reason, at }) => {
      const { guildId, userId } = memberRoute(params);
      if ('communication_disabled_until' in body) {
        const until = body.communication_disabled_until == null ? null : paramText(body.communication_disabled_until);
        state.timeouts.set(`${guildId}:${userId}`, until);
        deps.moderate({ guildId, userId, action: until === null ? 'untimeout' : 'timeout', until, ...(reason ? { reason } : {}), at });
      }
      if (Array.isArray(body.roles)) state.memberRoles.set(`${guildId}:${userId}`, body.roles.map(String));
      return ok(state.member(guildId, userId, true));
    }),
    route('DELETE', 'guilds/:id/members/:id', /^\/guilds\/(\d+)\/members\/(\d+)$/, ({ params, reason, at }) => {
      deps.moderate({ ...memberRoute(params), action: 'kick', ...(reason ? { reason } : {}), at });
      return ok();
    }),
    route('PUT', 'guilds/:id/bans/:id', /^\/guilds\/(\d+)\/bans\/(\d+)$/, ({ params, reason, at }) => {
      deps.moderate({ ...memberRoute(params), action: 'ban', ...(reason ? { reason } : {}), at });
      return ok();
    }),
    route(
      'POST',
      'interactions/:id/:token/callback',
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      ({ params, body, query, at }) => {
        const record = interaction(params[0], params[1]);
        if (record.acknowledged) throw new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.');
        if (at - record.createdAt > deps.interactionDeadlineMs) throw new DiscordApiError(404, 10062, 'Unknown interaction');
        record.acknowledged = true;
        const data = (body.data ?? {}) as Json;
        let message: Json | undefined;
        if (body.type === 4) message = createMessage(record.channelId, data, { interaction_metadata: { id: record.id, type: 3 } });
        if (message !== undefined) record.responseId = String(message.id);
        if (query.get('with_response') !== 'true') return ok();
        const flags = Number(data.flags ?? 0);
        return ok({
          interaction: {
            id: record.id,
            type: 3,
            activity_instance_id: null,
            response_message_id: record.responseId ?? null,
            response_message_loading: body.type === 5,
            response_message_ephemeral: (flags & 64) !== 0,
          },
          resource: { type: body.type, ...(message === undefined ? {} : { message }) },
        });
      },
      false,
    ),
    route(
      'POST',
      'webhooks/:id/:token',
      /^\/webhooks\/(\d+)\/([^/]+)$/,
      ({ params, body }) => {
        return ok(createMessage(webhook(params[1]).channelId, body));
      },
      false,
    ),
    route(
      'PATCH',
      'webhooks/:id/:token/messages/:id',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/,
      ({ params, body }) => {
        const record = webhook(params[1]);
        const id = params[2] === '@original' ? record.responseId : params[2];
        const current = id === undefined ? undefined : state.messages.get(id);
        checkComponents(body);
        const message =
          current === undefined
            ? createMessage(record.channelId, body)
            : { ...current, ...pick(body, ['content', 'components', 'embeds']), edited_timestamp: new Date().toISOString() };
        state.messages.set(String(message.id), message);
        record.responseId ??= String(message.id);
        return ok(message);
      },
      false,
    ),
    route('GET', 'applications/:id/commands', /^\/applications\/(\d+)\/(?:guilds\/\d+\/)?commands$/, () => ok([])),
    route('PUT', 'applications/:id/commands', /^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/, ({ params, raw }) => {
      const list = Array.isArray(raw) ? (raw as Json[]) : [];
      return ok(list.map((c) => ({ id: state.snowflake(), application_id: params[0], version: state.snowflake(), type: 1, ...c })));
    }),
  ];
}

function pick(body: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => k in body).map((k) => [k, body[k]]));
}

/** Request poll (duration in hours, answers without ids) → message poll. */
function pollObject(poll: Json): Json {
  const answers = Array.isArray(poll.answers) ? (poll.answers as Json[]) : [];
  if (answers.length === 0 || answers.length > MAX_POLL_ANSWERS) throw invalidBody('poll.answers', `Must be between 1 and ${MAX_POLL_ANSWERS} in length.`);
  const hours = Number(poll.duration ?? 24);
  return {
    question: poll.question,
    answers: answers.map((a, i) => ({ answer_id: i + 1, poll_media: a.poll_media })),
    expiry: new Date(Date.now() + hours * 3_600_000).toISOString(),
    allow_multiselect: poll.allow_multiselect === true,
    layout_type: poll.layout_type ?? 1,
    results: { is_finalized: false, answer_counts: [] },
  };
}

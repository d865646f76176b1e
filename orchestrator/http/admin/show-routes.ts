import express, { type Router } from 'express';
import { z } from 'zod';
import type { Outbound } from '../../chat-types.js';
import { featureProduct } from '../../features/orders/feature-product.js';
import { announcement } from '../../features/promotions/promotions-context.js';
import type { AdminDeps } from './admin-deps.js';
import { badRequest } from './admin-errors.js';

const ModerateBody = z.object({
  platform: z.string().min(1),
  channelId: z.string().min(1),
  messageId: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  userName: z.string().min(1).optional(),
  action: z.enum(['delete', 'timeout']),
  seconds: z
    .number()
    .int()
    .min(1)
    .max(14 * 24 * 3600)
    .optional(),
});

/** POST /featured and POST /moderate: what a moderator does in chat, from the dashboard. */
export function showRoutes(deps: AdminDeps): Router {
  const router = express.Router();

  router.post('/featured', async (req, res) => {
    const sku = (req.body as { sku?: unknown } | undefined)?.sku;
    if (typeof sku !== 'string' || sku.trim() === '') return badRequest(res, 'expected a JSON body such as {"sku": "MUG"}');
    const catalog = deps.show.catalog;
    const item = catalog.find(sku.trim());
    if (!item) {
      const near = catalog.suggest(sku.trim());
      res.status(404).json({ error: `There is no product "${sku}".${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}` });
      return;
    }
    const text = await featureProduct(deps.show, item, { name: 'dashboard' });
    deps.outbox.enqueue(announcement(text));
    res.json({ show: deps.show.summary() });
  });

  router.post('/moderate', (req, res) => {
    const parsed = ModerateBody.safeParse(req.body);
    if (!parsed.success)
      return badRequest(
        res,
        `expected {"platform","channelId","messageId","userId","userName","action":"delete"|"timeout","seconds"?}: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    const body = parsed.data;
    const channel = deps.channels().find((c) => c.platform === body.platform);
    if (!channel) {
      res.status(404).json({ error: `no ${body.platform} channel is running` });
      return;
    }
    const action = moderationAction(body, deps.show.config.moderation.escalation.timeout);
    if (typeof action === 'string') return badRequest(res, action);
    const out: Outbound = {
      priority: 'moderation',
      target: { kind: 'room', platform: channel.platform, channelId: body.channelId },
      body: { kind: 'moderation', action },
    };
    deps.outbox.enqueue(out);
    void deps.bus.emit('moderation.action', {
      platform: channel.platform,
      step: body.action,
      by: 'dashboard',
      user: body.userName ?? null,
      userId: body.userId ?? null,
      channelId: body.channelId,
      messageId: body.messageId ?? null,
      ...(action.kind === 'timeout' && { timeoutMs: action.seconds * 1000 }),
    });
    deps.log.info({ platform: channel.platform, step: body.action, user: body.userName }, 'moderated from the dashboard');
    res.status(202).json({ queued: true });
  });
  return router;
}

type ModerateBody = z.infer<typeof ModerateBody>;

/** The platform step for a request, or what is missing from it. */
function moderationAction(body: ModerateBody, defaultTimeoutMs: number) {
  if (body.action === 'delete') {
    if (!body.messageId) return 'a delete needs the messageId';
    return { kind: 'delete' as const, channelId: body.channelId, messageId: body.messageId };
  }
  if (!body.userId || !body.userName) return 'a timeout needs the userId and userName';
  const seconds = body.seconds ?? Math.max(1, Math.round(defaultTimeoutMs / 1000));
  return { kind: 'timeout' as const, channelId: body.channelId, userId: body.userId, userName: body.userName, seconds, reason: 'showcart dashboard' };
}

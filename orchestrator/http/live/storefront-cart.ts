import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Carts } from '../../commerce/carts/cart-service.js';
import type { StoreAccess } from '../../store/store.js';

/** The viewer's open cart as the page's cart drawer shows it. */
export interface StorefrontCart {
  id: string;
  status: string;
  currency: string;
  lines: Array<{ title: string; variant: string; qty: number; unitCents: number; subtotalCents: number }>;
  itemsCents: number;
  /** Until the hold ends, from the moment of the answer: the page counts down on its own clock. */
  holdLeftMs: number | null;
  /** The checkout page: the same link as the chat's "Pay now". */
  checkout: string;
}

export interface StorefrontCartDeps {
  /** The web chat viewer a signed session names (WebChannel.viewerOf), or undefined without a web chat. */
  webViewer: (session: unknown) => string | undefined;
  store: Pick<StoreAccess, 'models'>;
  carts: Pick<Carts, 'openOf'>;
  log: Logger;
}

/**
 * GET /api/storefront/cart with the page's session in `X-Showcart-Session`: the open cart of that
 * web viewer (or of the viewer their web identity is linked to), or `{ cart: null }`. Only the
 * session's owner gets the cart, since its checkout link is what pays for it.
 */
export function storefrontCartRoutes(deps: StorefrontCartDeps): Router {
  const router = express.Router();
  router.get('/storefront/cart', async (req, res, next) => {
    res.set('Cache-Control', 'private, no-store');
    const userId = deps.webViewer(req.get('x-showcart-session'));
    if (!userId) return void res.status(401).json({ error: 'no web chat session' });
    try {
      // Read only: a session that never bought has no viewer row yet, and asking creates none.
      const identity = await deps.store.models.Identity.findOne({ where: { platform: 'web', platformUserId: userId } });
      const cart = identity ? await deps.carts.openOf(identity.viewerId) : undefined;
      const now = Date.now();
      const body: StorefrontCart | null = cart
        ? {
            id: cart.publicId,
            status: cart.status,
            currency: cart.currency,
            lines: cart.lines.map((l) => ({
              title: l.order.title,
              variant: l.order.variant,
              qty: l.order.qty,
              unitCents: l.unitCents,
              subtotalCents: l.subtotalCents,
            })),
            itemsCents: cart.itemsCents,
            holdLeftMs: cart.holdExpiresAt !== undefined ? Math.max(0, cart.holdExpiresAt - now) : null,
            checkout: `/c/${cart.token}`,
          }
        : null;
      res.json({ cart: body });
    } catch (err) {
      deps.log.error({ err }, 'storefront cart failed');
      next(err);
    }
  });
  return router;
}

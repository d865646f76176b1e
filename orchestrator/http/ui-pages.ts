import express, { type Router } from 'express';
import { sendLocalized } from './localized-page.js';

/**
 * The seller's dashboard and the OBS overlay: each an HTML page whose scripts and styles are
 * files beside it under web/ (served by the static handler), so the CSP needs no inline code.
 * The dashboard page itself is public; everything it shows comes from the admin API.
 */
export function uiPages(language: () => string): Router {
  const router = express.Router();
  const page = (file: string) => (_req: express.Request, res: express.Response) => sendLocalized(res, file, language());
  router.get(['/dashboard', '/dashboard/'], page('dashboard/index.html'));
  router.get(['/overlay', '/overlay/'], page('overlay/index.html'));
  return router;
}

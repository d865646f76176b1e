import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogOf, messagesWithPrefix, type MessageKey } from '../i18n/messages/index.js';
import { WEB_ROOT } from './web-root.js';

const files = new Map<string, string>();
const pages = new Map<string, string>();

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A page of web/ in the show's language, as the browser should first paint it: `{{lang}}`,
 * `{{t:key}}` (a message without values, HTML-escaped) and `<!--texts:web.chat.,time.-->` (the
 * messages its scripts format, as a JSON block web/i18n.js reads) filled in on the server, so
 * nothing flashes in English first and a screen reader hears the right language from the start.
 */
export function localizedPage(file: string, locale: string): string {
  const key = `${locale}\n${file}`;
  let page = pages.get(key);
  if (page === undefined) {
    let source = files.get(file);
    if (source === undefined) {
      source = readFileSync(join(WEB_ROOT, file), 'utf8');
      files.set(file, source);
    }
    const { language, messages } = catalogOf(locale);
    page = source
      .replaceAll('{{lang}}', language)
      .replace(/\{\{t:([\w.-]+)\}\}/g, (_, k: string) => {
        const text = messages[k as MessageKey];
        if (text === undefined) throw new Error(`${file}: no message ${k} in the catalog`);
        return escapeHtml(text);
      })
      .replace(/<!--texts:([\w.,-]+)-->/g, (_, prefixes: string) => {
        const json = JSON.stringify({ locale, messages: messagesWithPrefix(locale, prefixes.split(',')) });
        // Inside <script>, only "</" could end the block early; \u003c reads the same to JSON.parse.
        return `<script type="application/json" id="texts">${json.replaceAll('<', '\\u003c')}</script>`;
      });
    pages.set(key, page);
  }
  return page;
}

/** Sends a localized page of web/ (no-cache unless the route said otherwise: a reload of the show may change its language). */
export function sendLocalized(res: Response, file: string, locale: string, status = 200): void {
  if (!res.get('Cache-Control')) res.set('Cache-Control', 'no-cache');
  res.status(status).type('html').send(localizedPage(file, locale));
}

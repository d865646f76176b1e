import { IntlMessageFormat } from 'intl-messageformat';
import { minorDigits } from '../commerce/money.js';
import type { SaidText, TextSpan, ViewerValue } from '../chat-types.js';
import { catalogOf, type MessageKey } from './messages/index.js';

/** A value a message takes: our own words and numbers, or a viewer's words (escaped where rendered). */
export type MessageValue = string | number | ViewerValue;
export type MessageValues = Record<string, MessageValue>;

/**
 * Currencies priced in whole units in practice: "2 490 ₽", not "2 490,00 ₽". The kopecks still
 * show when an amount has them.
 */
const WHOLE_UNIT_CURRENCIES = new Set(['RUB', 'UAH', 'KZT', 'BYN', 'HUF', 'CZK', 'RSD', 'INR', 'TRY']);

const isViewer = (v: unknown): v is ViewerValue => typeof v === 'object' && v !== null && 'viewer' in v;

/**
 * Everything showcart says, in one show language: messages from the catalog (ICU message format,
 * plurals and selects), money, numbers, dates and lists by that language's rules. Built from the
 * show file (RunningShow.texts), holding nothing but caches, so a reload that changes `language`
 * speaks the new one from the next message on.
 */
export class Texts {
  /** The catalog's language: the show's when we have it, else English. */
  readonly language: string;
  private readonly messages: Readonly<Record<MessageKey, string>>;
  private readonly compiled = new Map<MessageKey, IntlMessageFormat>();
  private readonly moneyFormats = new Map<string, Intl.NumberFormat>();
  private numberFormat: Intl.NumberFormat | undefined;
  private readonly dateFormats = new Map<string, Intl.DateTimeFormat>();
  private listFormat: Intl.ListFormat | undefined;

  constructor(
    /** The show's `language` ("ru", "en", "de-AT"): the locale numbers and dates follow. */
    readonly locale: string,
  ) {
    const catalog = catalogOf(locale);
    this.language = catalog.language;
    this.messages = catalog.messages;
  }

  private format(key: MessageKey): IntlMessageFormat {
    let f = this.compiled.get(key);
    if (!f) {
      f = new IntlMessageFormat(this.messages[key], this.locale);
      this.compiled.set(key, f);
    }
    return f;
  }

  /** The message `key` with its values, as plain text (a viewer's words inserted as they are). */
  t(key: MessageKey, values?: MessageValues): string {
    return this.said(key, values).text;
  }

  /** The message `key` with viewer values kept apart as spans, for the renderers to escape. */
  said(key: MessageKey, values: MessageValues = {}): SaidText {
    const parts = this.format(key).formatToParts<ViewerValue>(values);
    const spans: TextSpan[] = [];
    for (const part of parts) {
      const last = spans[spans.length - 1];
      if (isViewer(part.value)) spans.push(part.value);
      else if (typeof last === 'string') spans[spans.length - 1] = last + String(part.value);
      else spans.push(String(part.value));
    }
    return { text: spans.map((s) => (typeof s === 'string' ? s : s.viewer)).join(''), spans };
  }

  /** Minor units as money text in the show's locale: "€24.00", "2 490 ₽". */
  money(minor: number, currency: string): string {
    let f = this.moneyFormats.get(currency);
    if (!f) {
      f = new Intl.NumberFormat(this.locale, {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
        ...(WHOLE_UNIT_CURRENCIES.has(currency) && { trailingZeroDisplay: 'stripIfInteger' }),
      });
      this.moneyFormats.set(currency, f);
    }
    return f.format(minor / 10 ** minorDigits(currency));
  }

  /** A count with the locale's grouping ("1,000", "1 000"). */
  number(n: number): string {
    this.numberFormat ??= new Intl.NumberFormat(this.locale);
    return this.numberFormat.format(n);
  }

  /** "Anna, Bob and Carl" / "Анна, Боб и Карл". */
  list(items: readonly string[]): string {
    this.listFormat ??= new Intl.ListFormat(this.locale, { style: 'long', type: 'conjunction' });
    return this.listFormat.format(items);
  }

  private dates(kind: 'dateTime' | 'day', timeZone: string): Intl.DateTimeFormat {
    let f = this.dateFormats.get(`${kind} ${timeZone}`);
    if (!f) {
      // Plain "en" reads dates the way most of the English-speaking world does ("31 Dec, 19:00"); "en-US" keeps its own.
      const locale = this.locale === 'en' ? 'en-GB' : this.locale;
      const fields: Intl.DateTimeFormatOptions =
        kind === 'day' ? { day: 'numeric', month: 'short' } : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
      f = new Intl.DateTimeFormat(locale, { timeZone, ...fields });
      this.dateFormats.set(`${kind} ${timeZone}`, f);
    }
    return f;
  }

  /** A moment as a person reads it in the show's timezone: "Fri 31 Dec, 19:00" / "пт, 31 дек., 19:00". */
  dateTime(at: number, timeZone: string): string {
    return this.dates('dateTime', timeZone).format(at);
  }

  /** A day as a person reads it: "31 Dec" / "31 дек.". */
  day(at: number, timeZone: string): string {
    return this.dates('day', timeZone).format(at);
  }

  /**
   * How long, as a person says it: "45 s", "2 min 30 s", "12 min", "3 h 20 min", and past a day
   * the date it ends ("until 31 Dec"), never "657 h 46 min".
   */
  duration(ms: number, timeZone = 'UTC', now = Date.now()): string {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return this.t('time.seconds', { n: s });
    if (s < 600) return this.t('time.minutesSeconds', { m: Math.floor(s / 60), s: s % 60 });
    const min = Math.round(s / 60);
    if (min < 60) return this.t('time.minutes', { n: min });
    if (min < 24 * 60) return this.t('time.hoursMinutes', { h: Math.floor(min / 60), m: min % 60 });
    return this.t('time.until', { day: this.day(now + ms, timeZone) });
  }
}

const byLocale = new Map<string, Texts>();

/** The Texts of a locale, built once per process. */
export function textsFor(locale: string): Texts {
  let texts = byLocale.get(locale);
  if (!texts) {
    texts = new Texts(locale);
    byLocale.set(locale, texts);
  }
  return texts;
}

import { IntlMessageFormat } from '/vendor/intl-messageformat.js';

/**
 * The show's texts for this page. The server puts the messages the page needs into a JSON block
 * (`<!--texts:…-->` in its HTML) from the same catalog the chat replies come from
 * (orchestrator/i18n/messages), in the show's language; here they are formatted with the same
 * ICU library, so plurals and numbers follow the language's own rules.
 */
const block = document.getElementById('texts');
/** @type {{ locale: string, messages: Record<string, string> }} */
const texts = block?.textContent ? JSON.parse(block.textContent) : { locale: document.documentElement.lang || 'en', messages: {} };

/** The show's locale ("ru", "en"): what prices, numbers and dates on the page follow. */
export const locale = texts.locale;

/** @type {Map<string, IntlMessageFormat>} */
const compiled = new Map();

/**
 * The message `key` with its values; a key the page was not given shows as itself, so a
 * missing text is visible rather than blank.
 * @param {string} key
 * @param {Record<string, string | number>} [values]
 * @returns {string}
 */
export function t(key, values) {
  let format = compiled.get(key);
  if (!format) {
    const text = texts.messages[key];
    if (text === undefined) return key;
    format = new IntlMessageFormat(text, locale);
    compiled.set(key, format);
  }
  return String(format.format(values));
}

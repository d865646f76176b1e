// @ts-check
// The country list of the address form: ISO 3166-1 codes (and XK), named in the page's language by
// the browser itself, so no list of names ships with the page.

const CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
  'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
  'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS ' +
  'GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
  'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
  'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
  'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
  'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
  'VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

/**
 * The countries a buyer may pick: those the seller ships to, or every one when a rate covers "*".
 * Sorted by name, as people look for their country.
 * @param {string[]} shipsTo codes from the shipping rates, "*" for every other country
 * @param {string} lang
 * @returns {Array<{ code: string, name: string }>}
 */
export function countryChoices(shipsTo, lang) {
  const names = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
  const codes = shipsTo.includes('*') ? [...new Set([...CODES, ...shipsTo.filter((c) => c !== '*')])] : shipsTo;
  return codes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, lang));
}

/**
 * The buyer's likely country from the browser's language ("de-AT" → AT), if it is one they may pick.
 * @param {ReadonlyArray<{ code: string }>} choices
 * @returns {string}
 */
export function guessCountry(choices) {
  if (choices.length === 1) return choices[0]?.code ?? '';
  for (const tag of navigator.languages) {
    const region = tag.split('-')[1]?.toUpperCase();
    if (region && choices.some((c) => c.code === region)) return region;
  }
  return '';
}

/**
 * Finding links in chat text. A scheme (`http://`) or `www.` always makes a link; a bare
 * `name.tld` only counts when the ending is a known top-level domain, so "e.g.", "3.50",
 * "node.js" or a missing space after a full stop ("ok.thanks") are not taken for links.
 */

// Common generic endings plus the reserved test names; two-letter country codes are a list below.
const GENERIC = new Set(
  (
    'com net org info biz xyz top site online shop store app dev io ai gg tv me co ly ru su рф укр бел ' +
    'club live stream link click buzz win bet vip pro fun icu cc ws to sh gl gy ws mobi name page blog ' +
    'tech space website today world life news email cloud host one art design market sale deals money ' +
    'loan casino game games porn sex xxx adult cam chat social media network group digital agency ' +
    'example test invalid localhost onion ' +
    // Endings cheap enough that scam sites favour them (fake giveaways: "claim at brand.gift").
    'gift prize bid trade download support zip mov cyou cfd sbs bond quest monster'
  ).split(/\s+/),
);

// ISO 3166 country codes in use as top-level domains (a few like "js" are not, on purpose).
const COUNTRY = new Set(
  (
    'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ' +
    'ca cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm ' +
    'fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is ' +
    'it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml ' +
    'mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm ' +
    'pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn sr ss st sv sx sy sz tc td tf tg ' +
    'th tj tk tl tm tn tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw'
  ).split(/\s+/),
);

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}[\p{L}\p{N}])?`;
// Something before the host that makes it part of a longer word (or an e-mail's local part is fine).
const HOST = new RegExp(String.raw`(?<![\p{L}\p{N}_.-])((?:${LABEL}\.)+(\p{L}{2,24}))(?![\p{L}\p{N}_-])`, 'gu');
const EXPLICIT = new RegExp(String.raw`(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)((?:${LABEL}\.?)+)`, 'giu');

/** The host names of every link in `text`, lowercased, in order of appearance. */
export function findLinkHosts(text: string): string[] {
  // A link needs "://" or a literal "." ("www.", name.tld): most chat lines have neither.
  if (!text.includes('.') && !text.includes('://')) return [];
  const hosts: Array<{ at: number; host: string }> = [];
  const taken: Array<[number, number]> = [];
  for (const m of text.matchAll(EXPLICIT)) {
    const start = m.index;
    const raw = m[0].toLowerCase();
    const host = raw.startsWith('www.') ? raw : (m[1] ?? '').toLowerCase();
    hosts.push({ at: start, host: host.replace(/\.$/, '') });
    taken.push([start, start + m[0].length]);
  }
  for (const m of text.matchAll(HOST)) {
    const start = m.index;
    if (taken.some(([a, b]) => start >= a && start < b)) continue;
    const tld = (m[2] ?? '').toLowerCase();
    if (!GENERIC.has(tld) && !COUNTRY.has(tld)) continue;
    hosts.push({ at: start, host: (m[1] ?? '').toLowerCase() });
  }
  return hosts.sort((a, b) => a.at - b.at).map((h) => h.host);
}

/** `allow` entries as bare host names: a show file may write them with a scheme, `www.` or a path. */
export function normalizeAllowList(allow: readonly string[]): string[] {
  return allow
    .map((a) =>
      a
        .trim()
        .toLowerCase()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
        .replace(/[/?#:].*$/, '')
        .replace(/^www\./, '')
        .replace(/\.$/, ''),
    )
    .filter((a) => a !== '');
}

/** A host is allowed when it is an allowed domain or any subdomain of one. */
export function isAllowedHost(host: string, allow: readonly string[]): boolean {
  const bare = host.replace(/^www\./, '');
  return allow.some((a) => bare === a || bare.endsWith(`.${a}`));
}

/** The hosts in `text` that are not allowed; empty when the line may stay. */
export function blockedLinks(text: string, allow: readonly string[]): string[] {
  return findLinkHosts(text).filter((h) => !isAllowedHost(h, allow));
}

import { maskValue } from '../orchestrator/shared/secrets.js';

/** The URL a person may see: the stream key (the last path segment and any query) masked. */
export function maskStreamUrl(url: string): string {
  const m = /^(rtmps?:\/\/[^/\s]+(?:\/[^/\s?]+)*?)\/([^/\s]+)$/.exec(url);
  if (!m) return url;
  return `${m[1]}/${maskValue(m[2]!)}`;
}

/** A target URL as shown in status and logs: the configured base plus the masked key. */
export function targetDisplayUrl(base: string, key: string | undefined): string {
  return key === undefined ? base : `${trimSlash(base)}/${maskValue(key)}`;
}

/** A URL without trailing slashes, so a key can be appended with exactly one. */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

const URL_RE = /rtmps?:\/\/[^\s,'"]+/g;
const NAME_RE = /\bname=(.+?)(?=, |$)/gm;
// "/live/<name>" as the library prints stream paths: exactly two segments, then a separator.
const PATH_RE = /(^|[\s(=])\/([A-Za-z0-9_-]+)\/([^\s/,]+?)(?=$|[\s,).:])/g;

/**
 * node-media-server prints stream paths and relay URLs, which carry stream keys (ours when OBS
 * publishes, a platform's when pushing, a stranger's wrong guess when refused). Every stream
 * name but the public one is masked before the line reaches our logger.
 */
export function scrubLibraryLine(line: string, publicName: string): string {
  return line
    .replace(URL_RE, (url) => maskStreamUrl(url))
    .replace(NAME_RE, (_all, name: string) => `name=${name === publicName ? name : maskValue(name)}`)
    .replace(PATH_RE, (_all, lead: string, app: string, name: string) => `${lead}/${app}/${name === publicName ? name : maskValue(name)}`);
}

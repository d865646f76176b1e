// @ts-check
/// <reference path="../../web/globals.d.ts" />
/**
 * The viewer page's player for the live show, for web/ to serve (showcart's own code; no library).
 *
 *   <video id="show" controls muted playsinline hidden></video>
 *   <script type="module">
 *     import { mountPlayer } from '/media-player.js';
 *     mountPlayer(document.getElementById('show'));
 *   </script>
 *
 * It polls GET /api/media/playback and, while the show is live, plays one of: HLS natively
 * (Safari, iOS, Android), HLS through hls.js (MSE browsers; /vendor/hls.js is loaded only when
 * needed), HTTP-FLV through mpegts.js when the page has loaded it (window.mpegts). The playback
 * answer says which comes first (`player`): HLS scales through a cache or CDN; HTTP-FLV has the
 * lower delay (about a second against HLS's several). When the show ends the video is hidden.
 *
 * @param {HTMLVideoElement} video
 * @param {{ api?: string, pollMs?: number, hlsScript?: string }} [options]
 * @returns {() => void} stops polling and playing
 */
export function mountPlayer(video, { api = '/api/media/playback', pollMs = 5000, hlsScript = '/vendor/hls.js' } = {}) {
  /** @type {Playing | null} */
  let playing = null;
  /** @type {number | undefined} */
  let timer;
  let stopped = false;

  const stop = () => {
    playing?.stop();
    playing = null;
    video.hidden = true;
  };

  /**
   * @param {Playback} info
   * @returns {Promise<Playing | null>}
   */
  const start = async (info) => {
    // The media port speaks plain HTTP, on the host this page came from (behind TLS, proxy its paths instead).
    /** @param {string} path */
    const at = (path) => `http://${location.hostname}:${info.port}${path}`;
    // With a cache in front the playback answer names it: a whole URL rather than a path.
    const hlsUrl = info.hls && (/^https?:\/\//.test(info.hls) ? info.hls : at(info.hls));
    for (const kind of order(info.player ?? 'auto')) {
      if (kind === 'native' && hlsUrl && video.canPlayType('application/vnd.apple.mpegurl')) return playNative(video, hlsUrl);
      if (kind === 'hls.js' && hlsUrl) {
        const Hls = window.Hls ?? (await load(hlsScript));
        if (Hls?.isSupported()) return playHlsJs(Hls, video, hlsUrl, stop);
      }
      if (kind === 'flv' && window.mpegts?.isSupported?.()) return playFlv(window.mpegts, video, at(info.flv), stop);
    }
    return null;
  };

  const poll = async () => {
    try {
      const res = await fetch(api, { cache: 'no-store' });
      /** @type {Playback} */
      const info = await res.json();
      if (!info.live) stop();
      else if (!playing) {
        const started = await start(info);
        if (stopped) started?.stop();
        else {
          playing = started;
          video.hidden = playing === null;
        }
      }
    } catch {
      // the server restarts or the network blips: try again at the next poll
    }
    if (!stopped) timer = setTimeout(poll, pollMs);
  };

  video.addEventListener('ended', stop);
  video.addEventListener('error', stop);
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
    stop();
  };
}

/**
 * The ways to play, best first. "auto" (a small show, no cache in front) plays HTTP-FLV wherever
 * MSE runs, for its delay of about a second against HLS's several (Chrome plays HLS natively
 * since 141, which would cost it that), and native HLS where there is no MSE (iPhone); "hls" is
 * for many viewers behind a cache.
 * @param {Playback['player']} player
 * @returns {Array<'native' | 'hls.js' | 'flv'>}
 */
export function order(player) {
  if (player === 'hls') return ['native', 'hls.js', 'flv'];
  if (player === 'flv') return ['flv', 'native', 'hls.js'];
  return ['flv', 'native', 'hls.js'];
}

/**
 * @param {HTMLVideoElement} video
 * @param {string} url
 * @returns {Playing}
 */
function playNative(video, url) {
  video.src = url;
  void video.play().catch(() => undefined);
  return { kind: 'hls', stop: () => video.removeAttribute('src') };
}

/**
 * @param {NonNullable<Window['Hls']>} Hls
 * @param {HTMLVideoElement} video
 * @param {string} url
 * @param {() => void} ended
 * @returns {Playing}
 */
function playHlsJs(Hls, video, url, ended) {
  // Three segments behind the live edge (hls.js's default) rides out a late segment; past six it jumps ahead.
  const hls = new Hls({ liveSyncDurationCount: 3, liveMaxLatencyDurationCount: 6, backBufferLength: 30 });
  let recovered = false;
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    // A decoding hiccup is worth one retry; anything else means the show ended or the network broke: the next poll decides.
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
      recovered = true;
      hls.recoverMediaError();
    } else ended();
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  void video.play().catch(() => undefined);
  return { kind: 'hls.js', stop: () => hls.destroy() };
}

/**
 * @param {NonNullable<Window['mpegts']>} mpegts
 * @param {HTMLVideoElement} video
 * @param {string} url
 * @param {() => void} ended
 * @returns {Playing}
 */
function playFlv(mpegts, video, url, ended) {
  const player = mpegts.createPlayer({ type: 'flv', isLive: true, url }, { enableStashBuffer: false, liveBufferLatencyChasing: true });
  player.on(mpegts.Events.ERROR, () => ended()); // the show ended or the connection broke: the next poll decides
  player.attachMediaElement(video);
  player.load();
  void Promise.resolve(player.play()).catch(() => undefined);
  return { kind: 'flv', stop: () => player.destroy() };
}

/**
 * hls.js as a classic script (its UMD build sets window.Hls), loaded once, on first need: a page
 * that plays HTTP-FLV never downloads it.
 * @param {string} src
 * @returns {Promise<Window['Hls']>}
 */
function load(src) {
  loading ??= new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve(window.Hls);
    script.onerror = () => {
      loading = undefined; // try again at the next start
      resolve(undefined);
    };
    document.head.append(script);
  });
  return loading;
}
/** @type {Promise<Window['Hls']> | undefined} */
let loading;

/**
 * GET /api/media/playback (media/router.ts): `flv` is a path on the media port; `hls` a path there,
 * or a whole URL when a cache is in front, or null while HLS is off or unavailable.
 * @typedef {{ live: boolean, port: number, flv: string, hls: string | null, player?: 'auto' | 'hls' | 'flv' }} Playback
 */

/** @typedef {{ kind: 'hls' | 'hls.js' | 'flv', stop: () => void }} Playing */

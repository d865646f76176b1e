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
 * It polls GET /api/media/playback and, while the show is live, plays HLS where the browser does
 * natively (Safari, iOS, Android) or HTTP-FLV through mpegts.js when the page has loaded it
 * (window.mpegts, MSE browsers: Chrome, Firefox, Edge); when the show ends the video is hidden.
 * HTTP-FLV has the lower delay (about a second against HLS's six or more).
 *
 * @param {HTMLVideoElement} video
 * @param {{ api?: string, pollMs?: number }} [options]
 * @returns {() => void} stops polling and playing
 */
export function mountPlayer(video, { api = '/api/media/playback', pollMs = 5000 } = {}) {
  /** @type {Playing | null} */
  let playing = null;
  /** @type {number | undefined} */
  let timer;

  const stop = () => {
    playing?.stop();
    playing = null;
    video.hidden = true;
  };

  /**
   * @param {Playback} info
   * @returns {Playing | null}
   */
  const start = (info) => {
    // The media port speaks plain HTTP, on the host this page came from (behind TLS, proxy its paths instead).
    /** @param {string} path */
    const at = (path) => `http://${location.hostname}:${info.port}${path}`;
    if (info.hls && video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = at(info.hls);
      void video.play().catch(() => undefined);
      return { kind: 'hls', stop: () => video.removeAttribute('src') };
    }
    const mpegts = window.mpegts;
    if (mpegts?.isSupported?.()) {
      const player = mpegts.createPlayer({ type: 'flv', isLive: true, url: at(info.flv) }, { enableStashBuffer: false, liveBufferLatencyChasing: true });
      player.on(mpegts.Events.ERROR, () => stop()); // the show ended or the connection broke: the next poll decides
      player.attachMediaElement(video);
      player.load();
      void Promise.resolve(player.play()).catch(() => undefined);
      return { kind: 'flv', stop: () => player.destroy() };
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
        playing = start(info);
        video.hidden = playing === null;
      }
    } catch {
      // the server restarts or the network blips: try again at the next poll
    }
    timer = setTimeout(poll, pollMs);
  };

  video.addEventListener('ended', stop);
  video.addEventListener('error', stop);
  void poll();
  return () => {
    clearTimeout(timer);
    stop();
  };
}

/**
 * GET /api/media/playback (media/router.ts): paths on the media port; `hls` is null while HLS is off or unavailable.
 * @typedef {{ live: boolean, port: number, flv: string, hls: string | null }} Playback
 */

/** @typedef {{ kind: 'hls' | 'flv', stop: () => void }} Playing */

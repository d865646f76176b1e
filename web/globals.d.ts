// Globals the pages get from classic scripts rather than imports. Types only: no page loads this file.

/** mpegts.js, from /vendor/mpegts.js (a UMD build that sets window.mpegts); the chat page loads it for the player. */
interface Window {
  mpegts?: typeof import('mpegts.js').default;
  /** hls.js, from /vendor/hls.js (its UMD build sets window.Hls); the player loads it when it plays HLS without native support. */
  Hls?: typeof import('hls.js').default;
}

// @ts-check
// Plays the live show above the chat while it is on air (HLS natively or through hls.js, HTTP-FLV through mpegts.js).
import { mountPlayer } from '/media-player.js';

mountPlayer(/** @type {HTMLVideoElement} */ (document.getElementById('show')));

// @ts-check
// The Stream panel's figures as text: what OBS sends (bitrate, fps, keyframe interval) and what each restream moves.

/** Most platforms (Twitch, YouTube, Facebook, TikTok) reject or degrade streams whose keyframes are further apart. */
export const KEYFRAME_LIMIT_MS = 4000;

/** The seller's own number format (decimal comma or point), one decimal at most. */
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const exactlyOneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * A bitrate as streaming tools show it: "850 kbit/s" below one megabit, "1,2 Mbit/s" from there.
 * @param {number} kbps
 */
export const bitrateText = (kbps) => (kbps < 1000 ? `${Math.round(kbps)} kbit/s` : `${oneDecimal.format(kbps / 1000)} Mbit/s`);

/**
 * "1,2 Mbit/s · 30 fps · keyframe every 2,0 s"; a figure not measured yet is left out rather than shown as 0.
 * @param {{ bitrateKbps: number, fps: number | null, keyframeIntervalMs: number | null }} ingest
 */
export function ingestFigures(ingest) {
  const parts = [bitrateText(ingest.bitrateKbps)];
  if (ingest.fps !== null) parts.push(`${oneDecimal.format(ingest.fps)} fps`);
  if (ingest.keyframeIntervalMs !== null) parts.push(`keyframe every ${exactlyOneDecimal.format(ingest.keyframeIntervalMs / 1000)} s`);
  return parts.join(' · ');
}

/**
 * What to tell the seller about the keyframe interval, or null when it is fine (or not known yet).
 * @param {number | null} keyframeIntervalMs
 */
export function keyframeWarning(keyframeIntervalMs) {
  if (keyframeIntervalMs === null || keyframeIntervalMs <= KEYFRAME_LIMIT_MS) return null;
  return `Keyframes are ${exactlyOneDecimal.format(keyframeIntervalMs / 1000)} s apart: platforms reject more than 4 s. In OBS set Output → Keyframe Interval to 2 s.`;
}

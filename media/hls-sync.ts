/**
 * What the copy of the HLS files in a bucket needs next, decided from the playlist ffmpeg wrote
 * last and what the bucket holds: pure, so the order rules are plain to read. The uploader
 * (hls-upload.ts) does the requests.
 */

/** Segments that left the playlist and are still kept, for players and caches holding a slightly older playlist (as ffmpeg keeps 3 on disk). */
export const KEEP_AFTER_PLAYLIST = 3;

/** What the bucket holds, as the uploader knows it. */
export interface BucketState {
  /** Segments uploaded and not deleted, in the order they were uploaded (oldest first). */
  stored: readonly string[];
  /** The playlist text last uploaded, or null. */
  playlist: string | null;
}

/** Segment names a media playlist lists, oldest first: its lines that are neither empty nor tags. */
export function playlistSegments(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The segments to upload before `playlist` may be: those it names that the bucket lacks, in the
 * playlist's order. The playlist goes up only after all of them, so no player is sent to a
 * segment that is not there yet; it goes up again only when ffmpeg changed it.
 */
export function planUploads(playlist: string, bucket: BucketState): { segments: string[]; playlist: boolean } {
  const stored = new Set(bucket.stored);
  const named = playlistSegments(playlist);
  // a line that is not one of ffmpeg's names is never read from disk, and its playlist never goes up
  if (!named.every(isSegmentName)) return { segments: [], playlist: false };
  const segments = named.filter((s) => !stored.has(s));
  return { segments, playlist: segments.length > 0 || playlist !== bucket.playlist };
}

/**
 * Segments to delete: stored ones the uploaded playlist no longer names, but for the
 * `keep` that left it last. Nothing while no playlist is up: a restarted uploader's bucket may
 * still be serving the previous one.
 */
export function planDeletes(bucket: BucketState, keep = KEEP_AFTER_PLAYLIST): string[] {
  if (bucket.playlist === null) return [];
  const listed = new Set(playlistSegments(bucket.playlist));
  const gone = bucket.stored.filter((s) => !listed.has(s));
  return gone.slice(0, Math.max(0, gone.length - keep));
}

/** Only names ffmpeg writes for us (letters, digits, "_", "-", then .ts): a playlist line is never a path. */
export function isSegmentName(name: string): boolean {
  return /^[A-Za-z0-9_-]{1,100}\.ts$/.test(name);
}

/** What a player reads from a live media playlist. */
export interface LivePlaylist {
  mediaSequence: number;
  targetDuration: number;
  /** Segment URIs, oldest first, as written (relative to the playlist). */
  segments: string[];
  discontinuities: number;
}

export function parsePlaylist(text: string): LivePlaylist {
  const lines = text.split('\n').map((l) => l.trim());
  const tag = (name: string) => Number(lines.find((l) => l.startsWith(`#${name}:`))?.slice(name.length + 2) ?? NaN);
  return {
    mediaSequence: tag('EXT-X-MEDIA-SEQUENCE'),
    targetDuration: tag('EXT-X-TARGETDURATION'),
    segments: lines.filter((l) => l !== '' && !l.startsWith('#')),
    discontinuities: lines.filter((l) => l === '#EXT-X-DISCONTINUITY').length,
  };
}

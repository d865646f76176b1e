/**
 * Input side shared by every ffmpeg we run: FLV on stdin, progress as key=value lines on stdout.
 * A live input never ends, so ffmpeg's default 5 s of probing would hold the first output back
 * that long; the cached key frame and codec headers a new reader gets are enough after 1 s.
 */
const INPUT = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1', '-analyzeduration', '1000000', '-f', 'flv', '-i', 'pipe:0'];

/**
 * Restream without transcoding. Audio and video only: the publisher's "@setDataFrame" script tag
 * reads as a data stream with a single packet, and the muxer would hold everything back waiting
 * to interleave it (up to 10 s).
 * A platform that stops answering fails the write after 10 s, so the supervisor can retry.
 */
export function restreamArgs(url: string): string[] {
  return [...INPUT, '-map', '0:v?', '-map', '0:a?', '-c', 'copy', '-rw_timeout', '10000000', '-f', 'flv', '-flvflags', 'no_duration_filesize', url];
}

/** How one HLS writer runs: its segments' target length and the prefix that makes this run's names its own. */
export interface HlsRun {
  segmentSeconds: number;
  /** Letters, digits and "-" only; new for every ffmpeg started. */
  prefix: string;
}

/**
 * HLS from the public feed, for browsers without HTTP-FLV and for caches in front. `-c copy`
 * cuts only at keyframes, so a segment lasts at least OBS's keyframe interval. Segments are served
 * as immutable, so their names never repeat: a prefix per ffmpeg run, and numbers (the playlist's
 * media sequence) that start at the current second, which a restarted writer never goes below, so
 * a player's sequence only goes up; the restart is marked as a discontinuity. The playlist keeps
 * about 12 s; a segment stays on disk for 3 more after it leaves the playlist, for players and
 * caches holding a slightly older playlist.
 */
export function hlsArgs(dir: string, run: HlsRun = { segmentSeconds: 2, prefix: 'seg' }): string[] {
  return [
    ...INPUT,
    '-map',
    '0:v?',
    '-map',
    '0:a?',
    '-c',
    'copy',
    '-f',
    'hls',
    '-hls_time',
    String(run.segmentSeconds),
    '-hls_list_size',
    String(Math.max(6, Math.ceil(12 / run.segmentSeconds))),
    '-hls_delete_threshold',
    '3',
    '-hls_start_number_source',
    'epoch',
    // temp_file: a segment is written as .tmp (never served) and renamed when complete
    '-hls_flags',
    'delete_segments+independent_segments+omit_endlist+discont_start+temp_file',
    '-hls_segment_filename',
    `${dir}/${run.prefix}-%d.ts`,
    `${dir}/index.m3u8`,
  ];
}

export interface Progress {
  /** Bytes the muxer has written; absent for outputs of many files (HLS reports N/A). */
  bytes?: number;
  /** Media time written, in ms. */
  mediaMs?: number;
}

/** The latest figures in complete lines of `-progress` output. */
export function parseProgress(lines: string): Progress {
  const out: Progress = {};
  for (const m of lines.matchAll(/^(total_size|out_time_us)=(\d+)$/gm)) {
    if (m[1] === 'total_size') out.bytes = Number(m[2]);
    else out.mediaMs = Math.floor(Number(m[2]) / 1000);
  }
  return out;
}

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

/** HLS for browsers without MSE: 2 s segments, a short rolling playlist, old segments deleted. */
export function hlsArgs(dir: string): string[] {
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
    '2',
    '-hls_list_size',
    '6',
    '-hls_flags',
    'delete_segments+independent_segments+omit_endlist',
    '-hls_segment_filename',
    `${dir}/seg-%05d.ts`,
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

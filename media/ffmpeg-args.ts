/** Input side shared by every ffmpeg we run: FLV on stdin, progress as key=value lines on stdout. */
const INPUT = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1', '-f', 'flv', '-i', 'pipe:0'];

/** Restream without transcoding. A platform that stops answering fails the write after 10 s, so the supervisor can retry. */
export function restreamArgs(url: string): string[] {
  return [...INPUT, '-map', '0', '-c', 'copy', '-rw_timeout', '10000000', '-f', 'flv', '-flvflags', 'no_duration_filesize', url];
}

/** HLS for browsers without MSE: 2 s segments, a short rolling playlist, old segments deleted. */
export function hlsArgs(dir: string): string[] {
  return [
    ...INPUT,
    '-map', '0', '-c', 'copy',
    '-f', 'hls', '-hls_time', '2', '-hls_list_size', '6',
    '-hls_flags', 'delete_segments+independent_segments+omit_endlist',
    '-hls_segment_filename', `${dir}/seg-%05d.ts`,
    `${dir}/index.m3u8`,
  ];
}

/** The bytes written so far, from one chunk of `-progress` output (undefined when the chunk has none). */
export function progressBytes(text: string): number | undefined {
  let bytes: number | undefined;
  for (const m of text.matchAll(/^total_size=(\d+)$/gm)) bytes = Number(m[1]);
  return bytes;
}

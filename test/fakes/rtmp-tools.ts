import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';

/** OBS, played by ffmpeg: a small synthetic stream (H.264 + AAC, a key frame every second) published over RTMP. */
export class TestPublisher {
  private constructor(private readonly child: ChildProcess) {}

  /** 15 fps with a keyframe every `gop` frames (15: one a second). */
  static start(url: string, gop = 15): TestPublisher {
    const args = [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=15',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=44100',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-g',
      String(gop),
      // x264 would also cut a keyframe at every scene change; a fixed interval is what tests measure
      '-sc_threshold',
      '0',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-f',
      'flv',
      url,
    ];
    return new TestPublisher(spawn('ffmpeg', args, { stdio: 'ignore' }));
  }

  /** OBS sending a pre-encoded clip in a loop: any bitrate for next to no CPU. */
  static loop(clip: string, url: string): TestPublisher {
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', clip, '-c', 'copy', '-f', 'flv', url];
    return new TestPublisher(spawn('ffmpeg', args, { stdio: 'ignore' }));
  }

  /** Resolves with the exit code once ffmpeg has exited (a refused publish makes it exit). */
  get exited(): Promise<number | null> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** OBS hangs (or its network silently dies): the connection stays open, nothing more is sent. */
  pause(): void {
    this.child.kill('SIGSTOP');
  }

  /** An abrupt drop (network gone, OBS crashed): SIGKILL, no RTMP goodbye. */
  async kill(): Promise<void> {
    const exited = this.exited;
    this.child.kill('SIGKILL');
    await exited;
  }
}

/** Encodes a short H.264 + AAC clip at a high bitrate (noise defeats compression) for TestPublisher.loop. */
export function heavyClip(path: string, mbps = 40): Promise<void> {
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30,noise=alls=40:allf=t',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    '2',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    `${mbps}M`,
    '-maxrate',
    `${mbps}M`,
    '-bufsize',
    `${mbps}M`,
    '-g',
    '30',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-f',
    'flv',
    '-y',
    path,
  ];
  return new Promise((resolve, reject) => execFile('ffmpeg', args, (err) => (err ? reject(new Error(err.message, { cause: err })) : resolve())));
}

/** The stream types ffprobe finds at a URL, e.g. ['video', 'audio']. */
export function probe(url: string, timeoutMs = 15_000): Promise<string[]> {
  const args = ['-v', 'error', '-analyzeduration', '1000000', '-probesize', '1000000', '-show_entries', 'stream=codec_type', '-of', 'json', url];
  return new Promise((resolve, reject) => {
    execFile('ffprobe', args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout) => {
      if (err) return reject(new Error(`ffprobe ${url}: ${err.message}`));
      const parsed = JSON.parse(stdout) as { streams?: Array<{ codec_type: string }> };
      resolve((parsed.streams ?? []).map((s) => s.codec_type).sort());
    });
  });
}

/** The first `n` bytes an HTTP URL sends (a live FLV never ends, so the request is cut after them). */
export function firstBytes(url: string, n: number, timeoutMs = 10_000): Promise<{ status: number; type: string | undefined; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], bytes: Buffer.concat(chunks).subarray(0, n) });
      };
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= n) done();
      });
      res.on('end', done);
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`fewer than ${n} bytes from ${url} in ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

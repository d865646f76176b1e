import type { RunningShow } from '../../show.js';

/**
 * Links to showcart's own pages as viewers reach them: `server.publicUrl`, or the local address
 * once the server listens (the port may be chosen by the system).
 */
export class SiteLinks {
  private local = 'http://localhost:3000';

  constructor(private readonly show: RunningShow) {}

  /** The server listens: links point at it unless the show file names a public URL. */
  listening(port: number): void {
    this.local = `http://localhost:${port}`;
  }

  get base(): string {
    return (this.show.config.server.publicUrl ?? this.local).replace(/\/+$/, '');
  }

  /** A cart's checkout page: short, and the token is the only key. */
  cart(token: string): string {
    return `${this.base}/c/${token}`;
  }
}

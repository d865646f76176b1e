import type { ChatUser, Platform } from '../chat-types.js';
import type { StoreAccess } from './store.js';

export interface ViewerRef {
  viewerId: number;
  identityId: number;
}

/**
 * Maps a platform identity to a viewer, creating both on first sight. Cached, because every chat
 * line needs it and the answer only changes when accounts are linked.
 */
export class ViewerDirectory {
  // Per platform, then by platform user id: a lookup per chat line builds no key string.
  private readonly cache = new Map<Platform, Map<string, ViewerRef & { name: string; at: number }>>();
  private readonly pending = new Map<string, Promise<ViewerRef>>();

  /**
   * `maxAgeMs`: how long a mapping is trusted. This process forgets its cache when it links
   * accounts itself; shows run side by side on one database (`--shows`) link in other processes,
   * so there each mapping is read again after a while (a link made elsewhere counts here soon).
   */
  constructor(
    private readonly store: Pick<StoreAccess, 'models' | 'writes'>,
    private readonly maxAgeMs = Number.POSITIVE_INFINITY,
    private readonly now: () => number = Date.now,
  ) {}

  resolve(platform: Platform, user: ChatUser): Promise<ViewerRef> {
    const hit = this.known(platform, user);
    if (hit) return Promise.resolve(hit);
    const key = `${platform}:${user.id}`;
    // Two lines from a new viewer in the same tick must not create two viewers.
    let p = this.pending.get(key);
    if (!p) {
      p = this.load(platform, user).finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }

  /** The viewer behind an identity when it is cached (and its name unchanged): no promise, no wait. */
  known(platform: Platform, user: ChatUser): ViewerRef | undefined {
    const hit = this.cache.get(platform)?.get(user.id);
    if (hit === undefined || hit.name !== user.name) return undefined;
    return this.now() - hit.at < this.maxAgeMs ? { viewerId: hit.viewerId, identityId: hit.identityId } : undefined;
  }

  /** Forgets cached mappings (after identities are linked or merged). */
  invalidate(): void {
    this.cache.clear();
  }

  private async load(platform: Platform, user: ChatUser): Promise<ViewerRef> {
    const ref = await this.store.writes.run(async (transaction) => {
      const found = await this.store.models.Identity.findOne({ where: { platform, platformUserId: user.id }, transaction });
      if (found) {
        if (found.displayName !== user.name) await found.update({ displayName: user.name, roles: user.roles }, { transaction });
        return { viewerId: found.viewerId, identityId: found.id };
      }
      const viewer = await this.store.models.Viewer.create({ displayName: user.name }, { transaction });
      const identity = await this.store.models.Identity.create(
        { viewerId: viewer.id, platform, platformUserId: user.id, displayName: user.name, roles: user.roles },
        { transaction },
      );
      return { viewerId: viewer.id, identityId: identity.id };
    });
    let byId = this.cache.get(platform);
    if (!byId) this.cache.set(platform, (byId = new Map<string, ViewerRef & { name: string; at: number }>()));
    byId.set(user.id, { ...ref, name: user.name, at: this.now() });
    return ref;
  }
}

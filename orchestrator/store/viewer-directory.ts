import type { ChatUser, Platform } from '../chat-types.js';
import { Identity, Viewer } from './models-core.js';
import type { WriteQueue } from './write-queue.js';

export interface ViewerRef {
  viewerId: number;
  identityId: number;
}

/**
 * Maps a platform identity to a viewer, creating both on first sight. Cached, because every chat
 * line needs it and the answer only changes when accounts are linked.
 */
export class ViewerDirectory {
  private readonly cache = new Map<string, ViewerRef & { name: string }>();
  private readonly pending = new Map<string, Promise<ViewerRef>>();

  constructor(private readonly writes: WriteQueue) {}

  resolve(platform: Platform, user: ChatUser): Promise<ViewerRef> {
    const key = `${platform}:${user.id}`;
    const hit = this.cache.get(key);
    if (hit && hit.name === user.name) return Promise.resolve(hit);
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
    const hit = this.cache.get(`${platform}:${user.id}`);
    return hit && hit.name === user.name ? hit : undefined;
  }

  /** Forgets cached mappings (after identities are linked or merged). */
  invalidate(): void {
    this.cache.clear();
  }

  private async load(platform: Platform, user: ChatUser): Promise<ViewerRef> {
    const key = `${platform}:${user.id}`;
    const ref = await this.writes.run(async (transaction) => {
      const found = await Identity.findOne({ where: { platform, platformUserId: user.id }, transaction });
      if (found) {
        if (found.displayName !== user.name) await found.update({ displayName: user.name, roles: user.roles }, { transaction });
        return { viewerId: found.viewerId, identityId: found.id };
      }
      const viewer = await Viewer.create({ displayName: user.name }, { transaction });
      const identity = await Identity.create(
        { viewerId: viewer.id, platform, platformUserId: user.id, displayName: user.name, roles: user.roles },
        { transaction },
      );
      return { viewerId: viewer.id, identityId: identity.id };
    });
    this.cache.set(key, { ...ref, name: user.name });
    return ref;
  }
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../orchestrator/store/store.js';
import { ViewerDirectory } from '../../orchestrator/store/viewer-directory.js';

const UMA = { id: 'u-1', name: 'Uma', roles: [] };

/** Shows side by side link accounts in other processes: a cached mapping must not outlive its age there. */
describe('the viewer directory', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
  });
  afterEach(() => store.close());

  /** What a link in another process leaves in the database: the identity now belongs to another viewer. */
  const linkElsewhere = async (identityId: number) => {
    const other = await store.models.Viewer.create({ displayName: 'Uma (linked)' });
    await store.models.Identity.update({ viewerId: other.id }, { where: { id: identityId } });
    return other.id;
  };

  it('GIVEN a show alone WHEN an identity is linked behind its back THEN its cache keeps the mapping until it forgets it itself', async () => {
    const directory = new ViewerDirectory(store);
    const first = await directory.resolve('twitch', UMA);
    await linkElsewhere(first.identityId);
    expect(await directory.resolve('twitch', UMA)).toEqual(first);
    directory.invalidate();
    expect((await directory.resolve('twitch', UMA)).viewerId).not.toBe(first.viewerId);
  });

  it('GIVEN shows side by side WHEN a sibling links the identity THEN the mapping is read again once its age has passed', async () => {
    let now = 1_000_000;
    const directory = new ViewerDirectory(store, 30_000, () => now);
    const first = await directory.resolve('twitch', UMA);
    const linked = await linkElsewhere(first.identityId);
    now += 29_999;
    expect(directory.known('twitch', UMA)).toEqual(first);
    now += 1;
    expect(directory.known('twitch', UMA)).toBeUndefined();
    expect(await directory.resolve('twitch', UMA)).toEqual({ viewerId: linked, identityId: first.identityId });
  });
});

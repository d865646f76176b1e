/** A target name that is not in the show file (the API answers 404). */
export class UnknownTargetError extends Error {
  constructor(readonly target: string) {
    super(`no restream target named "${target}"`);
  }
}

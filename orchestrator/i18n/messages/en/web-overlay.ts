/** Texts of the web-overlay area (see ../index.ts for the rules every catalog file follows). */
export const webOverlay = {} satisfies Record<string, string>;

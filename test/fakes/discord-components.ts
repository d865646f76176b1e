/**
 * How the fake Discord checks a message's `components` (action rows of buttons), answering a
 * malformed one with the nested `errors` of Discord's 50035 Invalid Form Body, as the real API does.
 */
import type { Json } from './discord-payloads.js';

const MAX_ROWS = 5;
const MAX_PER_ROW = 5;
const MAX_CUSTOM_ID = 100;
const MAX_LABEL = 80;
const MAX_URL = 512;
const ACTION_ROW = 1;
const BUTTON = 2;
const LINK = 5;
const PREMIUM = 6;

/** One problem at a path such as `components.0.components.1.url`. */
interface Problem {
  path: Array<string | number>;
  code: string;
  message: string;
}

/** Discord's nested `errors` object for the first problem in `components`, or undefined when they are fine. */
export function componentErrors(components: unknown): Json | undefined {
  const problem = firstProblem(components);
  if (problem === undefined) return undefined;
  let errors: Json = { _errors: [{ code: problem.code, message: problem.message }] };
  for (const key of [...problem.path].reverse()) errors = { [String(key)]: errors };
  return errors;
}

function firstProblem(components: unknown): Problem | undefined {
  if (components == null) return undefined;
  if (!Array.isArray(components)) return { path: ['components'], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' };
  if (components.length > MAX_ROWS) return { path: ['components'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_ROWS} or fewer in length.` };
  const customIds = new Set<string>();
  for (const [r, row] of components.entries()) {
    const at = ['components', r];
    const rowJson = (row ?? {}) as Json;
    if (rowJson.type !== ACTION_ROW) continue; // components v2 layouts: not checked
    const children = rowJson.components;
    if (!Array.isArray(children) || children.length === 0 || children.length > MAX_PER_ROW) {
      return { path: [...at, 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${MAX_PER_ROW} in length.` };
    }
    for (const [c, child] of children.entries()) {
      const problem = buttonProblem((child ?? {}) as Json, customIds);
      if (problem !== undefined) return { ...problem, path: [...at, 'components', c, ...problem.path] };
    }
  }
  return undefined;
}

function buttonProblem(button: Json, customIds: Set<string>): Problem | undefined {
  if (button.type !== BUTTON) return undefined; // select menus: not checked
  const style = Number(button.style);
  if (!Number.isInteger(style) || style < 1 || style > PREMIUM)
    return { path: ['style'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of {1, 2, 3, 4, 5, 6}.` };
  if (style === PREMIUM) return undefined;
  const label = button.label;
  if (label !== undefined && (typeof label !== 'string' || label.length > MAX_LABEL)) {
    return { path: ['label'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_LABEL} or fewer in length.` };
  }
  if ((label === undefined || label === '') && button.emoji == null) return { path: ['label'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
  if (style === LINK) {
    if (button.custom_id !== undefined)
      return { path: ['custom_id'], code: 'BUTTON_COMPONENT_CUSTOM_ID_URL', message: 'A custom id and url cannot both be specified' };
    return urlProblem(button.url);
  }
  if (button.url !== undefined) return { path: ['url'], code: 'BUTTON_COMPONENT_URL_NOT_ALLOWED', message: 'A url cannot be specified for this button style' };
  const id = button.custom_id;
  if (typeof id !== 'string' || id === '') return { path: ['custom_id'], code: 'BASE_TYPE_REQUIRED', message: 'A custom id is required' };
  if (id.length > MAX_CUSTOM_ID) return { path: ['custom_id'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_CUSTOM_ID} or fewer in length.` };
  if (customIds.has(id)) return { path: ['custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' };
  customIds.add(id);
  return undefined;
}

/** A link button's url: present, at most 512 long, well formed, and http, https or discord. */
function urlProblem(raw: unknown): Problem | undefined {
  if (typeof raw !== 'string' || raw === '') return { path: ['url'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
  if (raw.length > MAX_URL) return { path: ['url'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_URL} or fewer in length.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { path: ['url'], code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' };
  }
  const scheme = url.protocol.slice(0, -1);
  if (!['http', 'https', 'discord'].includes(scheme)) {
    return {
      path: ['url'],
      code: 'URL_TYPE_INVALID_SCHEME',
      message: `Scheme "${scheme}" is not supported. Scheme must be one of ('http', 'https', 'discord').`,
    };
  }
  return undefined;
}

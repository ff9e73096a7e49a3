// Logins that protect without punishing. Failed logins are counted per key, and once a key has had its free
// failures, each further attempt waits longer (1 s, 2 s, 4 s, … up to 15 minutes) — a wait, never a lock:
// - per client address, over all usernames (one client cannot try many usernames);
// - per username, for attempts from clients not known for that username (many clients cannot try one
//   username fast);
// - per known client: a browser this user has logged in from before (the login cookie's token,
//   src/store/repos/logins.ts). Its attempts are counted on its own key only, so the right password from the
//   user's own browser passes while strangers' failures make every other client wait: five wrong passwords for
//   `admin` from anywhere do not keep the real admin out.
// Nothing is kept in memory: the counts are rows of the store, forgotten a day after their last failure, so
// failures on 10,000 other usernames push nothing out.
// Audited through the store's audit rows (one chain per office):
// - a failed login of a known username: one `login_failed` row (entity user) in each office of that user
//   (those offices' admins read it), '' when the user has none;
// - of an unknown username: one `login_failed` row (entity session) in the global log (''), without the
//   username — a username that does not exist is often a password typed in the wrong field;
// - a refusal while waiting: one `login_throttled` row per wait and key, placed the same way.
// Each row has the client's address, the counts and the wait that follows; never a password.
import type { User } from '../contract/types.js';
import {
  ANONYMOUS_ACTOR,
  type KnownClient,
  type LoginThrottleState,
  type NewAuditEntry,
  type Store,
} from '../store/index.js';
import type { NewSession } from '../contract/types.js';

/** The free failures of each key, and the waits after them. */
export const LOGIN_POLICY = {
  /** Failures from one client address, over all usernames (an office behind one address counts as one). */
  client: 20,
  /** Failures on one username from clients not known for it, from anywhere. */
  username: 5,
  /** Failures from one known client of the username. */
  known: 10,
  /** Wrong current passwords in one user's password change. */
  password: 5,
  /** The wait after the free failures; it doubles with each further failure … */
  firstWaitMs: 1000,
  /** … up to this. */
  maxWaitMs: 15 * 60 * 1000,
  /** A key's failures are forgotten this long after its last failure. */
  forgetMs: 24 * 60 * 60 * 1000,
} as const;

type KeyKind = 'client' | 'username' | 'known' | 'password';

const keyOf = (kind: KeyKind, value: string): string => `${kind}:${value}`;
const kindOf = (key: string): KeyKind => key.slice(0, key.indexOf(':')) as KeyKind;

/** The wait (ms) after `failures` failures of a key of this kind: none until the free ones are used up. */
export function waitAfter(failures: number, kind: KeyKind): number {
  const free = LOGIN_POLICY[kind];
  if (failures < free) return 0;
  return Math.min(LOGIN_POLICY.maxWaitMs, LOGIN_POLICY.firstWaitMs * 2 ** Math.min(failures - free, 30));
}

/** How long (ms) from `now` a key's attempts still wait. */
function remaining(state: LoginThrottleState, now: number): number {
  if (state.failures === 0) return 0;
  return Math.max(0, Date.parse(state.lastFailureAt) + waitAfter(state.failures, kindOf(state.key)) - now);
}

/** A wait in the clerk's words. */
function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds}秒` : `約${Math.ceil(seconds / 60)}分`;
}

const forgetBefore = (now: number): string => new Date(now - LOGIN_POLICY.forgetMs).toISOString();

/** The audit rows of a login event: in each office of a known user, else in the global log. */
function entries(
  target: User | null,
  action: 'login_failed' | 'login_throttled',
  after: Record<string, unknown>,
): NewAuditEntry[] {
  if (!target) {
    return [
      { officeId: '', actor: ANONYMOUS_ACTOR, entity: 'session', entityId: '', action, before: null, after },
    ];
  }
  const offices = target.officeIds.length ? target.officeIds : [''];
  return offices.map((officeId) => ({
    officeId,
    actor: ANONYMOUS_ACTOR,
    entity: 'user',
    entityId: target.id,
    action,
    before: null,
    after: { username: target.username, ...after },
  }));
}

export type Throttled = { kind: 'wait'; retryAfterSeconds: number; message: string };

/**
 * Whether the keys make this attempt wait; if so the refusal is audited (once per wait and key) and the
 * answer says how long.
 */
async function refusal(
  store: Store,
  states: readonly LoginThrottleState[],
  now: number,
  audited: () => Promise<{ target: User | null; after: Record<string, unknown> }>,
): Promise<Throttled | null> {
  const waiting = states.filter((s) => remaining(s, now) > 0);
  if (waiting.length === 0) return null;
  const seconds = Math.ceil(Math.max(...waiting.map((s) => remaining(s, now))) / 1000);
  const { target, after } = await audited();
  for (const s of waiting) {
    await store.recordLoginRefusal(
      s.key,
      s.lastFailureAt,
      entries(target, 'login_throttled', { ...after, waitingFor: kindOf(s.key), waitSeconds: seconds }),
    );
  }
  const known = waiting.some((s) => kindOf(s.key) === 'known' || kindOf(s.key) === 'password');
  return {
    kind: 'wait',
    retryAfterSeconds: seconds,
    message: known
      ? `パスワードの誤りが続いたため、${waitText(seconds)}後にもう一度お試しください`
      : `ログインの失敗が続いたため、このブラウザーからは${waitText(seconds)}後にもう一度お試しください（以前にログインしたことのあるブラウザーからは、正しいパスワードでそのままログインできます）`,
  };
}

/** The counts after a failure, with the wait they impose, as the audit row shows them. */
function countsAfter(keys: readonly string[], failures: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  keys.forEach((k, i) => {
    out[kindOf(k)] = failures[i]!;
  });
  return out;
}
function waitSecondsAfter(keys: readonly string[], failures: readonly number[]): number {
  return Math.ceil(Math.max(0, ...keys.map((k, i) => waitAfter(failures[i]!, kindOf(k)))) / 1000);
}

export interface LoginRequest {
  username: string;
  password: string;
  /** The client's address (req.ip). */
  client: string;
  /** The known-client tokens of the browser's login cookie. */
  knownTokens: readonly string[];
  sessionTtlMs: number;
}

export type LoginOutcome =
  { kind: 'ok'; user: User; session: NewSession; knownClient: KnownClient } | { kind: 'wrong' } | Throttled;

/** `clock` gives the time (ms) when each step happens (a wait counts from when the failure was recorded). */
export async function login(
  store: Store,
  req: LoginRequest,
  clock: () => number = Date.now,
): Promise<LoginOutcome> {
  const now = clock();
  const known = await store.findKnownClient(req.knownTokens, req.username);
  const keys = known
    ? [keyOf('known', known.id)]
    : [keyOf('client', req.client), keyOf('username', req.username)];
  const states = await store.loginThrottles(keys, forgetBefore(now));
  const refused = await refusal(store, states, now, async () => ({
    target: await store.getUserByUsername(req.username),
    after: { client: req.client, knownClient: Boolean(known) },
  }));
  if (refused) return refused;

  const user = await store.verifyPassword(req.username, req.password);
  if (!user) {
    const target = await store.getUserByUsername(req.username);
    const failedAt = clock();
    await store.recordLoginFailure(
      keys,
      new Date(failedAt).toISOString(),
      forgetBefore(failedAt),
      (failures) =>
        entries(target, 'login_failed', {
          client: req.client,
          knownClient: Boolean(known),
          failures: countsAfter(keys, failures),
          waitSeconds: waitSecondsAfter(keys, failures),
        }),
    );
    return { kind: 'wrong' };
  }
  // The username's count (or the known client's) starts again; the client address's does not: one valid
  // account must not let a client try other usernames without waiting.
  await store.clearLoginThrottles(keys.filter((k) => kindOf(k) !== 'client'));
  const session = await store.createSession(user.id, req.sessionTtlMs);
  const knownClient = await store.rememberClient(user.id, known, req.client);
  return { kind: 'ok', user, session, knownClient };
}

/** The known clients' tokens one browser's login cookie keeps (several users may share an office PC). */
export const KNOWN_TOKENS_PER_BROWSER = 5;

/** The login cookie's tokens after a login: this user's first, then the others it had. */
export function knownTokensAfter(tokens: readonly string[], knownClient: KnownClient): string[] {
  return [knownClient.token, ...tokens.filter((t) => t !== knownClient.token)].slice(
    0,
    KNOWN_TOKENS_PER_BROWSER,
  );
}

/**
 * A user changes their own password with the current one. Wrong current passwords are counted per user (a
 * stolen session cannot guess the password fast) and audited like failed logins.
 */
export async function changePassword(
  store: Store,
  user: User,
  change: { currentPassword: string; newPassword: string; client: string },
  clock: () => number = Date.now,
): Promise<{ kind: 'ok' } | { kind: 'wrong' } | Throttled> {
  const now = clock();
  const keys = [keyOf('password', user.id)];
  const states = await store.loginThrottles(keys, forgetBefore(now));
  const refused = await refusal(store, states, now, async () => ({
    target: user,
    after: { client: change.client, during: 'password_change' },
  }));
  if (refused) return refused;
  if (!(await store.verifyPassword(user.username, change.currentPassword))) {
    const failedAt = clock();
    await store.recordLoginFailure(
      keys,
      new Date(failedAt).toISOString(),
      forgetBefore(failedAt),
      (failures) =>
        entries(user, 'login_failed', {
          client: change.client,
          during: 'password_change',
          failures: countsAfter(keys, failures),
          waitSeconds: waitSecondsAfter(keys, failures),
        }),
    );
    return { kind: 'wrong' };
  }
  await store.updateUser(user.id, { password: change.newPassword }, user.id);
  await store.clearLoginThrottles(keys);
  return { kind: 'ok' };
}

// POST …/months/:month/close as the server runs it: in its workers (./workers.ts: worker threads), with the
// request's Idempotency-Key when it brings one. The same key from the same user for the same office answers
// again with the version its first close made (kept with the version: after a restart too); the same key
// asking another month or another body is refused (422), a key nobody could have meant is refused (400).
import type { ActorId } from '../contract/types.js';
import { isStoreError, StoreError, type Store } from '../store/index.js';
import type { CloseSummaryOutcome, Workers } from './workers.js';
import { AppError } from './errors.js';
import { canonicalJson, sha256Hex } from './monthInput.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type CloseAnswer = CloseSummaryOutcome & { replayed?: boolean };

function checkedKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new StoreError('invalid', `${IDEMPOTENCY_HEADER} の値に誤りがあります`, [
      {
        path: IDEMPOTENCY_HEADER,
        message: '英数字と記号（空白を除く）で 1〜255 文字のキーを送ってください（例: UUID）',
      },
    ]);
  }
  return key;
}

async function replayOf(
  store: Store,
  officeId: string,
  actor: ActorId,
  key: string,
  requestHash: string,
): Promise<CloseAnswer | null> {
  const kept = await store.findCloseKey(officeId, actor, key);
  if (!kept) return null;
  if (kept.requestHash !== requestHash) {
    throw new AppError([
      {
        path: IDEMPOTENCY_HEADER,
        message:
          `この ${IDEMPOTENCY_HEADER} は別の内容の締め（${kept.month}）に使われています。` +
          '同じ締めを送り直すときは同じ内容で、別の締めには新しいキーを使ってください',
      },
    ]);
  }
  return { ok: true, summary: kept.version, replayed: true };
}

export async function closeMonthOnce(
  workers: Workers,
  store: Store,
  req: { officeId: string; month: string; actor: ActorId; key?: string; body?: unknown },
): Promise<CloseAnswer> {
  const key = checkedKey(req.key);
  const job = { kind: 'close' as const, officeId: req.officeId, month: req.month, actor: req.actor };
  if (key === undefined) return workers.run(job);
  const requestHash = sha256Hex(canonicalJson({ month: req.month, body: req.body ?? {} }));
  const replay = await replayOf(store, req.officeId, req.actor, key, requestHash);
  if (replay) return replay;
  try {
    return await workers.run({ ...job, idempotency: { key, userId: req.actor, requestHash } });
  } catch (e) {
    // The same key sent twice at once: the second close's key collided with the first's (its version was
    // not kept); it answers as the first did.
    if (isStoreError(e) && e.code === 'conflict') {
      const again = await replayOf(store, req.officeId, req.actor, key, requestHash);
      if (again) return again;
    }
    throw e;
  }
}

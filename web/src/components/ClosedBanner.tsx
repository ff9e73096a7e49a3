// 締め済み: a month that has a claim version says so on every screen of that month, with the version, and
// what an edit now means (it bills only once the month is closed again, as the next version).
import { api, type ClaimVersionSummary } from '../api.js';
import { useApp, useLoad } from '../context.js';
import { formatWareki } from '../format.js';
import { hrefOf } from '../router.js';

/** The month's latest claim version, if it was closed (shared with the month close: one request). */
export function useClosedVersion(): ClaimVersionSummary | undefined {
  const { office, month } = useApp();
  const [versions] = useLoad(['claimVersions', office.id, month], () => api.claimVersions(office.id, month));
  return versions.data?.[0];
}

/** What an edit of a closed month will need: "…もう一度締めて第3版を作るまで請求に反映されません". */
export function afterCloseNote(v: ClaimVersionSummary): string {
  return `${formatWareki(v.month)}は第${v.version}版で締め済みです。変更は、もう一度締めて第${v.version + 1}版を作るまで請求に反映されません。`;
}

export function ClosedBanner() {
  const { office, month } = useApp();
  const v = useClosedVersion();
  if (!v || v.month !== month || v.officeId !== office.id) return null;
  return (
    <div className="closed-banner" role="status" data-testid="closed-banner">
      <strong>締め済み</strong>
      <span>
        {formatWareki(month)}は第{v.version}版で締めています（{new Date(v.closedAt).toLocaleString('ja-JP')}
        ）。 記録を変えると、もう一度締めて第{v.version + 1}版を作るまで請求には反映されません。
      </span>
      <a href={hrefOf({ name: 'close', version: v.version, month })}>第{v.version}版を見る</a>
    </div>
  );
}

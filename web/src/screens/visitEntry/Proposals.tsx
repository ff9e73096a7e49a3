// 先月のパターンをコピー: last month's visits proposed on the same weekday of the same week, and checked by the
// engine all together with the month's saved visits (POST …/visits/check-all, one engine run), so that each
// proposal's verdict — limits, intervals, column — is the one the month will give it. Proposals the month
// would refuse are left unticked.
import { useEffect, useState } from 'react';
import { api, type ProposalVerdict, type Visit, type VisitInput } from '../../api.js';
import { RuleRef } from '../../components/RuleRef.js';
import { problemsOf, useApp } from '../../context.js';
import { addMonths, formatWareki, shortDate } from '../../format.js';
import type { Proposal } from '../../pattern.js';
import { useHumanize } from '../../staffNames.js';
import { visitLabel } from '../../visits.js';

type Row = Proposal & { chosen: boolean; verdict?: ProposalVerdict };

export function Proposals({
  proposals,
  patientName,
  labelOfRecord,
  title,
  onClose,
  onSaved,
}: {
  proposals: Proposal[];
  patientName: (id: string) => string;
  labelOfRecord: (id: string) => string;
  /** Whose pattern: a patient's name, or 全員. */
  title: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { office, month, notify } = useApp();
  const humanize = useHumanize();
  const [rows, setRows] = useState<Row[]>(() => proposals.map((p) => ({ ...p, chosen: false })));
  const [displaces, setDisplaces] = useState<string[]>([]);
  const [state, setState] = useState<'checking' | 'done' | 'error'>('checking');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const inputs = proposals.flatMap((p) => (p.input ? [p.input] : []));
    if (inputs.length === 0) {
      setState('done');
      return;
    }
    let live = true;
    api.checkProposals(office.id, inputs).then(
      (a) => {
        if (!live) return;
        let k = 0;
        setRows(
          proposals.map((p) => {
            if (!p.input) return { ...p, chosen: false };
            const verdict = a.verdicts[k++];
            return verdict
              ? { ...p, verdict, chosen: verdict.status !== 'refused' }
              : { ...p, chosen: false };
          }),
        );
        setDisplaces(a.displaces);
        setState('done');
      },
      (e: unknown) => {
        if (!live) return;
        setState('error');
        notify(problemsOf(e)[0]?.message ?? '提案を確認できませんでした', 'error');
      },
    );
    return () => {
      live = false;
    };
  }, [proposals, office.id, notify]);

  const chosen = rows.filter((r) => r.chosen && r.input);
  const save = async () => {
    setSaving(true);
    let n = 0;
    const failed: string[] = [];
    for (const r of chosen) {
      try {
        await api.createVisit(office.id, r.input as VisitInput);
        n++;
      } catch (err) {
        failed.push(`${r.date ? shortDate(r.date) : r.from}: ${problemsOf(err)[0]?.message ?? ''}`);
      }
    }
    setSaving(false);
    notify(
      failed.length
        ? `${n}件を保存、${failed.length}件は保存できませんでした（${failed.join(' / ')}）`
        : `${n}件の訪問を保存しました`,
      failed.length ? 'error' : 'ok',
    );
    onSaved();
  };

  return (
    <section className="card proposals" aria-labelledby="proposals-title" aria-busy={state === 'checking'}>
      <h2 id="proposals-title">
        先月（{formatWareki(addMonths(month, -1))}）のパターンから：{title}
      </h2>
      <p className="muted small">
        提案はこの月の入力済みの訪問と一緒に算定して判定しています（回数の上限・間隔・区分はこの月の判定です）。
      </p>
      {rows.length === 0 ? (
        <p className="muted">先月の訪問はありません。</p>
      ) : (
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">保存</th>
              <th scope="col">先月</th>
              <th scope="col">今月</th>
              <th scope="col">利用者</th>
              <th scope="col">内容</th>
              <th scope="col">判定</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={r.verdict?.status === 'refused' ? 'row-warn' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${r.date ?? r.from} を保存する`}
                    checked={r.chosen}
                    disabled={!r.input}
                    onChange={(e) =>
                      setRows((rs) => rs.map((x, j) => (j === i ? { ...x, chosen: e.target.checked } : x)))
                    }
                  />
                </td>
                <td>{shortDate(r.from)}</td>
                <td>{r.date ? shortDate(r.date) : '—'}</td>
                <td>{r.input ? patientName(r.input.patientId) : ''}</td>
                <td>{r.input ? visitLabel(r.input as Visit) : ''}</td>
                <td data-testid="proposal-verdict">
                  {r.note ??
                    (r.verdict ? (
                      r.verdict.status === 'refused' ? (
                        <>
                          算定不可：
                          {r.verdict.rejections.map((x, k) => (
                            <span key={k}>
                              {humanize(x.message)} <RuleRef rule={x.rule} />
                            </span>
                          ))}
                        </>
                      ) : (
                        <>
                          算定可{r.verdict.columnName ? `・${r.verdict.columnName}` : ''}
                          {r.verdict.reportPending ? '（情報提供書の送付後）' : ''}
                          {r.verdict.rejections.map((x, k) => (
                            <div key={k} className="reason-small">
                              {humanize(x.message)} <RuleRef rule={x.rule} />
                            </div>
                          ))}
                        </>
                      )
                    ) : state === 'checking' ? (
                      '確認中…'
                    ) : (
                      '—'
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {displaces.length > 0 ? (
        <p className="displaces" role="alert">
          注意：提案をすべて保存すると、入力済みの {displaces.map(labelOfRecord).join('、')}{' '}
          が算定できなくなります。
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => void save()}
          disabled={saving || state === 'checking' || chosen.length === 0}
        >
          選んだ{chosen.length}件を保存
        </button>
        <button type="button" onClick={onClose}>
          閉じる
        </button>
      </div>
    </section>
  );
}

// What the engine says about a visit before it is saved (POST …/visits/check): billable or not, the
// column and units, and if not, why (with the rule) and the earliest billable date; where the month is
// billed on the reports to the care manager, that the visit bills once its report is sent (K24-2a).
import type { VisitCheckAnswer } from '../api.js';
import { formatWareki, shortDate, units, weekdayJa } from '../format.js';
import { RuleRef } from './RuleRef.js';
import { useHumanize } from '../staffNames.js';

export type CheckState =
  | { state: 'idle'; hint: string }
  | { state: 'checking' }
  | { state: 'done'; answer: VisitCheckAnswer }
  | { state: 'error'; messages: string[] };

export function CheckPanel({
  check,
  onUseEarliest,
  labelOfRecord,
}: {
  check: CheckState;
  onUseEarliest: (date: string) => void;
  labelOfRecord: (id: string) => string;
}) {
  return (
    <section
      className="check-panel card"
      aria-labelledby="check-title"
      aria-live="polite"
      aria-busy={check.state === 'checking'}
    >
      <h2 id="check-title">算定の判定</h2>
      <CheckBody check={check} onUseEarliest={onUseEarliest} labelOfRecord={labelOfRecord} />
    </section>
  );
}

function CheckBody({
  check,
  onUseEarliest,
  labelOfRecord,
}: {
  check: CheckState;
  onUseEarliest: (date: string) => void;
  labelOfRecord: (id: string) => string;
}) {
  const humanize = useHumanize();
  if (check.state === 'idle') return <p className="muted">{check.hint}</p>;
  if (check.state === 'checking') return <p className="muted">確認中…</p>;
  if (check.state === 'error') {
    return (
      <div className="verdict verdict-unknown">
        {check.messages.map((m, i) => (
          <p key={i}>{m}</p>
        ))}
      </div>
    );
  }
  const a = check.answer;
  const refusalOfVisit = a.asked.rejections.filter((r) => !r.addition);
  const refusedAdditions = a.asked.rejections.filter((r) => r.addition);
  return (
    <div className={`verdict ${a.billable ? 'verdict-ok' : 'verdict-no'}`} data-testid="verdict">
      <p className="verdict-head">
        <span className="verdict-icon" aria-hidden="true">
          {a.billable ? '✓' : '✕'}
        </span>
        {a.billable
          ? a.reportPending
            ? '情報提供書の送付後に算定できます'
            : '算定できます'
          : '算定できません'}
        <span className="verdict-date">{shortDate(a.asked.date)}</span>
      </p>
      {a.billable && a.reportPending ? (
        <p className="report-pending" data-testid="report-pending">
          {a.reportPending.message} <RuleRef rule={a.reportPending.rule} />
        </p>
      ) : null}
      {a.billable ? (
        <>
          {a.columnName ? (
            <p>
              区分：<strong>{a.columnName}</strong>
            </p>
          ) : null}
          <table className="plain lines">
            <tbody>
              {a.asked.lines.map((l, i) => (
                <tr key={i}>
                  <td>{l.name}</td>
                  <td className="num">{units(l.unitsEach)}</td>
                  <td>
                    <RuleRef rule={l.rule} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <ul className="reasons">
          {refusalOfVisit.map((r, i) => (
            <li key={i}>
              {humanize(r.message)} <RuleRef rule={r.rule} />
            </li>
          ))}
        </ul>
      )}
      {refusedAdditions.length > 0 ? (
        <ul className="reasons reasons-minor">
          {refusedAdditions.map((r, i) => (
            <li key={i}>
              加算を算定できません：{humanize(r.message)} <RuleRef rule={r.rule} />
            </li>
          ))}
        </ul>
      ) : null}
      {a.asked.displaces.length > 0 ? (
        <p className="displaces" role="alert">
          注意：この訪問を保存すると、入力済みの {a.asked.displaces.map(labelOfRecord).join('、')}{' '}
          が算定できなくなります。
        </p>
      ) : null}
      {!a.billable ? (
        a.earliestDate ? (
          <div className="earliest">
            <p>
              算定できる最短の日：
              <strong data-testid="earliest-date">
                {a.earliestDate}（{formatWareki(a.earliestDate)}・{weekdayJa(a.earliestDate)}曜）
              </strong>
            </p>
            {a.earliest?.lines[0] ? (
              <p className="muted">
                その日なら {a.earliest.lines[0].name} {units(a.earliest.lines[0].unitsEach)}
              </p>
            ) : null}
            <button
              type="button"
              onClick={() => onUseEarliest(a.earliestDate ?? '')}
              aria-keyshortcuts="Alt+E"
            >
              この日に変更 <kbd>Alt+E</kbd>
            </button>
          </div>
        ) : (
          <p className="earliest no-date" data-testid="no-date">
            {a.noDate?.message ?? `${a.horizonDays}日以内に算定できる日はありません。`}
            {a.noDate?.rule ? (
              <>
                {' '}
                <RuleRef rule={a.noDate.rule} />
              </>
            ) : null}
          </p>
        )
      ) : null}
    </div>
  );
}

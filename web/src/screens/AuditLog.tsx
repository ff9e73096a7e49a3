// 変更の記録: the office's audit log (every change, who and when, before and after), newest first, filtered
// by the days it was written on (in Japan, both included; dates typed in the one DateField), who did it,
// what was done and to which kind of record; 50 at a time, the next ones on request.
import { useMemo, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type AuditAction, type AuditEntity, type AuditEntry, type AuditFilter } from '../api.js';
import { auditActions, auditEntities } from '../../../src/contract/types.js';
import { auditActionJa, auditEntityJa } from '../../../src/contract/labels.js';
import { fieldJa, fieldNameOf } from '../../../src/contract/fields.js';
import { DateField, useDateProblems } from '../components/DateField.js';
import { Field, FormErrors } from '../components/Field.js';
import { CodeOptions } from '../components/Options.js';
import { Form, FormActions, useFormSubmit } from '../components/Form.js';
import { ApiError } from '../api.js';
import { useApp, useLoad } from '../context.js';
import { actorName } from '../format.js';
import { EmptyRow } from '../components/Table.js';
import './office.css';

const PAGE = 50;

/** A record's own name for a field where it differs from the usual one (a building's name is its 建物名). */
const namesBy: Partial<Record<AuditEntity, Record<string, string>>> = {
  office: { name: '事業所名', kind: '事業所の種類' },
  building: { name: '建物名', kind: '建物の種類' },
};

/** The fields an update changed, by their Japanese names (the stamps left out). */
function changedFields(e: AuditEntry): string[] {
  if (e.action !== 'update' || !e.before || !e.after || typeof e.before !== 'object') return [];
  const before = e.before as Record<string, unknown>;
  const after = e.after as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => !['updatedAt', 'createdAt', 'id', 'officeId'].includes(k))
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => fieldNameOf([k], namesBy[e.entity]));
}

/** The record's own name where the row keeps it (a patient's, a staff member's, a user's). */
function recordName(e: AuditEntry): string {
  const r = (e.after ?? e.before) as Record<string, unknown> | null;
  if (!r || typeof r !== 'object') return '';
  const name = r.name ?? r.username ?? r.date ?? r.month;
  return typeof name === 'string' ? name : '';
}

export function AuditLog() {
  const { office, me } = useApp();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actor, setActor] = useState('');
  const [action, setAction] = useState<AuditAction | ''>('');
  const [entity, setEntity] = useState<AuditEntity | ''>('');
  const [applied, setApplied] = useState<AuditFilter>({});
  const [dateProblems, dateProblem] = useDateProblems();
  const { problems: shownProblems, setProblems: setShownProblems, refuse } = useFormSubmit();
  const admin = me.user.role === 'admin';
  const [users] = useLoad(['users', me.user.id, admin], () => (admin ? api.users() : Promise.resolve([])));
  const userName = useMemo(() => {
    const m = new Map((users.data ?? []).map((u) => [u.id, u.displayName ?? u.username]));
    return (id: string) => m.get(id) ?? actorName(me, id);
  }, [users.data, me]);

  const log = useInfiniteQuery({
    queryKey: ['audit', office.id, applied],
    queryFn: ({ pageParam }) =>
      api.audit(office.id, { ...applied, limit: PAGE, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last.at(-1)?.seq),
  });
  const rows = log.data?.pages.flat() ?? [];
  const serverProblems = log.error instanceof ApiError ? log.error.problems : [];
  const problems = [...shownProblems, ...serverProblems];

  const search = () => {
    if (dateProblems.length) return refuse(dateProblems);
    if (from && to && to < from)
      return refuse([{ path: 'to', message: '終了日は開始日と同じ日かそれより後の日にしてください' }]);
    setShownProblems([]);
    setApplied({
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(actor ? { actor } : {}),
      ...(action ? { action } : {}),
      ...(entity ? { entity } : {}),
    });
  };

  const actorChoices: [string, string][] = [
    [me.user.id, `${me.user.displayName ?? me.user.username}（あなた）`],
    ...(users.data ?? [])
      .filter((u) => u.id !== me.user.id)
      .map((u): [string, string] => [u.id, u.displayName ?? u.username]),
    ['system', 'システム'],
  ];

  return (
    <section aria-labelledby="audit-title">
      <div className="page-head">
        <h1 id="audit-title" tabIndex={-1}>
          変更の記録
        </h1>
      </div>
      <p className="lead">
        すべての登録・変更・削除・月締め・ログインの記録です（消したり書き換えたりはできません）。
      </p>
      <Form className="card audit-filters" label="変更の記録の絞り込み" onSubmit={search}>
        <div className="row">
          <DateField
            label={fieldJa.from!}
            path="from"
            value={from}
            problems={problems}
            onChange={(v, p) => {
              setFrom(v);
              dateProblem('from')(v, p);
            }}
          />
          <DateField
            label={fieldJa.to!}
            path="to"
            value={to}
            problems={problems}
            onChange={(v, p) => {
              setTo(v);
              dateProblem('to')(v, p);
            }}
          />
          <Field label={fieldJa.actor!} path="actor" problems={problems}>
            {(p) => (
              <select {...p} value={actor} onChange={(e) => setActor(e.target.value)}>
                <option value="">すべての人</option>
                {actorChoices.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={fieldJa.action!} path="action" problems={problems}>
            {(p) => (
              <select {...p} value={action} onChange={(e) => setAction(e.target.value as AuditAction | '')}>
                <option value="">すべての操作</option>
                <CodeOptions codes={auditActions} labels={auditActionJa} />
              </select>
            )}
          </Field>
          <Field label={fieldJa.entity!} path="entity" problems={problems}>
            {(p) => (
              <select {...p} value={entity} onChange={(e) => setEntity(e.target.value as AuditEntity | '')}>
                <option value="">すべての記録</option>
                <CodeOptions codes={auditEntities} labels={auditEntityJa} />
              </select>
            )}
          </Field>
        </div>
        <FormErrors problems={problems} shown={['from', 'to', 'actor', 'action', 'entity']} />
        <FormActions submit="絞り込む" />
      </Form>
      {log.isPending ? (
        <p className="muted" role="status">
          読み込み中…
        </p>
      ) : null}
      <p className="muted" role="status" aria-live="polite">
        {log.data ? `${rows.length}件${log.hasNextPage ? '（続きがあります）' : ''}` : ''}
      </p>
      <table className="data compact" data-testid="audit-list">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">操作した人</th>
            <th scope="col">操作</th>
            <th scope="col">記録</th>
            <th scope="col">変更した項目</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.seq} data-seq={e.seq}>
              <td className="nowrap">{new Date(e.at).toLocaleString('ja-JP')}</td>
              <td>{e.actor === 'anonymous' ? '（不明なユーザー名）' : userName(e.actor)}</td>
              <td>{auditActionJa[e.action]}</td>
              <td>
                {auditEntityJa[e.entity]}
                {recordName(e) ? `「${recordName(e)}」` : ''}
              </td>
              <td>{changedFields(e).join('、')}</td>
            </tr>
          ))}
          {log.data && rows.length === 0 ? (
            <EmptyRow columns={5} text="条件に合う記録はありません。" />
          ) : null}
        </tbody>
      </table>
      {log.hasNextPage ? (
        <div className="actions">
          <button type="button" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            さらに{PAGE}件を表示
          </button>
        </div>
      ) : null}
    </section>
  );
}

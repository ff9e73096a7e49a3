// 利用者の一覧: search by name, kana or 被保険者番号 as one types.
import { comparePatients, normalizeKana } from '../../../src/contract/order.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api.js';
import { useApp, useLoad } from '../context.js';
import { careLevelJa, residenceJa } from '../format.js';
import { certificationIn, residenceIn } from '../patientFacts.js';
import { hrefOf, navigate } from '../router.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { EmptyRow } from '../components/Table.js';

export function Patients() {
  const { office, month } = useApp();
  const [patients] = useLoad(['patients', office.id], () => api.patients(office.id));
  const [buildings] = useLoad(['buildings', office.id], () => api.buildings(office.id));
  const [visits] = useLoad(['visits', office.id, month], () => api.visits(office.id, month));
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key === '/' && t && !['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const buildingName = useMemo(
    () => new Map((buildings.data ?? []).map((b) => [b.id, b.name])),
    [buildings.data],
  );
  const visitsBy = useMemo(() => {
    const m = new Map<string, number>();
    for (const v of visits.data ?? []) m.set(v.patientId, (m.get(v.patientId) ?? 0) + 1);
    return m;
  }, [visits.data]);

  const shown = useMemo(() => {
    const all = [...(patients.data ?? [])].sort(comparePatients);
    const q = normalizeKana(query);
    if (!q) return all;
    return all.filter((p) =>
      [p.name, p.kana ?? '', p.insuredNumber ?? ''].some((s) => normalizeKana(s).includes(q)),
    );
  }, [patients.data, query]);

  return (
    <section aria-labelledby="patients-title">
      <div className="page-head">
        <h1 id="patients-title" tabIndex={-1}>
          利用者
        </h1>
        <a className="button primary" href={hrefOf({ name: 'newPatient' })}>
          ＋ 利用者を登録
        </a>
      </div>
      <div className="toolbar">
        <div className="field search-field">
          <label htmlFor="patient-search">検索（氏名・フリガナ・被保険者番号）</label>
          <input
            id="patient-search"
            ref={search}
            type="search"
            value={query}
            placeholder="例: やまだ、山田、0000012345"
            aria-keyshortcuts="/"
            aria-controls="patient-table"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && shown.length === 1 && shown[0]) {
                navigate({ name: 'patient', id: shown[0].id });
              }
            }}
          />
        </div>
        <p className="muted" aria-live="polite">
          {patients.data ? `${shown.length}人 / 全${patients.data.length}人` : ''}
        </p>
      </div>
      <LoadProblems loaded={patients} />
      <table className="data" id="patient-table">
        <caption className="sr-only">利用者の一覧（{month}の訪問回数つき）</caption>
        <thead>
          <tr>
            <th scope="col">氏名</th>
            <th scope="col">被保険者番号</th>
            <th scope="col">要介護度</th>
            <th scope="col">負担</th>
            <th scope="col">住まい</th>
            <th scope="col" className="num">
              今月の訪問
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => {
            const c = certificationIn(p, month);
            const r = residenceIn(p, month);
            return (
              <tr key={p.id}>
                <td>
                  <a href={hrefOf({ name: 'patient', id: p.id })} className="patient-name">
                    {p.name}
                  </a>
                  {p.kana ? <div className="kana">{p.kana}</div> : null}
                </td>
                <td className="mono">{p.insuredNumber ?? '—'}</td>
                <td>{c ? careLevelJa[c.level] : <span className="warn-text">認定なし</span>}</td>
                <td>{c ? `${c.copay}割` : '—'}</td>
                <td>
                  {r
                    ? r.buildingId
                      ? (buildingName.get(r.buildingId) ?? residenceJa[r.kind])
                      : residenceJa[r.kind]
                    : '—'}
                </td>
                <td className="num">{visitsBy.get(p.id) ?? 0}</td>
              </tr>
            );
          })}
          {patients.state === 'ok' && shown.length === 0 ? (
            <EmptyRow
              columns={6}
              text={query ? '該当する利用者はいません。' : 'まだ利用者が登録されていません。'}
            />
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

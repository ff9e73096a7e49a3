// 建物: per building and profession, this month's 単一建物居住者 count and column (K24-4), and what one more
// patient would do to everyone's column and to the month's yen.
import { useState } from 'react';
import { api, type Building, type BuildingCounts } from '../api.js';
import { buildingInputSchema, check } from '../../../src/contract/schemas.js';
import { residenceKinds } from '../../../src/core/input.js';
import { Field, FormErrors } from '../components/Field.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { RuleRef } from '../components/RuleRef.js';
import { useApp, useLoad } from '../context.js';
import { Form, FormActions, useFormSubmit } from '../components/Form.js';
import { formatWareki, professionJa, residenceJa, signedYen, yen } from '../format.js';
import { CodeOptions } from '../components/Options.js';

export function Buildings() {
  const { office, month, me } = useApp();
  const [buildings, reload] = useLoad(['buildings', office.id], () => api.buildings(office.id));
  const [adding, setAdding] = useState(false);
  const canWrite = me.user.role !== 'readonly';

  return (
    <section aria-labelledby="buildings-title">
      <div className="page-head">
        <h1 id="buildings-title" tabIndex={-1}>
          建物と単一建物居住者 <span className="subtitle">{formatWareki(month)}</span>
        </h1>
        {canWrite ? (
          <button
            type="button"
            className="primary"
            onClick={() => setAdding((a) => !a)}
            aria-expanded={adding}
          >
            ＋ 建物を登録
          </button>
        ) : null}
      </div>
      <p className="lead">
        同じ建物で、この事業所の同じ職種が今月算定した利用者の人数で区分（1人／2〜9人／10人以上）が決まり、その月の全員の単位数が変わります。
        <RuleRef rule="K24-4a K24-3" />
      </p>
      {adding ? (
        <NewBuilding
          onDone={() => {
            setAdding(false);
            reload();
          }}
        />
      ) : null}
      <LoadProblems loaded={buildings} />
      {(buildings.data ?? []).map((b) => (
        <BuildingCard key={b.id} building={b} month={month} />
      ))}
      {buildings.state === 'ok' && buildings.data.length === 0 ? (
        <p className="empty">建物はまだ登録されていません。</p>
      ) : null}
    </section>
  );
}

function BuildingCard({ building, month }: { building: Building; month: string }) {
  const { office } = useApp();
  const [counts] = useLoad(['buildingCounts', office.id, building.id, month], () =>
    api.buildingCounts(office.id, building.id, month),
  );
  const titleId = `b-${building.id}`;
  return (
    <article className="card building" aria-labelledby={titleId}>
      <header className="building-head">
        <h2 id={titleId}>{building.name}</h2>
        <span className="muted">
          {residenceJa[building.kind]}
          {building.dwellings ? `・${building.dwellings}戸` : ''}
          {building.units?.length ? `・ユニット ${building.units.join('、')}` : ''}
          {building.address ? `・${building.address}` : ''}
        </span>
      </header>
      <LoadProblems loaded={counts} />
      {counts.data?.facility ? (
        <p className="notice small">
          {residenceJa[building.kind]}
          の入所者には居宅療養管理指導を算定できません（人数にも数えません）。 <RuleRef rule="K24-1c" />
        </p>
      ) : null}
      {counts.data ? <CountsTable counts={counts.data} /> : null}
    </article>
  );
}

function CountsTable({ counts }: { counts: BuildingCounts }) {
  const rows = counts.professions;
  if (rows.length === 0) return <p className="muted">この事業所には居宅療養管理指導の職種がありません。</p>;
  return (
    <table className="data compact counts">
      <thead>
        <tr>
          <th scope="col">職種</th>
          <th scope="col" className="num">
            今月の人数
          </th>
          <th scope="col">区分</th>
          <th scope="col" className="num">
            今月の費用
          </th>
          <th scope="col">もう1人増えると</th>
          <th scope="col" className="num">
            月額の影響
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const changes = r.patients > 0 && r.oneMore.column !== null && r.oneMore.column !== r.column;
          return (
            <tr key={r.profession} className={changes ? 'row-warn' : undefined}>
              <th scope="row">{professionJa[r.profession]}</th>
              <td className="num">{r.patients}人</td>
              <td data-testid="count-column">
                {r.columnName ?? '—'}
                {r.reasons.map((x) => (
                  <div key={`${x.rule}${x.text}`} className="reason-small count-reason">
                    {x.text}
                    {x.patientIds.length < r.patients ? `（${x.patientIds.length}人）` : ''}{' '}
                    <RuleRef rule={x.rule} />
                  </div>
                ))}
              </td>
              <td className="num">{r.patients > 0 ? yen(r.yen) : '—'}</td>
              <td>
                {changes ? (
                  <span className="warning" role="note">
                    <span aria-hidden="true">⚠ </span>
                    {r.oneMore.patients}人になり全員が「{r.oneMore.columnName}」に変わります
                  </span>
                ) : (
                  <span className="muted">
                    {!r.oneMore.columnName
                      ? '—'
                      : r.patients === 0
                        ? `1人目は「${r.oneMore.columnName}」`
                        : `区分は変わりません（${r.oneMore.columnName}）`}
                  </span>
                )}
              </td>
              <td className="num">
                {changes ? (
                  <>
                    <div className={r.oneMore.existingYenChange < 0 ? 'neg' : 'pos'}>
                      今の{r.patients}人：{signedYen(r.oneMore.existingYenChange)}
                    </div>
                    <div className="muted">新しい1人：{signedYen(r.oneMore.newPatientYen)}</div>
                    <div>
                      <strong>合計：{signedYen(r.oneMore.totalYenChange)}</strong>
                    </div>
                  </>
                ) : (
                  <span className="muted">{signedYen(r.oneMore.totalYenChange)}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function NewBuilding({ onDone }: { onDone: () => void }) {
  const { office, notify } = useApp();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('sakoju');
  const [dwellings, setDwellings] = useState('');
  const [address, setAddress] = useState('');
  const [units, setUnits] = useState('');
  const { problems, refuse, send } = useFormSubmit({ focus: false });

  const submit = async () => {
    const body: Record<string, unknown> = { name, kind };
    if (dwellings !== '') body.dwellings = Number(dwellings);
    if (address.trim()) body.address = address.trim();
    if (units.trim()) body.units = units.split(/[,、\s]+/).filter(Boolean);
    const local = check(buildingInputSchema, body);
    if (!local.ok) return refuse(local.problems);
    await send(async () => {
      const b = await api.createBuilding(office.id, local.value);
      notify(`建物「${b.name}」を登録しました`);
      onDone();
    });
  };
  return (
    <Form label="建物の登録" onSubmit={submit}>
      <div className="row">
        <Field label="建物名" path="name" required problems={problems} className="grow">
          {(p) => <input {...p} autoFocus value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="種類" path="kind" problems={problems}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value)}>
              <CodeOptions codes={residenceKinds} labels={residenceJa} />
            </select>
          )}
        </Field>
        <Field label="戸数" path="dwellings" problems={problems} hint="1割以下の判定に使います">
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              value={dwellings}
              onChange={(e) => setDwellings(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="row">
        <Field label="住所" path="address" problems={problems} className="grow">
          {(p) => <input {...p} value={address} onChange={(e) => setAddress(e.target.value)} />}
        </Field>
        <Field label="ユニット（グループホーム）" path="units" problems={problems} hint="読点区切り">
          {(p) => <input {...p} value={units} onChange={(e) => setUnits(e.target.value)} />}
        </Field>
      </div>
      <FormErrors problems={problems} shown={['name', 'kind', 'dwellings', 'address', 'units']} />
      <FormActions submit="登録する" />
    </Form>
  );
}

// 職員: the office's staff (the 担当者 of visits and the writers of reports): add, rename, change the
// profession, mark retired (退職: kept for the history of visits, no longer offered on 訪問入力) or back.
import { useMemo, useState } from 'react';
import { api, type Staff } from '../api.js';
import { check, staffInputSchema, staffPatchSchema } from '../../../src/contract/schemas.js';
import { fieldJa } from '../../../src/contract/fields.js';
import { professions, type Profession } from '../../../src/core/input.js';
import { comparePatients } from '../../../src/contract/order.js';
import { Check, Field, FormErrors } from '../components/Field.js';
import { CodeOptions } from '../components/Options.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { CancelButton, Form, FormActions, useFormSubmit } from '../components/Form.js';
import { useApp, useLoad } from '../context.js';
import { professionJa } from '../format.js';
import { ActionsHeader, EmptyRow } from '../components/Table.js';
import './office.css';

const shown = ['name', 'kana', 'profession'];

export function StaffScreen() {
  const { office, me } = useApp();
  const canWrite = me.user.role !== 'readonly';
  const [staff, reload] = useLoad(['staff', office.id], () => api.staff(office.id));
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const sorted = useMemo(
    () =>
      [...(staff.data ?? [])].sort(
        (a, b) =>
          Number(a.retired ?? false) - Number(b.retired ?? false) ||
          professions.indexOf(a.profession) - professions.indexOf(b.profession) ||
          // By kana as the patients are (the one comparator of src/contract/order.ts).
          comparePatients(a, b),
      ),
    [staff.data],
  );
  const done = () => {
    setEditing(null);
    reload();
  };

  return (
    <section aria-labelledby="staff-title">
      <div className="page-head">
        <h1 id="staff-title" tabIndex={-1}>
          職員
        </h1>
        {canWrite ? (
          <button
            type="button"
            className="primary"
            aria-expanded={editing === 'new'}
            onClick={() => setEditing((e) => (e === 'new' ? null : 'new'))}
          >
            ＋ 職員を登録
          </button>
        ) : null}
      </div>
      <p className="lead">
        訪問の担当者と情報提供書の記入者です。辞めた職員は「退職」にすると訪問入力の担当者に出なくなり、過去の訪問の記録には残ります。
      </p>
      {editing === 'new' ? <StaffForm onDone={done} onCancel={() => setEditing(null)} /> : null}
      <LoadProblems loaded={staff} />
      <table className="data" data-testid="staff-list">
        <thead>
          <tr>
            <th scope="col">氏名</th>
            <th scope="col">フリガナ</th>
            <th scope="col">職種</th>
            <th scope="col">状態</th>
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) =>
            editing === s.id ? (
              <tr key={s.id}>
                <td colSpan={5}>
                  <StaffForm staff={s} onDone={done} onCancel={() => setEditing(null)} />
                </td>
              </tr>
            ) : (
              <tr key={s.id} data-staff-id={s.id} className={s.retired ? 'row-muted' : undefined}>
                <th scope="row">{s.name}</th>
                <td>{s.kana ?? ''}</td>
                <td>{professionJa[s.profession]}</td>
                <td>{s.retired ? <span className="chip chip-unknown">退職</span> : '在職'}</td>
                <td>
                  {canWrite ? (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`${s.name}を編集`}
                      onClick={() => setEditing(s.id)}
                    >
                      編集
                    </button>
                  ) : null}
                </td>
              </tr>
            ),
          )}
          {staff.state === 'ok' && sorted.length === 0 ? (
            <EmptyRow columns={5} text="職員はまだ登録されていません。" />
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

function StaffForm({ staff, onDone, onCancel }: { staff?: Staff; onDone: () => void; onCancel: () => void }) {
  const { office, notify } = useApp();
  const [name, setName] = useState(staff?.name ?? '');
  const [kana, setKana] = useState(staff?.kana ?? '');
  const [profession, setProfession] = useState<Profession>(staff?.profession ?? 'pharmacist');
  const [retired, setRetired] = useState(staff?.retired ?? false);
  const { problems, busy, refuse, send } = useFormSubmit();

  const submit = async () => {
    const body: Record<string, unknown> = { name, profession };
    if (kana.trim()) body.kana = kana;
    if (staff) body.retired = retired;
    const local = staff ? check(staffPatchSchema, body) : check(staffInputSchema, body);
    if (!local.ok) return refuse(local.problems);
    await send(async () => {
      const saved = staff
        ? await api.updateStaff(office.id, staff.id, local.value)
        : await api.createStaff(office.id, local.value as Parameters<typeof api.createStaff>[1]);
      notify(
        staff
          ? `職員「${saved.name}」を変更しました${saved.retired && !staff.retired ? '（退職）' : ''}`
          : `職員「${saved.name}」を登録しました`,
      );
      onDone();
    });
  };

  return (
    <Form label={staff ? `${staff.name}の編集` : '職員の登録'} onSubmit={submit} onCancel={onCancel}>
      <div className="row">
        <Field label={fieldJa.name!} path="name" required problems={problems} className="grow">
          {(p) => <input {...p} autoFocus value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={fieldJa.kana!} path="kana" problems={problems} className="grow">
          {(p) => <input {...p} value={kana} onChange={(e) => setKana(e.target.value)} />}
        </Field>
        <Field label={fieldJa.profession!} path="profession" required problems={problems}>
          {(p) => (
            <select {...p} value={profession} onChange={(e) => setProfession(e.target.value as Profession)}>
              <CodeOptions codes={professions} labels={professionJa} />
            </select>
          )}
        </Field>
      </div>
      {staff ? (
        <Check className="check" checked={retired} onChange={setRetired}>
          退職（訪問入力の担当者に出さない）
        </Check>
      ) : null}
      <FormErrors problems={problems} shown={shown} />
      <FormActions busy={busy} submit={staff ? '変更を保存' : '登録する'}>
        <CancelButton onCancel={onCancel} />
      </FormActions>
    </Form>
  );
}

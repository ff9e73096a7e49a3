// 設定: the office's record (事業所番号 with its check digit, name, kind, the facts the engine prices on,
// the month from which visits bill on the reports, K24-2a), the office's users (an admin's, Users.tsx)
// and one's own password.
import { useState } from 'react';
import { api, sessionEnded, type Office, type Problem } from '../api.js';
import { check, officePatchSchema, passwordSchema } from '../../../src/contract/schemas.js';
import { fieldJa } from '../../../src/contract/fields.js';
import { officeKinds, regions } from '../../../src/core/input.js';
import { officeKindJa, regionJa } from '../../../src/contract/labels.js';
import { Check, Field, FormErrors } from '../components/Field.js';
import { CodeOptions } from '../components/Options.js';
import { RuleRef } from '../components/RuleRef.js';
import { Form, FormActions, useFormSubmit } from '../components/Form.js';
import { useApp } from '../context.js';
import { formatWareki } from '../format.js';
import { hrefOf, type SettingsTab } from '../routes.js';
import { Users } from './Users.js';
import './office.css';

const tabNames: Record<SettingsTab, string> = {
  office: '事業所の設定',
  users: 'ユーザー',
  password: 'パスワードの変更',
};

export function Settings({ tab }: { tab: SettingsTab }) {
  const { me } = useApp();
  const tabs: SettingsTab[] =
    me.user.role === 'admin' ? ['office', 'users', 'password'] : ['office', 'password'];
  const current = tabs.includes(tab) ? tab : 'office';
  return (
    <section aria-labelledby="settings-title">
      <div className="page-head">
        <h1 id="settings-title" tabIndex={-1}>
          設定 <span className="subtitle">{tabNames[current]}</span>
        </h1>
      </div>
      <nav className="sub-tabs" aria-label="設定の項目">
        {tabs.map((t) => (
          <a
            key={t}
            href={hrefOf({ name: 'settings', tab: t })}
            className={t === current ? 'sub-tab current' : 'sub-tab'}
            aria-current={t === current ? 'page' : undefined}
          >
            {tabNames[t]}
          </a>
        ))}
      </nav>
      {current === 'office' ? <OfficeSettings /> : current === 'users' ? <Users /> : <PasswordChange />}
    </section>
  );
}

interface OfficeForm {
  number: string;
  name: string;
  kind: Office['kind'];
  region: string;
  specialArea: boolean;
  chusankanSmallOffice: boolean;
  careManagerFte: string;
  specificOffice: string;
  address: string;
  phone: string;
  reportsRequiredFrom: string;
}

function formOf(o: Office): OfficeForm {
  return {
    number: o.number,
    name: o.name,
    kind: o.kind,
    region: o.region ?? '',
    specialArea: o.specialArea ?? false,
    chusankanSmallOffice: o.chusankanSmallOffice ?? false,
    careManagerFte: o.careManagerFte === undefined ? '' : String(o.careManagerFte),
    specificOffice: o.specificOffice ?? '',
    address: o.address ?? '',
    phone: o.phone ?? '',
    reportsRequiredFrom: o.reportsRequiredFrom,
  };
}

const officeFields = [
  'number',
  'name',
  'kind',
  'region',
  'specialArea',
  'chusankanSmallOffice',
  'careManagerFte',
  'specificOffice',
  'address',
  'phone',
  'reportsRequiredFrom',
];

function OfficeSettings() {
  const { office, me, notify, refreshMe } = useApp();
  const admin = me.user.role === 'admin';
  const [form, setForm] = useState<OfficeForm>(() => formOf(office));
  const { problems, setProblems, busy, refuse, send } = useFormSubmit();
  const set = <K extends keyof OfficeForm>(k: K, v: OfficeForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const label = (k: string) => fieldJa[k] ?? k;

  const submit = async () => {
    if (!admin) return;
    const body: Record<string, unknown> = {
      number: form.number.trim(),
      name: form.name,
      kind: form.kind,
      reportsRequiredFrom: form.reportsRequiredFrom,
    };
    // A tick left unticked on an office that never had it stays absent (no change in the audit log).
    if (form.specialArea || office.specialArea !== undefined) body.specialArea = form.specialArea;
    if (form.chusankanSmallOffice || office.chusankanSmallOffice !== undefined)
      body.chusankanSmallOffice = form.chusankanSmallOffice;
    if (form.region) body.region = form.region;
    if (form.careManagerFte.trim()) body.careManagerFte = Number(form.careManagerFte);
    if (form.specificOffice) body.specificOffice = form.specificOffice;
    if (form.address.trim()) body.address = form.address.trim();
    if (form.phone.trim()) body.phone = form.phone.trim();
    // The store's own schema: the 事業所番号's check digit (src/contract/officeNumber.ts) and every field's
    // message naming it, before anything is sent.
    const local = check(officePatchSchema, body);
    if (!local.ok) return refuse(local.problems);
    await send(async () => {
      const saved = await api.updateOffice(office.id, local.value);
      await refreshMe();
      setForm(formOf(saved));
      setProblems([]);
      notify(`事業所「${saved.name}」の設定を保存しました`);
    });
  };

  const months = monthsAround(form.reportsRequiredFrom);
  return (
    <Form className="card settings-form" label="事業所の設定" onSubmit={submit}>
      {!admin ? (
        <p className="notice">事業所の設定を変えられるのは管理者だけです（内容は確認できます）。</p>
      ) : null}
      <fieldset disabled={!admin || busy}>
        <div className="row">
          <Field
            label={label('number')}
            path="number"
            required
            problems={problems}
            hint="10桁（10桁目は検証番号）"
          >
            {(p) => (
              <input
                {...p}
                value={form.number}
                inputMode="numeric"
                maxLength={10}
                onChange={(e) => set('number', e.target.value)}
              />
            )}
          </Field>
          <Field label="事業所名" path="name" required problems={problems} className="grow">
            {(p) => <input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field label="事業所の種類" path="kind" required problems={problems}>
            {(p) => (
              <select
                {...p}
                value={form.kind}
                onChange={(e) => set('kind', e.target.value as Office['kind'])}
              >
                <CodeOptions codes={officeKinds} labels={officeKindJa} />
              </select>
            )}
          </Field>
        </div>
        <div className="row">
          <Field label={label('address')} path="address" problems={problems} className="grow">
            {(p) => <input {...p} value={form.address} onChange={(e) => set('address', e.target.value)} />}
          </Field>
          <Field label={label('phone')} path="phone" problems={problems}>
            {(p) => (
              <input {...p} type="tel" value={form.phone} onChange={(e) => set('phone', e.target.value)} />
            )}
          </Field>
        </div>
        <div className="row">
          <Field label={label('region')} path="region" problems={problems}>
            {(p) => (
              <select {...p} value={form.region} onChange={(e) => set('region', e.target.value)}>
                <option value="">指定なし</option>
                <CodeOptions codes={regions} labels={regionJa} />
              </select>
            )}
          </Field>
          <Field label={label('specificOffice')} path="specificOffice" problems={problems}>
            {(p) => (
              <select
                {...p}
                value={form.specificOffice}
                onChange={(e) => set('specificOffice', e.target.value)}
              >
                <option value="">なし</option>
                <option value="I">I</option>
                <option value="II">II</option>
                <option value="III">III</option>
              </select>
            )}
          </Field>
          <Field
            label={label('careManagerFte')}
            path="careManagerFte"
            problems={problems}
            hint="居宅介護支援のみ（例: 2.5）"
          >
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={form.careManagerFte}
                onChange={(e) => set('careManagerFte', e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="checks">
          <Check checked={form.specialArea} onChange={(v) => set('specialArea', v)}>
            {label('specialArea')}
          </Check>
          <Check checked={form.chusankanSmallOffice} onChange={(v) => set('chusankanSmallOffice', v)}>
            {label('chusankanSmallOffice')}
          </Check>
        </div>
        <Field
          label={label('reportsRequiredFrom')}
          path="reportsRequiredFrom"
          problems={problems}
          hint="この月から、居宅療養管理指導は送付済みの情報提供書があるときだけ算定します"
        >
          {(p) => (
            <select
              {...p}
              value={form.reportsRequiredFrom}
              onChange={(e) => set('reportsRequiredFrom', e.target.value)}
            >
              {months.map((m) => (
                <option key={m} value={m}>
                  {`${Number(m.slice(0, 4))}年${Number(m.slice(5))}月（${formatWareki(m)}）`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="small muted">
          <RuleRef rule="K24-2a" />
        </p>
        <FormErrors problems={problems} shown={officeFields} />
      </fieldset>
      {admin ? <FormActions busy={busy} submit="設定を保存" /> : null}
    </Form>
  );
}

/** Months offered for reportsRequiredFrom: five years either side of the current value. */
function monthsAround(month: string): string[] {
  const y = Number(month.slice(0, 4));
  const out: string[] = [];
  for (let year = y - 5; year <= y + 5; year++)
    for (let m = 1; m <= 12; m++) out.push(`${year}-${String(m).padStart(2, '0')}`);
  return out;
}

function PasswordChange() {
  const { notify, me } = useApp();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { problems, setProblems, busy, refuse, send } = useFormSubmit();

  const submit = async () => {
    const found: Problem[] = [];
    if (!current) found.push({ path: 'currentPassword', message: '今のパスワードを入れてください' });
    const n = check(passwordSchema, next);
    if (!n.ok)
      found.push({
        path: 'newPassword',
        message: '新しいパスワードを8文字以上（200文字まで）で入れてください',
      });
    else if (next !== again)
      found.push({ path: 'again', message: '確認のため、新しいパスワードと同じものを入れてください' });
    if (found.length) return refuse(found);
    setProblems([]);
    await send(async () => {
      await api.changePassword(current, next);
      // A new password ends every session of the user, this one too: log in again with it.
      notify('パスワードを変更しました。新しいパスワードでログインしてください');
      sessionEnded();
    });
  };

  return (
    <Form className="card narrow-form" label="パスワードの変更" onSubmit={submit}>
      {/* Whose password it is, for the browser's password manager (not shown). */}
      <input type="text" name="username" autoComplete="username" value={me.user.username} readOnly hidden />
      <Field label="今のパスワード" path="currentPassword" required problems={problems}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <Field label="新しいパスワード" path="newPassword" required problems={problems} hint="8文字以上">
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        )}
      </Field>
      <Field label="新しいパスワード（確認）" path="again" required problems={problems}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        )}
      </Field>
      <FormErrors problems={problems} shown={['currentPassword', 'newPassword', 'again']} />
      <FormActions busy={busy} submit="パスワードを変更" />
    </Form>
  );
}

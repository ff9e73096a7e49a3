// ユーザー (an admin's): the users of the offices the admin administers — add one, change the role, the
// offices, the display name, disable, reset the password. The rules are the server's (src/app/users.ts):
// only a user all of whose offices the admin administers can be changed, and an office keeps one enabled
// admin; a refusal is shown in the form in the server's Japanese words, on the field that made it.
import { useId, useMemo, useState } from 'react';
import { api, type ManagedUser, type Role } from '../api.js';
import { check, userInputSchema, userPatchSchema } from '../../../src/contract/schemas.js';
import { fieldJa } from '../../../src/contract/fields.js';
import { roles } from '../../../src/contract/types.js';
import { roleJa } from '../../../src/contract/labels.js';
import { Field, FormErrors } from '../components/Field.js';
import { CodeOptions } from '../components/Options.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { CancelButton, Form, FormActions, useFormSubmit } from '../components/Form.js';
import { useApp, useLoad } from '../context.js';
import { ActionsHeader } from '../components/Table.js';
import './office.css';

const shown = ['username', 'displayName', 'role', 'officeIds', 'disabled', 'password'];

export function Users() {
  const { me } = useApp();
  const [users, reload] = useLoad(['users', me.user.id], () => api.users());
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const officeName = useMemo(() => new Map(me.offices.map((o) => [o.id, o.name])), [me.offices]);
  const sorted = useMemo(
    () => [...(users.data ?? [])].sort((a, b) => a.username.localeCompare(b.username)),
    [users.data],
  );
  const done = () => {
    setEditing(null);
    reload();
  };
  return (
    <div>
      <div className="toolbar">
        <p className="muted grow">
          あなたが管理する事業所のユーザーです。ほかの事業所にも所属するユーザーは、そのすべての事業所の管理者だけが変更できます。
        </p>
        <button
          type="button"
          className="primary"
          aria-expanded={editing === 'new'}
          onClick={() => setEditing((e) => (e === 'new' ? null : 'new'))}
        >
          ＋ ユーザーを登録
        </button>
      </div>
      {editing === 'new' ? <UserForm onDone={done} onCancel={() => setEditing(null)} /> : null}
      <LoadProblems loaded={users} />
      <table className="data" data-testid="user-list">
        <thead>
          <tr>
            <th scope="col">ユーザー名</th>
            <th scope="col">表示名</th>
            <th scope="col">権限</th>
            <th scope="col">事業所</th>
            <th scope="col">状態</th>
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {sorted.map((u) =>
            editing === u.id ? (
              <tr key={u.id}>
                <td colSpan={6}>
                  <UserForm user={u} onDone={done} onCancel={() => setEditing(null)} />
                </td>
              </tr>
            ) : (
              <tr key={u.id} data-user={u.username} className={u.disabled ? 'row-muted' : undefined}>
                <th scope="row">
                  {u.username}
                  {u.id === me.user.id ? <span className="badge">あなた</span> : null}
                </th>
                <td>{u.displayName ?? ''}</td>
                <td>{roleJa[u.role]}</td>
                <td>
                  {u.officeIds.map((id) => officeName.get(id) ?? id).join('、') || '—'}
                  {!u.manageable ? <div className="reason-small">ほかの事業所にも所属</div> : null}
                </td>
                <td>{u.disabled ? <span className="chip chip-unknown">無効</span> : '有効'}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${u.username}を編集`}
                    onClick={() => setEditing(u.id)}
                  >
                    編集
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function UserForm({
  user,
  onDone,
  onCancel,
}: {
  user?: ManagedUser;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { me, office, notify, refreshMe } = useApp();
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'clerk');
  const [officeIds, setOfficeIds] = useState<string[]>(user?.officeIds ?? [office.id]);
  const [disabled, setDisabled] = useState(user?.disabled ?? false);
  const [password, setPassword] = useState('');
  const { problems, busy, refuse, send } = useFormSubmit();
  const officesId = useId();
  const officeError = problems.filter((p) => p.path === 'officeIds' || p.path.startsWith('officeIds['));
  const admined = me.offices; // an admin administers every office it may use

  const submit = async () => {
    let body: Record<string, unknown>;
    if (user) {
      body = {};
      if (displayName.trim() !== (user.displayName ?? '')) body.displayName = displayName.trim();
      if (role !== user.role) body.role = role;
      if (disabled !== (user.disabled ?? false)) body.disabled = disabled;
      if ([...officeIds].sort().join() !== [...user.officeIds].sort().join()) body.officeIds = officeIds;
      if (password) body.password = password;
      if (Object.keys(body).length === 0) {
        onCancel();
        return;
      }
    } else {
      body = { username: username.trim(), role, officeIds, password };
      if (displayName.trim()) body.displayName = displayName.trim();
    }
    const local = user ? check(userPatchSchema, body) : check(userInputSchema, body);
    if (!local.ok) return refuse(local.problems);
    await send(async () => {
      const saved = user
        ? await api.updateUser(user.id, local.value)
        : await api.createUser(local.value as Parameters<typeof api.createUser>[0]);
      if (saved.id === me.user.id) await refreshMe();
      notify(
        user
          ? `ユーザー「${saved.username}」を変更しました${password ? '（パスワードを再設定）' : ''}`
          : `ユーザー「${saved.username}」を登録しました`,
      );
      onDone();
    });
  };

  return (
    <Form label={user ? `${user.username}の編集` : 'ユーザーの登録'} onSubmit={submit} onCancel={onCancel}>
      <div className="row">
        <Field
          label={fieldJa.username!}
          path="username"
          required={!user}
          problems={problems}
          hint={user ? '変えられません' : '半角英数字と _ . @ -（3〜64文字）'}
        >
          {(p) => (
            <input
              {...p}
              autoFocus={!user}
              readOnly={!!user}
              autoComplete="off"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label={fieldJa.displayName!} path="displayName" problems={problems} className="grow">
          {(p) => (
            <input
              {...p}
              autoFocus={!!user}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
        </Field>
        <Field label={fieldJa.role!} path="role" required problems={problems}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <CodeOptions codes={roles} labels={roleJa} />
            </select>
          )}
        </Field>
      </div>
      <fieldset
        className="checks"
        aria-describedby={officeError.length ? `${officesId}-error` : undefined}
        aria-invalid={officeError.length > 0}
      >
        <legend>{fieldJa.officeIds}</legend>
        {admined.map((o) => (
          <label key={o.id}>
            <input
              type="checkbox"
              checked={officeIds.includes(o.id)}
              aria-invalid={officeError.length > 0}
              onChange={(e) =>
                setOfficeIds((ids) => (e.target.checked ? [...ids, o.id] : ids.filter((x) => x !== o.id)))
              }
            />
            {o.name}
          </label>
        ))}
        {officeError.length ? (
          <div className="field-error" id={`${officesId}-error`} role="alert">
            {officeError.map((p) => p.message).join(' ')}
          </div>
        ) : null}
      </fieldset>
      <div className="row">
        <Field
          label={user ? 'パスワードを再設定' : fieldJa.password!}
          path="password"
          required={!user}
          problems={problems}
          hint={
            user ? '変えるときだけ入力（8文字以上）。変えるとそのユーザーはログアウトされます' : '8文字以上'
          }
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {user ? (
          <Field label="無効にする" path="disabled" problems={problems}>
            {(p) => (
              <input
                {...p}
                type="checkbox"
                className="checkbox-field"
                checked={disabled}
                onChange={(e) => setDisabled(e.target.checked)}
              />
            )}
          </Field>
        ) : null}
      </div>
      <FormErrors problems={problems} shown={shown} />
      <FormActions busy={busy} submit={user ? '変更を保存' : '登録する'}>
        <CancelButton onCancel={onCancel} />
      </FormActions>
    </Form>
  );
}

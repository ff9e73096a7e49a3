import { useState, type FormEvent } from 'react';
import { api, type Me, type Problem } from '../api.js';
import { Field, FormErrors } from '../components/Field.js';
import { problemsOf } from '../context.js';

export function Login({ onLogin }: { onLogin: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Problem[] = [];
    if (!username) local.push({ path: 'username', message: 'ユーザー名を入力してください' });
    if (!password) local.push({ path: 'password', message: 'パスワードを入力してください' });
    setProblems(local);
    if (local.length > 0) return;
    setBusy(true);
    try {
      onLogin(await api.login(username, password));
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">算</span>
          <span>santei</span>
        </div>
        <h1 id="login-title">ログイン</h1>
        <p className="muted">在宅医療・介護の算定と請求</p>
        <Field label="ユーザー名" path="username" problems={problems} required>
          {(p) => (
            <input
              {...p}
              name="username"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label="パスワード" path="password" problems={problems} required>
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <FormErrors problems={problems} shown={['username', 'password']} />
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? 'ログイン中…' : 'ログイン'}
        </button>
      </form>
    </main>
  );
}

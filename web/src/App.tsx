// The app: the login screen until a session exists, then the office's screens.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, setUnauthorizedHandler, type Me } from './api.js';
import { AppContext, type AppState } from './context.js';
import { Login } from './screens/Login.js';
import { Shell } from './Shell.js';
import { thisMonth } from './format.js';

const OFFICE_KEY = 'santei.officeId';
const MONTH_KEY = 'santei.month';

function storedMonth(): string {
  const m = localStorage.getItem(MONTH_KEY);
  return m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : thisMonth();
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [officeId, setOfficeIdState] = useState<string | null>(() => localStorage.getItem(OFFICE_KEY));
  const [month, setMonthState] = useState<string>(storedMonth);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error'; n: number } | null>(null);
  const statusTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    api.me().then(setMe, () => setMe(null));
  }, []);

  const setOfficeId = useCallback((id: string) => {
    localStorage.setItem(OFFICE_KEY, id);
    setOfficeIdState(id);
  }, []);
  const setMonth = useCallback((m: string) => {
    localStorage.setItem(MONTH_KEY, m);
    setMonthState(m);
  }, []);
  const notify = useCallback((text: string, tone: 'ok' | 'error' = 'ok') => {
    setStatus((s) => ({ text, tone, n: (s?.n ?? 0) + 1 }));
    window.clearTimeout(statusTimer.current);
    statusTimer.current = window.setTimeout(() => setStatus(null), 6000);
  }, []);
  const logout = useCallback(() => {
    api.logout().finally(() => setMe(null));
  }, []);

  const office = useMemo(() => {
    if (!me) return undefined;
    return me.offices.find((o) => o.id === officeId) ?? me.offices[0];
  }, [me, officeId]);

  if (me === undefined) {
    return (
      <div className="splash" role="status">
        読み込み中…
      </div>
    );
  }
  if (me === null) return <Login onLogin={setMe} />;
  if (!office) {
    return (
      <main className="splash">
        <p>このユーザーが使える事業所がありません。管理者に事業所の割り当てを依頼してください。</p>
        <button type="button" onClick={logout}>
          ログアウト
        </button>
      </main>
    );
  }
  const state: AppState = { me, office, setOfficeId, month, setMonth, notify, logout };
  return (
    <AppContext.Provider value={state}>
      <Shell />
      <div className={`toast${status ? ` toast-${status.tone}` : ''}`} role="status" aria-live="polite">
        {status ? <span key={status.n}>{status.text}</span> : null}
      </div>
    </AppContext.Provider>
  );
}

// The app: the login screen until a session exists, then the office's screens.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, setUnauthorizedHandler, type Me } from './api.js';
import { AppContext, queryClient, type AppState } from './context.js';
import { Login } from './screens/Login.js';
import { Shell } from './Shell.js';
import { addMonths, thisMonth } from './format.js';

const OFFICE_KEY = 'santei.officeId';
const MONTH_KEY = 'santei.month';

function storedMonth(): string | null {
  const m = localStorage.getItem(MONTH_KEY);
  return m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : null;
}

/** The latest month with visits within the last three years (a clerk's first visit), else this month. */
async function recentMonth(officeId: string): Promise<string> {
  const now = thisMonth();
  for (let batch = 0; batch < 3; batch++) {
    const months = Array.from({ length: 12 }, (_, i) => addMonths(now, -(batch * 12 + i)));
    const found = await Promise.all(
      months.map((m) =>
        api.visits(officeId, m, undefined, 1).then(
          (v) => v.length > 0,
          () => false,
        ),
      ),
    );
    const i = found.indexOf(true);
    if (i >= 0) return months[i] ?? now;
  }
  return now;
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [officeId, setOfficeIdState] = useState<string | null>(() => localStorage.getItem(OFFICE_KEY));
  const [month, setMonthState] = useState<string | null>(storedMonth);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error'; n: number } | null>(null);
  const statusTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    // A session that ended takes its user's data with it: nothing cached is shown to the next login.
    setUnauthorizedHandler(() => {
      queryClient.clear();
      setMe(null);
    });
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
    api.logout().finally(() => {
      queryClient.clear();
      setMe(null);
    });
  }, []);

  const refreshMe = useCallback(() => api.me().then(setMe), []);

  const office = useMemo(() => {
    if (!me) return undefined;
    return me.offices.find((o) => o.id === officeId) ?? me.offices[0];
  }, [me, officeId]);

  useEffect(() => {
    if (month !== null || !office) return;
    let live = true;
    recentMonth(office.id).then((m) => live && setMonthState(m));
    return () => {
      live = false;
    };
  }, [month, office]);

  if (me === undefined || (me && office && month === null)) {
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
  const state: AppState = {
    me,
    office,
    setOfficeId,
    month: month ?? thisMonth(),
    setMonth,
    notify,
    logout,
    refreshMe,
  };
  return (
    <AppContext.Provider value={state}>
      <Shell />
      <div className={`toast${status ? ` toast-${status.tone}` : ''}`} role="status" aria-live="polite">
        {status ? <span key={status.n}>{status.text}</span> : null}
      </div>
    </AppContext.Provider>
  );
}

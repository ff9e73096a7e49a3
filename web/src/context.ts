// What every screen needs: who is logged in, the office being worked on and the service month.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { ApiError, type Me, type Office, type Problem } from './api.js';

export interface AppState {
  me: Me;
  office: Office;
  setOfficeId: (id: string) => void;
  /** The service month being worked on ("YYYY-MM"). */
  month: string;
  setMonth: (month: string) => void;
  /** Shows a short message in the status bar (announced to screen readers). */
  notify: (text: string, tone?: 'ok' | 'error') => void;
  logout: () => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside the logged-in app');
  return s;
}

export type Loaded<T> =
  | { state: 'loading'; data?: T }
  | { state: 'ok'; data: T }
  | { state: 'error'; problems: Problem[]; data?: T };

/**
 * Loads `load()` when its dependencies change; `reload()` loads again. Keeps the previous data while
 * loading so that a screen does not flash empty.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const n = ++latest.current;
    setState((s) => ({ state: 'loading', ...(s.data !== undefined ? { data: s.data } : {}) }));
    loadRef.current().then(
      (data) => {
        if (n === latest.current) setState({ state: 'ok', data });
      },
      (e: unknown) => {
        if (n !== latest.current) return;
        const problems =
          e instanceof ApiError
            ? e.problems
            : [{ path: '', message: '読み込みに失敗しました。再読み込みしてください' }];
        setState((s) => ({ state: 'error', problems, ...(s.data !== undefined ? { data: s.data } : {}) }));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the load depends on
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [state, reload];
}

/** Problems of a failed call, or one generic message. */
export function problemsOf(e: unknown): Problem[] {
  if (e instanceof ApiError) return e.problems;
  return [{ path: '', message: '処理に失敗しました。もう一度お試しください' }];
}

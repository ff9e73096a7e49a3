// What every screen needs: who is logged in, the office being worked on and the service month.
import { createContext, useCallback, useContext } from 'react';
import { keepPreviousData, QueryClient, useQuery } from '@tanstack/react-query';
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
  /** Reads who is logged in and their offices again (after an office's record or a user changed). */
  refreshMe: () => Promise<void>;
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
 * The app's data cache (TanStack Query): a screen's loads are kept by key, so that two parts of a screen
 * that need the same answer (the staff list) ask the server once, and a screen shows what it had while it
 * loads again. Every load is asked again when a screen mounts; a failure is not retried.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
  },
});

const failedToLoad: Problem[] = [{ path: '', message: '読み込みに失敗しました。再読み込みしてください' }];

/**
 * Loads `load()` under `key` (the resource and what it depends on, e.g. ['staff', officeId]); `reload()`
 * loads again. Keeps the previous data while loading so that a screen does not flash empty.
 */
export function useLoad<T>(key: readonly unknown[], load: () => Promise<T>): [Loaded<T>, () => void] {
  const q = useQuery({ queryKey: key, queryFn: load, placeholderData: keepPreviousData });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  const data = q.data;
  const loaded: Loaded<T> = q.isError
    ? {
        state: 'error',
        problems: q.error instanceof ApiError ? q.error.problems : failedToLoad,
        ...(data !== undefined ? { data } : {}),
      }
    : q.isFetching || data === undefined
      ? { state: 'loading', ...(data !== undefined ? { data } : {}) }
      : { state: 'ok', data };
  return [loaded, reload];
}

/** Problems of a failed call, or one generic message. */
export function problemsOf(e: unknown): Problem[] {
  if (e instanceof ApiError) return e.problems;
  return [{ path: '', message: '処理に失敗しました。もう一度お試しください' }];
}

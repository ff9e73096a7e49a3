// The engine names staff by their id in a few messages (K24-2c: which practitioner bills the month);
// a clerk reads their names instead.
import { useMemo } from 'react';
import { api } from './api.js';
import { useApp, useLoad } from './context.js';

export function useHumanize(): (message: string) => string {
  const { office } = useApp();
  const [staff] = useLoad(['staff', office.id], () => api.staff(office.id));
  return useMemo(() => {
    const names = (staff.data ?? []).filter((s) => s.id.length >= 4).map((s) => [s.id, s.name] as const);
    return (message: string) => {
      let out = message;
      for (const [id, name] of names) out = out.split(id).join(name);
      return out;
    };
  }, [staff.data]);
}

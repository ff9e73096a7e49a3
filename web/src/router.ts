// Screens are addressed by the URL's hash (#/patients/…), so the server serves one index.html and the
// browser's back button and bookmarks work.
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'patients' }
  | { name: 'patient'; id: string }
  | { name: 'newPatient' }
  | { name: 'visits'; patientId?: string }
  | { name: 'buildings' }
  | { name: 'close'; version?: number }
  | { name: 'statement'; patientId: string; version?: number; kind: 'invoice' | 'receipt' };

export function parseHash(hash: string): Route {
  const [pathPart, queryPart] = hash.replace(/^#/, '').split('?');
  const parts = (pathPart ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryPart ?? '');
  const version = query.get('version');
  const v = version && /^\d+$/.test(version) ? Number(version) : undefined;
  switch (parts[0]) {
    case 'patients':
      if (parts[1] === 'new') return { name: 'newPatient' };
      return parts[1] ? { name: 'patient', id: parts[1] } : { name: 'patients' };
    case 'visits': {
      const p = query.get('patient');
      return p ? { name: 'visits', patientId: p } : { name: 'visits' };
    }
    case 'buildings':
      return { name: 'buildings' };
    case 'close':
      return v === undefined ? { name: 'close' } : { name: 'close', version: v };
    case 'statement':
      if (parts[1]) {
        const kind = query.get('kind') === 'receipt' ? 'receipt' : 'invoice';
        return v === undefined
          ? { name: 'statement', patientId: parts[1], kind }
          : { name: 'statement', patientId: parts[1], version: v, kind };
      }
      return { name: 'patients' };
    default:
      return { name: 'patients' };
  }
}

export function hrefOf(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'patients':
      return '#/patients';
    case 'newPatient':
      return '#/patients/new';
    case 'patient':
      return `#/patients/${e(route.id)}`;
    case 'visits':
      return route.patientId ? `#/visits?patient=${e(route.patientId)}` : '#/visits';
    case 'buildings':
      return '#/buildings';
    case 'close':
      return route.version === undefined ? '#/close' : `#/close?version=${route.version}`;
    case 'statement': {
      const q = new URLSearchParams();
      if (route.version !== undefined) q.set('version', String(route.version));
      if (route.kind === 'receipt') q.set('kind', 'receipt');
      const s = q.toString();
      return `#/statement/${e(route.patientId)}${s ? `?${s}` : ''}`;
    }
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

// Screens are addressed by the URL's hash (#/patients/…), so the server serves one index.html and the
// browser's back button and bookmarks work. Pure: the browser side is router.ts.
import { parseReportRoute, reportHref, type ReportRoute } from './reports/route.js';

export type Route =
  | { name: 'patients' }
  | { name: 'patient'; id: string }
  | { name: 'newPatient' }
  | { name: 'visits'; patientId?: string }
  | { name: 'buildings' }
  // A claim version belongs to a month: `month` says which (a version of another month is not shown).
  | { name: 'close'; version?: number; month?: string }
  | { name: 'statement'; patientId: string; version?: number; month?: string; kind: 'invoice' | 'receipt' }
  | ReportRoute
  | { name: 'reportList' }
  | { name: 'staff' }
  | { name: 'import' }
  | { name: 'audit' }
  | { name: 'settings'; tab: SettingsTab };

/** The settings' pages: the office's record, its users (an admin's), one's own password. */
export const settingsTabs = ['office', 'users', 'password'] as const;
export type SettingsTab = (typeof settingsTabs)[number];

export function parseHash(hash: string): Route {
  const [pathPart, queryPart] = hash.replace(/^#/, '').split('?');
  const parts = (pathPart ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryPart ?? '');
  const version = query.get('version');
  const v = version && /^\d+$/.test(version) ? Number(version) : undefined;
  const m = query.get('month');
  const vm = v !== undefined && m && /^\d{4}-\d{2}$/.test(m) ? { version: v, month: m } : {};
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
      return { name: 'close', ...vm };
    case 'statement':
      if (parts[1]) {
        const kind = query.get('kind') === 'receipt' ? 'receipt' : 'invoice';
        return { name: 'statement', patientId: parts[1], kind, ...vm };
      }
      return { name: 'patients' };
    case 'reports':
      return parseReportRoute(parts, query);
    case 'report-list':
      return { name: 'reportList' };
    case 'staff':
      return { name: 'staff' };
    case 'import':
      return { name: 'import' };
    case 'audit':
      return { name: 'audit' };
    case 'settings': {
      const tab = settingsTabs.find((t) => t === parts[1]) ?? 'office';
      return { name: 'settings', tab };
    }
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
      return route.version === undefined || !route.month
        ? '#/close'
        : `#/close?month=${route.month}&version=${route.version}`;
    case 'statement': {
      const q = new URLSearchParams();
      if (route.version !== undefined && route.month) {
        q.set('month', route.month);
        q.set('version', String(route.version));
      }
      if (route.kind === 'receipt') q.set('kind', 'receipt');
      const s = q.toString();
      return `#/statement/${e(route.patientId)}${s ? `?${s}` : ''}`;
    }
    case 'report':
      return reportHref(route);
    case 'reportList':
      return '#/report-list';
    case 'staff':
      return '#/staff';
    case 'import':
      return '#/import';
    case 'audit':
      return '#/audit';
    case 'settings':
      return `#/settings/${route.tab}`;
  }
}

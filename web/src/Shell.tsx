// The frame around every screen: office switcher, service month, navigation and keyboard shortcuts.
import { useEffect, useId, useState } from 'react';
import { ClosedBanner } from './components/ClosedBanner.js';
import { useApp } from './context.js';
import { addMonths, formatWareki, thisMonth } from './format.js';
import { hrefOf, navigate, useRoute, type Route } from './router.js';
import { Patients } from './screens/Patients.js';
import { PatientDetail } from './screens/PatientDetail.js';
import { NewPatient } from './screens/NewPatient.js';
import { VisitEntry } from './screens/VisitEntry.js';
import { Buildings } from './screens/Buildings.js';
import { MonthClose } from './screens/MonthClose.js';
import { Statement } from './screens/Statement.js';
import { ReportEditor } from './screens/ReportEditor.js';
import { ReportList } from './screens/ReportList.js';
import { StaffScreen } from './screens/StaffScreen.js';
import { ImportScreen } from './screens/ImportScreen.js';
import { AuditLog } from './screens/AuditLog.js';
import { Settings } from './screens/Settings.js';
import { roleJa } from '../../src/contract/labels.js';

const sections: { route: Route; label: string; key: string; match: Route['name'][] }[] = [
  { route: { name: 'patients' }, label: '利用者', key: '1', match: ['patients', 'patient', 'newPatient'] },
  { route: { name: 'visits' }, label: '訪問入力', key: '2', match: ['visits', 'report'] },
  { route: { name: 'buildings' }, label: '建物', key: '3', match: ['buildings'] },
  { route: { name: 'close' }, label: '月締め', key: '4', match: ['close', 'statement'] },
  { route: { name: 'reportList' }, label: '情報提供書', key: '5', match: ['reportList'] },
  { route: { name: 'staff' }, label: '職員', key: '6', match: ['staff'] },
  { route: { name: 'import' }, label: 'CSV取込', key: '7', match: ['import'] },
  { route: { name: 'audit' }, label: '変更の記録', key: '8', match: ['audit'] },
  { route: { name: 'settings', tab: 'office' }, label: '設定', key: '9', match: ['settings'] },
];

/** The months offered: three years back and a year ahead of today, and around the chosen month. */
function monthChoices(month: string): string[] {
  const now = thisMonth();
  const set = new Set<string>();
  for (let i = -36; i <= 12; i++) set.add(addMonths(now, i));
  for (let i = -12; i <= 12; i++) set.add(addMonths(month, i));
  return [...set].sort().reverse();
}

function isTyping(t: EventTarget | null): boolean {
  return (
    t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
  );
}

export function Shell() {
  const { me, office, setOfficeId, month, setMonth, logout } = useApp();
  const hashRoute = useRoute();
  // Switching office starts the section over: the screen is shown at the section's first route at once,
  // before the address catches up, so that no request names a record of the other office.
  const [switched, setSwitched] = useState<Route | null>(null);
  const route = switched ?? hashRoute;
  useEffect(() => {
    if (switched && hrefOf(hashRoute) === hrefOf(switched)) setSwitched(null);
  }, [hashRoute, switched]);
  const [help, setHelp] = useState(false);
  const officeSel = useId();
  const monthSel = useId();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const s = sections.find((x) => x.key === e.key);
        if (s) {
          e.preventDefault();
          navigate(s.route);
          return;
        }
        if (e.key === 'PageUp' || e.key === 'PageDown') {
          e.preventDefault();
          setMonth(addMonths(month, e.key === 'PageUp' ? -1 : 1));
          return;
        }
      }
      if (e.key === '?' && !isTyping(e.target)) {
        e.preventDefault();
        setHelp((h) => !h);
      }
      if (e.key === 'Escape') setHelp(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [month, setMonth]);

  // Focus the screen's heading when the screen changes, so that a keyboard user starts at the top.
  useEffect(() => {
    const h = document.querySelector<HTMLElement>('main h1');
    h?.focus({ preventScroll: true });
  }, [route.name]);

  const printing = route.name === 'statement';

  return (
    <div className={`shell${printing ? ' shell-print' : ''}`}>
      <a className="skip-link" href="#main">
        本文へ移動
      </a>
      <header className="topbar">
        <div className="brand" aria-label="santei 算定">
          <span className="brand-mark" aria-hidden="true">
            算
          </span>
          <span aria-hidden="true">santei</span>
        </div>
        <div className="topbar-controls">
          <div className="inline-field">
            <label htmlFor={officeSel}>事業所</label>
            {me.offices.length > 1 ? (
              <select
                id={officeSel}
                value={office.id}
                onChange={(e) => {
                  // One office's records are not found in another: start the section over.
                  const s = sections.find((x) => x.match.includes(route.name)) ?? sections[0]!;
                  if (hrefOf(s.route) !== hrefOf(route)) {
                    setSwitched(s.route);
                    navigate(s.route);
                  }
                  setOfficeId(e.target.value);
                }}
              >
                {me.offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}（{o.number}）
                  </option>
                ))}
              </select>
            ) : (
              <output id={officeSel} className="office-name">
                {office.name}（{office.number}）
              </output>
            )}
          </div>
          <div className="inline-field month-field">
            <label htmlFor={monthSel}>サービス提供月</label>
            <button
              type="button"
              className="icon-button"
              aria-label="前の月"
              title="前の月（Alt+PageUp）"
              onClick={() => setMonth(addMonths(month, -1))}
            >
              ‹
            </button>
            <select id={monthSel} value={month} onChange={(e) => setMonth(e.target.value)}>
              {monthChoices(month).map((m) => (
                <option key={m} value={m}>
                  {`${Number(m.slice(0, 4))}年${Number(m.slice(5))}月（${formatWareki(m)}）`}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="icon-button"
              aria-label="次の月"
              title="次の月（Alt+PageDown）"
              onClick={() => setMonth(addMonths(month, 1))}
            >
              ›
            </button>
          </div>
        </div>
        <div className="topbar-user">
          <span>
            {me.user.displayName ?? me.user.username}
            <span className="badge">{roleJa[me.user.role]}</span>
          </span>
          <button type="button" className="link-button" onClick={() => setHelp(true)}>
            ショートカット
          </button>
          <button type="button" className="link-button" onClick={logout}>
            ログアウト
          </button>
        </div>
      </header>
      <nav className="tabs" aria-label="画面">
        {sections.map((s) => {
          const current = s.match.includes(route.name);
          return (
            <a
              key={s.key}
              href={hrefOf(s.route)}
              className={current ? 'tab current' : 'tab'}
              aria-current={current ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${s.key}`}
            >
              {s.label}
              <kbd aria-hidden="true">Alt+{s.key}</kbd>
            </a>
          );
        })}
      </nav>
      <main id="main" className="content">
        {printing ? null : <ClosedBanner />}
        {/* One mount per office: a screen's form and its loads start over in another office. */}
        <Screen key={office.id} route={route} />
      </main>
      {help ? <ShortcutHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  const { month } = useApp();
  // A version named in the address is shown only in its own month; another month shows its latest.
  const version =
    'version' in route && route.version !== undefined && route.month === month ? route.version : undefined;
  switch (route.name) {
    case 'patients':
      return <Patients />;
    case 'newPatient':
      return <NewPatient />;
    case 'patient':
      return <PatientDetail id={route.id} />;
    case 'visits':
      return <VisitEntry {...(route.patientId ? { patientId: route.patientId } : {})} />;
    case 'buildings':
      return <Buildings />;
    case 'close':
      return <MonthClose {...(version !== undefined ? { version } : {})} />;
    case 'report':
      return <ReportEditor {...route} />;
    case 'reportList':
      return <ReportList />;
    case 'staff':
      return <StaffScreen />;
    case 'import':
      return <ImportScreen />;
    case 'audit':
      return <AuditLog />;
    case 'settings':
      return <Settings tab={route.tab} />;
    case 'statement':
      return (
        <Statement
          patientId={route.patientId}
          kind={route.kind}
          {...(version !== undefined ? { version } : {})}
        />
      );
  }
}

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const rows: [string, string][] = [
    ['Alt+1〜4', '利用者・訪問入力・建物・月締めへ移動'],
    ['Alt+5〜9', '情報提供書・職員・CSV取込・変更の記録・設定へ移動'],
    ['Alt+PageUp / PageDown', '前の月・次の月'],
    ['/', '利用者の検索欄へ'],
    ['Enter', '訪問を保存（訪問入力）'],
    ['Alt+E', '算定できる最短の日付に変更（訪問入力）'],
    ['Alt+C', '先月のパターンをコピー（訪問入力）'],
    ['Esc', '入力を取り消す・このヘルプを閉じる'],
    ['?', 'このヘルプ'],
  ];
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="shortcut-title">キーボード操作</h2>
        <table className="plain">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="primary" onClick={onClose} autoFocus>
          閉じる
        </button>
      </div>
    </div>
  );
}

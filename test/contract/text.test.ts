// The text rule (src/contract/text.ts) on every text field of every input schema: each string of a valid
// record, in turn, given a NUL, a control character, U+202E or half a surrogate pair, is refused at its own
// path with a Japanese message naming the field; newlines and tabs only in the multi-line fields; Japanese
// text, 𠮷 (a surrogate pair) and emoji sequences are kept as they are.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  buildingInputSchema,
  buildingPatchSchema,
  careReportInputSchema,
  check,
  officeInputSchema,
  officePatchSchema,
  patientInputSchema,
  patientPatchSchema,
  reportSentSchema,
  staffInputSchema,
  staffPatchSchema,
  userInputSchema,
  userPatchSchema,
  visitInputSchema,
} from '../../src/contract/schemas.js';
import { textProblem } from '../../src/contract/text.js';
import { withCheckDigit } from '../../src/contract/officeNumber.js';

const office = {
  number: withCheckDigit('131000001'),
  name: 'みどり薬局',
  kind: 'pharmacy',
  address: '東京都練馬区春日町1-2-3',
  phone: '03-1234-5678',
};
const staff = { name: '薬剤師 一郎', kana: 'ヤクザイシ イチロウ', profession: 'pharmacist' };
const building = { name: 'ひだまり荘', address: '練馬区', kind: 'sakoju', units: ['101', '102'] };
const patient = {
  name: '𠮷田 花子',
  kana: 'ヨシダ ハナコ',
  address: '練馬区春日町',
  notes: '朝は不在のことがあります',
  careManagerName: '小池 ケアマネ',
  careManagerOffice: 'ねりま居宅',
  residences: [{ kind: 'sakoju', buildingId: 'b1', unitId: '101', householdId: 'h1', from: '2024-01-01' }],
};
const visit = {
  kind: 'kyotaku',
  patientId: 'p1',
  date: '2024-07-05',
  profession: 'pharmacist',
  staffId: 's1',
  staffName: '薬剤師 一郎',
  reported: true,
};
const homeHelp = { kind: 'home_help', patientId: 'p1', date: '2024-07-05', category: 'body_lt30' };
const report = {
  patientId: 'p1',
  profession: 'doctor',
  visitIds: ['v1'],
  recipient: { kind: 'care_manager', name: '居宅介護支援 ねりま 小池' },
  method: 'fax',
  content: {
    condition: '状態は安定しています',
    dailyLife: '水分をとってください',
    medication: '一包化しています',
    emergency: '当院へ連絡してください',
    guidance: { to: ['family'], text: 'ご家族に服薬の確認を依頼' },
  },
};
const user = {
  username: 'clerk_1',
  displayName: '事務 花子',
  role: 'clerk',
  officeIds: ['o1'],
  password: 'pw',
};

const cases: [string, z.ZodType, Record<string, unknown>, string[]][] = [
  ['office', officeInputSchema, office, []],
  ['office patch', officePatchSchema, { name: office.name, address: office.address }, []],
  ['staff', staffInputSchema, staff, []],
  ['staff patch', staffPatchSchema, { name: staff.name }, []],
  ['building', buildingInputSchema, building, []],
  ['building patch', buildingPatchSchema, { units: ['201'] }, []],
  ['patient', patientInputSchema, patient, ['notes']],
  ['patient patch', patientPatchSchema, { notes: patient.notes, name: patient.name }, ['notes']],
  ['visit', visitInputSchema, visit, []],
  ['home-help visit', visitInputSchema, homeHelp, []],
  [
    'report',
    careReportInputSchema,
    report,
    [
      'content.condition',
      'content.dailyLife',
      'content.medication',
      'content.emergency',
      'content.guidance.text',
    ],
  ],
  ['report sent', reportSentSchema, { sentDate: '2024-07-10', method: 'fax' }, []],
  ['user', userInputSchema, { ...user, password: 'a-long-password' }, []],
  ['user patch', userPatchSchema, { displayName: '事務' }, []],
];

/** Every string of a value with its path (as schemas.ts's rule walks it), passwords left out. */
function strings(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'string') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, [...path, i]));
  if (v && typeof v === 'object') {
    return Object.entries(v).flatMap(([k, x]) => (k === 'password' ? [] : strings(x, [...path, k])));
  }
  return [];
}
function withValue(v: unknown, path: (string | number)[], value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[head!] = withValue(copy[head!], rest, value);
  return copy;
}
const formatted = (path: (string | number)[]) =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');

describe('the text rule on every text field of every input schema', () => {
  for (const [what, schema, sample, multiLine] of cases) {
    it(`${what}: the sample is valid and every free-text string refuses NUL, ESC, U+202E and half a surrogate pair`, () => {
      expect(check(schema, sample)).toMatchObject({ ok: true });
      const paths = strings(sample);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        const original = String(path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], sample));
        for (const bad of ['\u0000', '\u001b', '\u202e', '\ud800', '\u2066', '\u0085']) {
          const r = check(
            schema,
            withValue(sample, path, `${original.slice(0, 1)}${bad}${original.slice(1)}`),
          );
          expect(r.ok, `${what} ${formatted(path)} ${JSON.stringify(bad)}`).toBe(false);
          if (r.ok) continue;
          expect(r.problems.map((p) => p.path)).toContain(formatted(path));
        }
        const lines = multiLine.includes(path.filter((k) => typeof k === 'string').join('.'));
        const withNewline = check(schema, withValue(sample, path, `${original}\n${original}\t。\r\n`));
        if (lines) expect(withNewline, `${formatted(path)} is multi-line`).toMatchObject({ ok: true });
        else expect(withNewline.ok, `${formatted(path)} is one line`).toBe(false);
      }
    });
  }

  it('the message names the field in Japanese, the character and where it is, and says what to do', () => {
    const r = check(patientInputSchema, { name: '山田\u202e太郎' });
    expect(r).toEqual({
      ok: false,
      problems: [
        {
          path: 'name',
          message:
            '氏名の3文字目に使えない文字 右から左への上書き（U+202E） があります。この欄は1行で、改行・タブなどの制御文字や文字の向きを変える記号は使えません（その文字を消して入力し直してください）',
        },
      ],
    });
    const note = check(patientInputSchema, { name: '山田 太郎', notes: '一行目\n二行目\u0000' });
    expect(note.ok ? [] : note.problems[0]!.message).toMatch(
      /^メモの8文字目に使えない文字 NUL（U\+0000） があります。改行とタブのほかの/,
    );
    const part = check(careReportInputSchema, {
      ...report,
      content: { ...report.content, condition: '安定\u2067' },
    });
    expect(part.ok ? '' : part.problems[0]!.message).toMatch(/^利用者の心身の状況の3文字目/);
    // Named as the record names the field (fields.ts): a building's name is its 建物名.
    const b = check(buildingInputSchema, { ...building, name: '\u202eひだまり' });
    expect(b.ok ? '' : b.problems[0]!.message).toMatch(/^建物名の1文字目/);
  });

  it('kept as they are: Japanese, full-width spaces, 𠮷 (a surrogate pair), emoji with joiners, a password with anything', () => {
    for (const name of ['𠮷野 太郎', '山田　花子', '👩‍⚕️ 看護師', 'Ｏ’Ｂｒｉｅｎ', 'é (U+0065 U+0301)']) {
      expect(textProblem(name, ['name'], false), name).toBeNull();
    }
    expect(check(userInputSchema, { ...user, password: 'pass\u202eword\u0000\n' })).toMatchObject({
      ok: true,
    });
  });
});

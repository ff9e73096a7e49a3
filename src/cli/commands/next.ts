// santei next: would a visit be billable on a date, and if not, the earliest date it would be.
import { earliestBillableDate } from '../../core/next.js';
import { formatProblem } from '../../core/validate.js';
import { serviceRecordSchema } from '../../core/input.js';
import { describeIssue } from '../../core/validate.js';
import { monthOf } from '../../core/dates.js';
import { additionName, citationForClerk as cited, formatNumber } from '../../core/labels.js';
import { prepare, scheduleFor } from '../../santei.js';
import { parseOptions } from '../args.js';
import { parseJsonText, readJsonInput, writeErr, writeOut } from '../io.js';

const USAGE =
  '使い方: santei next FILE.json --patient ID --profession doctor|dentist|pharmacist|dietitian|dental_hygienist --date YYYY-MM-DD [--online] [--json]' +
  '  または  santei next FILE.json --visit \'{"kind":"kyotaku","patientId":"A01","profession":"pharmacist","date":"2024-07-09","reported":true}\'';

/** The options of the --patient form, by the field of the visit they fill. */
const optionOf = { patientId: '--patient', profession: '--profession', date: '--date', online: '--online' };

export async function nextCommand(args: string[]): Promise<number> {
  const parsed = parseOptions(
    'next',
    args,
    {
      patient: { type: 'string' },
      profession: { type: 'string' },
      date: { type: 'string' },
      online: { type: 'boolean' },
      visit: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    writeErr(`santei next: 入力のファイルを1つ指定してください。${USAGE}\n`);
    return 2;
  }
  const input = readJsonInput(positionals[0]!);
  if (!input.ok) {
    writeErr(`${input.message}\n`);
    return 2;
  }
  const raw = input.value;
  const p = prepare(raw);
  if (!p.ok) {
    writeErr(p.problems.map((x) => formatProblem(x) + '\n').join(''));
    return 2;
  }

  let visitRaw: unknown;
  if (values.visit !== undefined) {
    const visit = parseJsonText(values.visit, '--visit');
    if (!visit.ok) {
      writeErr(`${visit.message}\n`);
      return 2;
    }
    visitRaw = { id: '__candidate__', ...(visit.value as object) };
  } else {
    visitRaw = {
      kind: 'kyotaku',
      id: '__candidate__',
      patientId: values.patient,
      profession: values.profession,
      date: values.date,
      reported: true,
      ...(values.online ? { online: true } : {}),
    };
  }
  const v = serviceRecordSchema.safeParse(visitRaw);
  // A problem is named by the option it came from (--date), or by its path in --visit (visit.date).
  const where = (path: string): string =>
    values.visit === undefined && path in optionOf
      ? optionOf[path as keyof typeof optionOf]
      : `visit.${path}`;
  if (!v.success) {
    writeErr(
      v.error.issues
        .map((i) => {
          const d = describeIssue(i, visitRaw);
          return formatProblem({ ...d, path: where(d.path) }) + '\n';
        })
        .join(''),
    );
    return 2;
  }
  if (!('date' in v.data)) {
    writeErr(`${where('date')}: 日付のある訪問の記録を指定してください\n`);
    return 2;
  }
  if (!p.input.patients.some((x) => x.id === v.data.patientId)) {
    const ids = p.input.patients.map((x) => x.id);
    writeErr(
      `${where('patientId')}: "${v.data.patientId}" は入力の patients にない利用者です` +
        `（入力の利用者: ${ids.slice(0, 10).join('、')}${ids.length > 10 ? ` ほか${formatNumber(ids.length - 10)}人` : ''}）\n`,
    );
    return 2;
  }
  // The input holds one month's records: a date of another month would be judged without that month's
  // records (its other visits, certifications and building counts), so it is refused, not guessed.
  if (monthOf(v.data.date) !== p.input.month) {
    writeErr(
      `${where('date')}: ${v.data.date} は入力の月（${p.input.month}）の日付ではありません。` +
        `この入力には ${p.input.month} の記録しかないため、その月の日付を指定するか、${monthOf(v.data.date)} の入力で確かめてください\n`,
    );
    return 2;
  }
  const answer = earliestBillableDate(p.input, v.data, (m) => scheduleFor(m));
  if (values.json) {
    writeOut(JSON.stringify(answer) + '\n');
    return 0;
  }
  const out: string[] = [];
  const a = answer.asked;
  if (a.billable) {
    out.push(`${a.date}: 算定できます`);
    for (const l of a.lines) out.push(`  ${l.name} ${formatNumber(l.unitsEach)}単位（${cited(l.rule)}）`);
    if (a.displaces.length) out.push(`  ただし入力済みの ${a.displaces.join('、')} が算定できなくなります`);
  } else {
    out.push(`${a.date}: 算定できません`);
    for (const r of a.rejections) out.push(`  ${r.code}（${cited(r.rule)}）: ${r.message}`);
    if (answer.earliestDate && answer.earliest) {
      const later = monthOf(answer.earliestDate);
      out.push(
        `最も早く算定できる日: ${answer.earliestDate}` +
          (later !== p.input.month
            ? `（${later} の日付です。この入力には ${later} の記録がないため、その月に入力する記録によって変わることがあります）`
            : ''),
      );
      for (const l of answer.earliest.lines)
        out.push(`  ${l.name} ${formatNumber(l.unitsEach)}単位（${cited(l.rule)}）`);
    } else {
      out.push(`${answer.horizonDays}日先までに算定できる日はありません`);
    }
  }
  for (const r of a.billable ? a.rejections : [])
    out.push(
      `  ${r.addition ? additionName(r.addition) : '加算'} ${r.code}（${cited(r.rule)}）: ${r.message}`,
    );
  writeOut(out.join('\n') + '\n');
  return 0;
}

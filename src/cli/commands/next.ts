// santei next: would a visit be billable on a date, and if not, the earliest date it would be.
import { parseArgs } from 'node:util';
import { earliestBillableDate } from '../../core/next.js';
import { formatProblem } from '../../core/validate.js';
import { serviceRecordSchema } from '../../core/input.js';
import { describeIssue } from '../../core/validate.js';
import { prepare, scheduleFor } from '../../santei.js';
import { readInputText, writeErr, writeOut } from '../io.js';

const USAGE =
  '使い方: santei next FILE.json --patient ID --profession doctor|dentist|pharmacist|dietitian|dental_hygienist --date YYYY-MM-DD [--online] [--json]\n' +
  '        santei next FILE.json --visit \'{"kind":"kyotaku","patientId":"P1","profession":"pharmacist","date":"2024-07-09","reported":true}\'\n';

export async function nextCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        patient: { type: 'string' },
        profession: { type: 'string' },
        date: { type: 'string' },
        online: { type: 'boolean' },
        visit: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (e) {
    writeErr(`santei next: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    writeErr(USAGE);
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readInputText(positionals[0]!));
  } catch (e) {
    writeErr(`${positionals[0]}: JSON として読めません（${(e as Error).message}）\n`);
    return 2;
  }
  const p = prepare(raw);
  if (!p.ok) {
    writeErr(p.problems.map((x) => formatProblem(x) + '\n').join(''));
    return 2;
  }

  let visitRaw: unknown;
  if (values.visit !== undefined) {
    try {
      visitRaw = { id: '__candidate__', ...JSON.parse(values.visit) };
    } catch (e) {
      writeErr(`--visit: JSON として読めません（${(e as Error).message}）\n`);
      return 2;
    }
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
  if (!v.success) {
    writeErr(
      v.error.issues
        .map(
          (i) =>
            formatProblem({
              ...describeIssue(i, visitRaw),
              path: `visit.${describeIssue(i, visitRaw).path}`,
            }) + '\n',
        )
        .join(''),
    );
    return 2;
  }
  if (!('date' in v.data)) {
    writeErr('visit.date: 日付のある訪問の記録を指定してください\n');
    return 2;
  }
  if (!p.input.patients.some((x) => x.id === v.data.patientId)) {
    writeErr(`visit.patientId: "${v.data.patientId}" は patients にない利用者です\n`);
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
    for (const l of a.lines) out.push(`  ${l.name} ${l.unitsEach}単位（${l.rule}）`);
    if (a.displaces.length) out.push(`  ただし入力済みの ${a.displaces.join('、')} が算定できなくなります`);
  } else {
    out.push(`${a.date}: 算定できません`);
    for (const r of a.rejections) out.push(`  ${r.code}（${r.rule}）: ${r.message}`);
    if (answer.earliestDate && answer.earliest) {
      out.push(`最も早く算定できる日: ${answer.earliestDate}`);
      for (const l of answer.earliest.lines) out.push(`  ${l.name} ${l.unitsEach}単位（${l.rule}）`);
    } else {
      out.push(`${answer.horizonDays}日先までに算定できる日はありません`);
    }
  }
  for (const r of a.billable ? a.rejections : [])
    out.push(`  加算 ${r.addition ?? ''} ${r.code}（${r.rule}）: ${r.message}`);
  writeOut(out.join('\n') + '\n');
  return 0;
}

// santei calc: the contract's CLI (contract.md "CLI"), with --explain and the --ndjson batch mode.
import { createInterface } from 'node:readline';
import { calculate, type CalculateRequest } from '../../santei.js';
import type { ClaimMonthResult, TraceEntry } from '../../core/result.js';
import { formatProblem } from '../../core/validate.js';
import { parseOptions } from '../args.js';
import { describeJsonError, readJsonInput, writeErr, writeOut } from '../io.js';
import { formatExplanation } from '../explain.js';
import { writeJsonLine } from '../jsonOut.js';

const USAGE =
  '使い方: santei calc FILE.json | -  [--explain] [--schedule 算定表ID]  または  santei calc --ndjson < MONTHS';

export async function calcCommand(args: string[]): Promise<number> {
  const parsed = parseOptions(
    'calc',
    args,
    { explain: { type: 'boolean' }, ndjson: { type: 'boolean' }, schedule: { type: 'string' } },
    USAGE,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (values.ndjson) {
    if (positionals.length > 0 || values.explain) {
      writeErr(
        `santei calc: --ndjson は標準入力を1行ずつ読みます（ファイル名や --explain は指定できません）。${USAGE}\n`,
      );
      return 2;
    }
    return calcNdjson(values.schedule);
  }
  if (positionals.length !== 1) {
    writeErr(
      `santei calc: ${positionals.length === 0 ? '入力のファイルを指定してください' : '入力のファイルは1つだけ指定してください'}。${USAGE}\n`,
    );
    return 2;
  }
  const priced = priceFile(positionals[0]!, {
    explain: values.explain ?? false,
    scheduleId: values.schedule,
  });
  if (!priced) return 2;
  // The input is no longer reachable here: a big month's input is freed while its result is written.
  if (values.explain) writeOut(formatExplanation(priced.result, priced.trace));
  else await writeJsonLine(priced.result); // the bytes of JSON.stringify(result) + '\n', in pieces
  return 0;
}

/** Reads, parses, validates and prices one input; on bad input writes the problems and returns undefined. */
function priceFile(
  path: string,
  req: CalculateRequest,
): { result: ClaimMonthResult; trace: TraceEntry[] } | undefined {
  const input = readJsonInput(path);
  if (!input.ok) {
    writeErr(`${input.message}\n`);
    return undefined;
  }
  const out = calculate(input.value, req);
  if (!out.ok) {
    writeErr(out.problems.map((p) => formatProblem(p) + '\n').join(''));
    return undefined;
  }
  return { result: out.result, trace: out.trace };
}

/** One input per line on stdin, one result per line on stdout, streaming; progress on a terminal. */
async function calcNdjson(scheduleId: string | undefined): Promise<number> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const progress = process.stderr.isTTY === true;
  let lineNo = 0;
  let bad = 0;
  let done = 0;
  const started = Date.now();
  for await (const line of rl) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let raw: unknown;
    let problems: string[] | undefined;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      problems = [`JSON として読めません（${describeJsonError(line, e, true)}）`];
    }
    if (!problems) {
      const out = calculate(raw, { scheduleId });
      if (out.ok) {
        if (!process.stdout.write(JSON.stringify(out.result) + '\n')) {
          await new Promise((r) => process.stdout.once('drain', r));
        }
      } else problems = out.problems.map(formatProblem);
    }
    if (problems) {
      bad += 1;
      writeOut(JSON.stringify({ line: lineNo, errors: problems }) + '\n');
      for (const p of problems) writeErr(`${lineNo}行目: ${p}\n`);
    }
    done += 1;
    if (progress && done % 100 === 0) {
      const secs = (Date.now() - started) / 1000;
      process.stderr.write(`\r${done}件処理（${Math.round(done / Math.max(secs, 0.001))}件/秒）`);
    }
  }
  if (progress) process.stderr.write(`\r${done}件処理、うち入力エラー${bad}件\n`);
  return bad > 0 ? 2 : 0;
}

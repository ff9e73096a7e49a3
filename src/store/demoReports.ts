// The demo's reports to the care manager (情報提供書, K24-2a), on which both demo offices bill: one a month per
// patient and profession at the clinic (sent the day after the last visit), one per visit at the pharmacy
// (sent on the visit day, every required part filled, so that each pharmacy visit bills on its record), with
// texts that differ by patient and month — and a few that an audit would question:
//   - D06 (clinic, July): 「緊急時の対応方法」 left empty → the visit is refused NO_CARE_MANAGER_REPORT naming it;
//   - S01 (clinic): the June report, typed in from paper after July's, is July's text → REPEATED_TEXT;
//   - T02 (pharmacy, first visit): every part a stock phrase → STOCK_PHRASE;
//   - D02 (clinic) has no care manager: the report goes to the 地域包括支援センター (seed 002).
import { addDays, lastDayOfMonth, monthOf } from '../core/dates.js';
import type { ClaimMonthInput, Patient as EnginePatient, Profession } from '../core/input.js';
import type { CareReport } from '../core/reports.js';
import { SYSTEM_ACTOR, type Store } from './store.js';
import type { CareReportInput } from '../contract/types.js';

/** Example patients without a care manager (セルフプラン): their reports go to 地域包括支援センター. */
export const DEMO_WITHOUT_CARE_MANAGER = new Set(['D02']);
export const DEMO_COMMUNITY_CENTER = '練馬区 春日地域包括支援センター';

const condition = [
  '血圧は130/80前後で推移しています。下肢筋力が落ち、椅子からの立ち上がりに時間がかかります。',
  '食欲が戻り、体重は前月より0.5kg増えました。夜間に2〜3回目が覚めるとのことです。',
  '日付の取り違えが時々あり、軽い認知機能の低下がみられます。皮膚の乾燥によるかゆみを訴えています。',
  '心不全は利尿薬で落ち着いていますが、すねに軽いむくみが残っています。息切れの訴えはありません。',
  '水分でむせることが増え、嚥下機能の低下がみられます。痰の量は少なめです。',
  '腰痛が強く、日中も横になっていることが多いです。排便は3日に1回程度です。',
  '空腹時血糖は140前後です。低血糖を思わせる症状の訴えはありません。',
  '膝の痛みで歩ける距離が短くなり、室内は伝い歩きで移動しています。',
  '微熱が続いた後、今月は平熱に戻りました。咳は日中に時々ある程度です。',
  '便秘が続き、腹部の張りを訴えています。水分摂取量は1日800ml程度です。',
];

/** For the patients with cancer pain treated with opioids (conditions terminal_cancer / opioid_injection). */
const cancerCondition = [
  'がんの痛みは医療用麻薬で眠れる程度に抑えられています。食事量は普段の半分ほどです。',
  '持続注射の量を増やしてから痛みの訴えは減りましたが、日中の眠気が強くなっています。',
  '痛みは安静時にはほとんどなく、体位変換のときに強くなります。吐き気はありません。',
];
const cancerMedication = [
  'レスキュー薬を使った時刻と回数を記録表に書いてもらうようにしました。',
  '医療用麻薬の残量を確認し、使用済みの容器の返却方法を説明しました。',
  '便秘予防の下剤を毎日続けるよう説明しました。眠気が強いときはご連絡ください。',
];
const cancerEmergency = [
  '痛みが強くレスキュー薬で治まらないときは、時間を問わず当事業所（{phone}）へ連絡してください。',
  '呼吸が浅く回数が減ったとき、呼びかけへの反応が鈍いときは、すぐに当事業所（{phone}）へ連絡してください。',
];

const dailyLife = [
  '食事は塩分1日6g未満を目安にしてください。入浴は湯温40度以下、10分程度までにしてください。',
  '食事にはとろみ剤を使い、食べるときは背すじを起こした姿勢を保ってください。',
  '水分は1日1,000mlを目標に、ゼリー飲料も使ってください。',
  'トイレまでの通り道に手すりを付け、夜間は足元灯をつけてください。',
  '日中に15分程度の散歩を勧めています。転ばないよう、かかとのある靴をはいてください。',
  'シャワー浴を中心にし、入浴後は保湿剤を塗ってください。',
  '間食は1日1回までにし、果物は小ぶりのものを選んでください。',
  '痛みの強い時間帯を避けて入浴し、入浴前に鎮痛薬が効いているか確認してください。',
];

const medication = [
  '降圧薬を朝1回にまとめました。飲み忘れたときは昼までに飲み、それ以降は翌朝から再開してください。',
  '睡眠薬を減らしています。ふらつきが増えたときはご連絡ください。',
  '薬を一包化し、服薬カレンダーで管理しています。残薬は3日分で適正です。',
  '利尿薬を飲んだ後はトイレが近くなるため、外出の日は飲む時間を相談してください。',
  '便秘薬は排便の様子に応じて1〜2錠で調整できます。',
  '鎮痛薬は食後に飲んでください。胃の不快感が出たら中止し、ご連絡ください。',
  '吸入薬の手順を確認し、吸入後のうがいができていることを確認しました。',
  '骨粗しょう症の薬は週1回、起床時に水で飲み、30分は横にならないよう説明しました。',
];

const emergency = [
  '胸の痛みや息苦しさがあるときは救急車を呼び、あわせて当事業所（{phone}）へ連絡してください。',
  '38度以上の熱が続くときは当事業所（{phone}）へ連絡してください。夜間も連絡がつきます。',
  '転倒して強い痛みがあるとき、意識の様子が普段と違うときは救急車を呼んでください。',
  '血圧が180を超えるとき、意識がぼんやりしているときは主治医へ連絡してください。連絡先は訪問看護とも共有しています。',
  '食事や水分がとれない日が2日続くときは当事業所（{phone}）へ連絡してください。',
];

const guidance: { to: NonNullable<CareReport['content']['guidance']>['to']; text: string }[] = [
  { to: ['facility_staff'], text: '施設職員へ、食後30分は座った姿勢を保つよう指導しました。' },
  { to: ['family'], text: 'ご家族へ、むくみの見方（すねを指で押して跡が残るか）を説明しました。' },
  { to: ['patient'], text: 'ご本人へ、減塩の具体的な方法（汁物は1日1杯まで）を説明しました。' },
  {
    to: ['family', 'patient'],
    text: 'ご本人とご家族へ、飲み忘れたときの対応と服薬介助の手順を説明しました。',
  },
  {
    to: ['facility_staff', 'patient'],
    text: 'ご本人と施設職員へ、夜間のトイレ移動の際にナースコールを使うよう説明しました。',
  },
];

const pick = <T>(list: readonly T[], n: number): T => list[((n % list.length) + list.length) % list.length]!;

interface DemoVisit {
  exampleId: string;
  visitId: string;
  date: string;
  profession: Profession;
  staffId?: string;
}

function content(
  profession: Profession,
  seed: number,
  patient: EnginePatient | undefined,
  phone: string,
): CareReport['content'] {
  const residence = patient?.residence;
  const cancer = (patient?.conditions ?? []).some((x) => x === 'terminal_cancer' || x === 'opioid_injection');
  const c: CareReport['content'] = {
    condition: pick(cancer ? cancerCondition : condition, seed),
    dailyLife: pick(dailyLife, seed * 3 + 1),
    emergency: pick(cancer ? cancerEmergency : emergency, seed * 2).replace('{phone}', phone),
  };
  if (profession === 'doctor' || profession === 'pharmacist') {
    c.medication = pick(cancer ? cancerMedication : medication, seed * 5 + 2);
  }
  if (profession === 'doctor') {
    const atHome = !residence || residence.kind === 'home';
    const g = pick(
      guidance.filter((x) => x.to.includes('facility_staff') !== atHome),
      seed,
    );
    c.guidance = { to: [...g.to], text: g.text };
  }
  return c;
}

/**
 * The reports of one demo office. `visits` are the office's kyotaku visits by example record; `patients`
 * the example patients with the stored ids and their care manager.
 */
export async function seedDemoReports(
  store: Store,
  officeId: string,
  example: ClaimMonthInput,
  visits: DemoVisit[],
  patientIds: Map<string, string>,
  careManagerOf: Map<string, string | undefined>,
  phone: string,
): Promise<void> {
  const patientIndex = new Map(example.patients.map((p, i) => [p.id, i]));
  const examplePatients = new Map(example.patients.map((p) => [p.id, p]));
  const exampleRecord = new Map(example.records.map((r) => [r.id, r]));
  const perVisit = example.office.kind === 'pharmacy';
  // Groups: the clinic's reports are monthly per patient and profession; the pharmacy's per visit.
  const groups = new Map<string, { examplePatient: string; profession: Profession; visits: DemoVisit[] }>();
  for (const v of visits) {
    const rec = exampleRecord.get(v.exampleId)!;
    const key = perVisit ? v.exampleId : `${rec.patientId}|${v.profession}|${monthOf(v.date)}`;
    const g = groups.get(key) ?? { examplePatient: rec.patientId, profession: v.profession, visits: [] };
    g.visits.push(v);
    groups.set(key, g);
  }
  const deferred: CareReportInput[] = [];
  let n = 0;
  for (const g of groups.values()) {
    const last = g.visits
      .map((v) => v.date)
      .sort()
      .at(-1)!;
    const month = monthOf(last);
    const monthShift = month === example.month ? 0 : 7;
    const seed = (patientIndex.get(g.examplePatient) ?? 0) + monthShift + (perVisit ? n : 0);
    n += 1;
    const manager = careManagerOf.get(g.examplePatient);
    const input: CareReportInput = {
      patientId: patientIds.get(g.examplePatient)!,
      profession: g.profession,
      visitIds: g.visits.map((v) => v.visitId),
      recipient: manager
        ? { kind: 'care_manager', name: manager }
        : { kind: 'community_center', name: DEMO_COMMUNITY_CENTER },
      method: perVisit ? (n % 3 === 0 ? 'ict' : 'fax') : n % 7 === 3 ? 'conference' : 'fax',
      sentDate: perVisit ? last : minDate(addDays(last, 1), lastDayOfMonth(month)),
      content: content(g.profession, seed, examplePatients.get(g.examplePatient), phone),
    };
    const staffId = g.visits.find((v) => v.staffId)?.staffId;
    if (staffId) input.staffId = staffId;
    if (g.examplePatient === 'D06' && month === example.month) {
      input.content = { ...input.content, emergency: '' }; // refused, naming 「緊急時の対応方法」
    }
    if (g.examplePatient === 'T02' && g.visits[0]?.exampleId === 'K014') {
      input.content = {
        condition: '特に変化なし',
        dailyLife: '変わりなし',
        medication: '安定',
        emergency: '特記事項なし',
      };
    }
    if (g.examplePatient === 'S01' && month !== example.month) {
      deferred.push(input); // typed in from paper after July's report
      continue;
    }
    await store.createReport(officeId, input, SYSTEM_ACTOR);
  }
  const july = await store.listReports(officeId, { month: example.month });
  for (const input of deferred) {
    const later = july.find((r) => r.patientId === input.patientId && r.profession === input.profession);
    await store.createReport(
      officeId,
      later ? { ...input, content: structuredClone(later.content) } : input,
      SYSTEM_ACTOR,
    );
  }
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

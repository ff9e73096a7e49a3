// The texts the schedules cite, as a clerk reads them. The schedules' data cites each seed by its file
// name (the developers' reference); a clerk sees the text's own title instead.

/** The Japanese title of each seed text a schedule cites (the first line of the text). */
export const seedTitles: Record<string, string> = {
  '000_e10642fd423905d2.txt': '解説「居宅療養管理指導とは？在宅医療・往診・訪問診療との違い」',
  '001_b83f2a86771641cb.txt': '解説「居宅療養管理指導の基本報酬の単位数や加算一覧（2024年改定対応）」',
  '002_666eeee9c66913a4.txt': '解説「居宅療養管理指導を算定できない施設と要件や居住系施設」',
  '003_47aeaea5817a62cb.txt': '平成21年度介護報酬改定の概要',
  '004_e0a48269192b4906.txt': '解説「医療保険の訪問リハビリ（条件・料金・回数・対象疾患など）」',
};

const SEED_FILE = /\d{3}_[0-9a-f]{16}\.txt/g;

/**
 * A source citation for a clerk: each seed file name replaced by its title ("seed 003_….txt II-2; H21-4"
 * → "平成21年度介護報酬改定の概要 II-2、H21-4"), the parts of a citation joined with 「、」.
 */
export function citationJa(source: string): string {
  return source
    .replace(/\bseeds? ((?:\d{3}_[0-9a-f]{16}\.txt(?:, )?)+)/g, (_, files: string) =>
      (files.match(SEED_FILE) ?? []).map((f) => seedTitles[f] ?? f).join('、'),
    )
    .replace(/; /g, '、');
}

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

/** The project's own specification texts that a schedule's data cites, by the name a clerk reads. */
export const specTitles: Record<string, string> = {
  'claim-file.md': '請求ファイルの仕様',
  'contract.md': 'santei の入出力の仕様',
  'discrepancies.md': '資料間の相違と読み方',
  'revision-2009.md': '平成21年度改定の仕様',
};

/** A developers' reference: a specification or research note of the project ('claim-file.md "…" [U]'). */
const DEVELOPER_REFERENCE = /^(?:research\/)?[\w-]+\.md\b/;

/**
 * A source citation for a clerk: each seed file name replaced by its title ("seed 003_….txt II-2; H21-4"
 * → "平成21年度介護報酬改定の概要 II-2、H21-4"), the developers' references to the project's own notes
 * left out (the official text they stand beside stays), the parts joined with 「、」. A text that names a
 * specification in a sentence gets its title ("claim-file.md の読み" → "請求ファイルの仕様の読み").
 */
export function citationJa(source: string): string {
  const parts = source
    .split('; ')
    .map((part) =>
      part.replace(/\bseeds? ((?:\d{3}_[0-9a-f]{16}\.txt(?:, )?)+)/g, (_, files: string) =>
        (files.match(SEED_FILE) ?? []).map((f) => seedTitles[f] ?? f).join('、'),
      ),
    );
  const shown = parts.filter((p) => !DEVELOPER_REFERENCE.test(p));
  return (shown.length ? shown : parts).join('、').replace(/\b[\w-]+\.md\b/g, (f) => specTitles[f] ?? f);
}

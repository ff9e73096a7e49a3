// The rule ids of the spec (../shared/spec/*.md: K24-…, H21-…, C006-…, M-…, and `contract`), each with one
// Japanese sentence for a clerk who clicks it on a claim line or a refusal (web app, month close) and the
// spec section that defines it. The texts are short summaries in the project's own words, not quotations
// of the sources. The ids are a type: a rule id the engine writes (a line's or a refusal's `rule`, a
// trace) is built from `RuleId`s with `cite`, so that a misspelt id does not compile.

export interface RuleEntry {
  /** One Japanese sentence, ending in 。 */
  text: string;
  /**
   * The spec file and section (GitHub heading anchor) that defines the rule, under ../shared/spec/; for the
   * 公費 rules (KOHI-…), docs/kohi.md of this repository.
   */
  spec: string;
}

const registry = {
  // 居宅療養管理指導 2024-06 (kyotaku-2024.md)
  'K24-1': {
    text: '居宅療養管理指導を受けられる人の条件です。',
    spec: 'kyotaku-2024.md#k24-1-who-may-receive-it',
  },
  'K24-1a': {
    text: '訪問日に有効な要介護・要支援認定が必要です（要介護は31、要支援は34で請求します）。',
    spec: 'kyotaku-2024.md#k24-1-who-may-receive-it',
  },
  'K24-1b': {
    text: '通院が困難な利用者であることが必要です。',
    spec: 'kyotaku-2024.md#k24-1-who-may-receive-it',
  },
  'K24-1c': {
    text: '自宅または自宅とみなす住まい（有料老人ホーム・サ高住・グループホーム等）が対象で、介護保険施設の入所中や短期入所・入院中の日は算定できません。',
    spec: 'kyotaku-2024.md#k24-1-who-may-receive-it',
  },
  'K24-2': {
    text: '訪問ごとに必要な要件です。',
    spec: 'kyotaku-2024.md#k24-2-what-each-visit-needs',
  },
  'K24-2a': {
    text: 'ケアマネジャー（いなければ地域包括支援センター等）への情報提供が訪問ごとに必要です。',
    spec: 'kyotaku-2024.md#k24-2-what-each-visit-needs',
  },
  'K24-2b': {
    text: '薬剤師・管理栄養士・歯科衛生士等の訪問には、医師または歯科医師の指示が必要です。',
    spec: 'kyotaku-2024.md#k24-2-what-each-visit-needs',
  },
  'K24-2c': {
    text: '同じ利用者・同じ職種で月に算定できるのは1人の担当者だけで、先に訪問した担当者が算定します。他の事業所が算定している場合も算定できません。',
    spec: 'kyotaku-2024.md#k24-2-what-each-visit-needs',
  },
  'K24-2d': {
    text: '同じ利用者・同じ職種の算定は1日1回までです。',
    spec: 'kyotaku-2024.md#k24-2-what-each-visit-needs',
  },
  'K24-2e': {
    text: '医師・歯科医師は、同じ日に訪問診療または往診を行った場合に算定します。',
    spec: 'kyotaku-2024.md#k24-2-what-each-visit-needs',
  },
  'K24-3': {
    text: '1回あたりの単位数は、職種ごとの単一建物居住者の人数（1人／2〜9人／10人以上）の区分で決まります。',
    spec: 'kyotaku-2024.md#k24-3-units-per-visit-単位回',
  },
  'K24-4': {
    text: '単一建物居住者の人数は、事業所・職種・建物・月ごとに数えます。',
    spec: 'kyotaku-2024.md#k24-4-単一建物居住者-residents-of-a-single-building',
  },
  'K24-4a': {
    text: '同じ建物で、その月にこの事業所の同じ職種が算定した利用者の実人数です。その月の訪問はすべて同じ区分になります。',
    spec: 'kyotaku-2024.md#k24-4-単一建物居住者-residents-of-a-single-building',
  },
  'K24-4b': {
    text: '戸建て（建物の指定なし）の利用者は常に1人の区分です。',
    spec: 'kyotaku-2024.md#k24-4-単一建物居住者-residents-of-a-single-building',
  },
  'K24-4c': {
    text: '同じ住戸の同一世帯の利用者は、互いの人数に数えず、それぞれ1人の区分です。',
    spec: 'kyotaku-2024.md#k24-4-単一建物居住者-residents-of-a-single-building',
  },
  'K24-4d': {
    text: '建物の戸数の1割以下、または戸数20未満で2人以下のときは、それぞれ1人の区分です。',
    spec: 'kyotaku-2024.md#k24-4-単一建物居住者-residents-of-a-single-building',
  },
  'K24-4e': {
    text: 'ユニット数3以下のグループホームはユニットごとに数えます。',
    spec: 'kyotaku-2024.md#k24-4-単一建物居住者-residents-of-a-single-building',
  },
  'K24-4f': {
    text: 'その月に算定できる訪問が1回もない利用者は人数に数えません。',
    spec: 'kyotaku-2024.md#k24-4-単一建物居住者-residents-of-a-single-building',
  },
  'K24-4g': {
    text: '薬局薬剤師のオンライン服薬指導は人数にかかわらず46単位で、それだけでは人数に数えません。',
    spec: 'kyotaku-2024.md#k24-4-単一建物居住者-residents-of-a-single-building',
  },
  'K24-5': {
    text: '回数と間隔の上限です。上限を超える訪問は算定できません。',
    spec: 'kyotaku-2024.md#k24-5-limits',
  },
  'K24-5a': {
    text: '職種ごとの月の上限回数（医師・歯科医師・病院薬剤師・管理栄養士は2回、薬局薬剤師・歯科衛生士等は4回）です。',
    spec: 'kyotaku-2024.md#k24-5-limits',
  },
  'K24-5b': {
    text: '薬剤師は、月2回以上算定するとき訪問日の間を中6日以上あける必要があります（末期がん・中心静脈栄養・麻薬注射の利用者は週2回・月8回まで）。',
    spec: 'kyotaku-2024.md#k24-5-limits',
  },
  'K24-5c': {
    text: '管理栄養士は月2回まで。医師の特別の指示があれば、その日から30日以内にさらに2回まで算定できます。',
    spec: 'kyotaku-2024.md#k24-5-limits',
  },
  'K24-5d': {
    text: '歯科衛生士等は月4回まで（末期がんの利用者は月6回まで）です。',
    spec: 'kyotaku-2024.md#k24-5-limits',
  },
  'K24-6': {
    text: '加算の要件です。',
    spec: 'kyotaku-2024.md#k24-6-加算-additions',
  },
  'K24-6a': {
    text: '麻薬管理指導加算：麻薬を使う利用者への薬剤師の指導に1回100単位を加えます（オンラインは対象外）。',
    spec: 'kyotaku-2024.md#k24-6-加算-additions',
  },
  'K24-6b': {
    text: '医療用麻薬持続注射療法加算：薬局薬剤師が1回250単位を加えます。麻薬管理指導加算とは同時に算定できません。',
    spec: 'kyotaku-2024.md#k24-6-加算-additions',
  },
  'K24-6c': {
    text: '在宅中心静脈栄養法加算：薬局薬剤師が1回150単位を加えます。',
    spec: 'kyotaku-2024.md#k24-6-加算-additions',
  },
  'K24-6d': {
    text: '特別地域居宅療養管理指導加算：特別地域の事業所は所定単位数の15%を加えます。',
    spec: 'kyotaku-2024.md#k24-6-加算-additions',
  },
  'K24-6e': {
    text: '中山間地域等の小規模事業所は所定単位数の10%を加えます。',
    spec: 'kyotaku-2024.md#k24-6-加算-additions',
  },
  'K24-6f': {
    text: '通常の実施地域外の中山間地域等に住む利用者へのサービスは所定単位数の5%を加えます。',
    spec: 'kyotaku-2024.md#k24-6-加算-additions',
  },
  'K24-6g': {
    text: '%加算の基礎は、その月の訪問の単位数の合計（麻薬等の加算を除く）で、四捨五入して1行で請求します。',
    spec: 'kyotaku-2024.md#k24-6-加算-additions',
  },
  'K24-6h': {
    text: '居宅療養管理指導は区分支給限度基準額の外で、ケアプランがなくても算定できます。',
    spec: 'kyotaku-2024.md#k24-6-加算-additions',
  },
  'K24-7': {
    text: '1単位10円で計算し、利用者負担は負担割合（1〜3割）で分けます。自己負担分は医療費控除の対象です。',
    spec: 'kyotaku-2024.md#k24-7-money',
  },

  // 2009-04 schedule (revision-2009.md)
  'H21-1': {
    text: '2009年度のサービス種類と利用者負担（1割）です。',
    spec: 'revision-2009.md#h21-1-copay-and-service-types',
  },
  'H21-2': {
    text: '地域区分と人件費割合で1単位あたりの円（単位数単価）が決まります。',
    spec: 'revision-2009.md#h21-2-地域区分-and-the-unit-price-単位数単価',
  },
  'H21-3': {
    text: '中山間地域等の加算です。',
    spec: 'revision-2009.md#h21-3-中山間地域等-additions-seed-003-ii-1-4-5',
  },
  'H21-3a': {
    text: '中山間地域等の小規模事業所加算：所定単位数の10%を加えます。',
    spec: 'revision-2009.md#h21-3-中山間地域等-additions-seed-003-ii-1-4-5',
  },
  'H21-3b': {
    text: '中山間地域等に住む利用者へのサービス提供加算：所定単位数の5%を加えます。',
    spec: 'revision-2009.md#h21-3-中山間地域等-additions-seed-003-ii-1-4-5',
  },
  'H21-4': {
    text: '居宅介護支援・介護予防支援は利用者ごとに月1回算定します。',
    spec: 'revision-2009.md#h21-4-居宅介護支援-and-介護予防支援-seed-003-ii-2-per-patient-per-month',
  },
  'H21-4a': {
    text: '居宅介護支援費は要介護度と取扱件数の区分（Ⅰ〜Ⅲ）で決まります。',
    spec: 'revision-2009.md#h21-4-居宅介護支援-and-介護予防支援-seed-003-ii-2-per-patient-per-month',
  },
  'H21-4b': {
    text: '逓減制：ケアマネジャー1人あたり40件以上の部分に低い区分を適用します。',
    spec: 'revision-2009.md#h21-4-居宅介護支援-and-介護予防支援-seed-003-ii-2-per-patient-per-month',
  },
  'H21-4c': {
    text: '介護予防支援費は月412単位です。',
    spec: 'revision-2009.md#h21-4-居宅介護支援-and-介護予防支援-seed-003-ii-2-per-patient-per-month',
  },
  'H21-4d': {
    text: '特定事業所加算（Ⅰ）500・（Ⅱ）300単位。取扱件数が40件以上の月は算定できません。',
    spec: 'revision-2009.md#h21-4-居宅介護支援-and-介護予防支援-seed-003-ii-2-per-patient-per-month',
  },
  'H21-4e': {
    text: '医療連携・退院退所・認知症・独居・小規模多機能連携・初回の各加算です。',
    spec: 'revision-2009.md#h21-4-居宅介護支援-and-介護予防支援-seed-003-ii-2-per-patient-per-month',
  },
  'H21-5': {
    text: '訪問介護の単位数です。',
    spec: 'revision-2009.md#h21-5-訪問介護-seed-003-ii-3-1',
  },
  'H21-5a': {
    text: '身体介護30分未満は254単位、生活援助30分以上1時間未満は229単位です。',
    spec: 'revision-2009.md#h21-5-訪問介護-seed-003-ii-3-1',
  },
  'H21-5b': {
    text: '訪問介護の特定事業所加算：所定単位数の20%または10%を加えます。',
    spec: 'revision-2009.md#h21-5-訪問介護-seed-003-ii-3-1',
  },
  'H21-5c': {
    text: '初回加算は月200単位、緊急時訪問介護加算は1回100単位です。',
    spec: 'revision-2009.md#h21-5-訪問介護-seed-003-ii-3-1',
  },
  'H21-6': {
    text: '訪問看護の加算（長時間・複数名・ターミナルケア）です。',
    spec: 'revision-2009.md#h21-6-訪問看護-seed-003-ii-3-2--additions-only',
  },
  'H21-7': {
    text: '訪問リハビリテーションは20分を1回として305単位です。',
    spec: 'revision-2009.md#h21-7-訪問リハビリテーション-seed-003-ii-3-3',
  },
  'H21-8': {
    text: '2009年度の居宅療養管理指導の単位数（居住系施設の区分、看護職員の新設を含む）です。',
    spec: 'revision-2009.md#h21-8-居宅療養管理指導-in-2009-seed-003-ii-3-4',
  },

  // C006 (c006-2024.md)
  'C006-1': {
    text: '在宅患者訪問リハビリテーション指導管理料は1単位（20分）ごとの点数です。',
    spec: 'c006-2024.md#c006-1-points-per-unit',
  },
  'C006-1a': {
    text: '同一建物居住者以外は1単位300点です。',
    spec: 'c006-2024.md#c006-1-points-per-unit',
  },
  'C006-1b': {
    text: '同じ日に同じ建物の別の患者にも行った場合（同一建物居住者）は1単位255点です。',
    spec: 'c006-2024.md#c006-1-points-per-unit',
  },
  'C006-2': {
    text: '在宅患者訪問リハビリテーション指導管理料を算定できる患者の条件です。',
    spec: 'c006-2024.md#c006-2-who-may-receive-it',
  },
  'C006-2a': {
    text: '通院困難な在宅の患者が対象で、入院中・短期入所中の日は算定できません。',
    spec: 'c006-2024.md#c006-2-who-may-receive-it',
  },
  'C006-2b': {
    text: '要介護・要支援の認定がある患者は介護保険が優先です（急性増悪の期間を除く）。',
    spec: 'c006-2024.md#c006-2-who-may-receive-it',
  },
  'C006-2c': {
    text: '最後の診療から1か月以内の訪問が必要です。',
    spec: 'c006-2024.md#c006-2-who-may-receive-it',
  },
  'C006-2d': {
    text: '他の医療機関が算定している患者には算定できません。',
    spec: 'c006-2024.md#c006-2-who-may-receive-it',
  },
  'C006-2e': {
    text: '老健の通所リハビリを受けている月は算定できません。',
    spec: 'c006-2024.md#c006-2-who-may-receive-it',
  },
  'C006-3': {
    text: '週（日曜〜土曜）あたりの単位数の上限です。',
    spec: 'c006-2024.md#c006-3-weekly-limit-weeks-run-sundaysaturday',
  },
  'C006-3a': {
    text: '週6単位までです。',
    spec: 'c006-2024.md#c006-3-weekly-limit-weeks-run-sundaysaturday',
  },
  'C006-3b': {
    text: '退院日から3か月以内は週12単位までです。',
    spec: 'c006-2024.md#c006-3-weekly-limit-weeks-run-sundaysaturday',
  },
  'C006-3c': {
    text: '末期がんの患者には週の上限がありません。',
    spec: 'c006-2024.md#c006-3-weekly-limit-weeks-run-sundaysaturday',
  },
  'C006-3d': {
    text: '上限を超えた単位は算定されず、その単位数を返戻として示します。',
    spec: 'c006-2024.md#c006-3-weekly-limit-weeks-run-sundaysaturday',
  },
  'C006-4': {
    text: '急性増悪等による頻回の訪問リハビリテーションです。',
    spec: 'c006-2024.md#c006-4-acute-exacerbation-急性増悪等',
  },
  'C006-4a': {
    text: '急性増悪の診療日から14日以内は、1日4単位まで（最大14日）算定できます。',
    spec: 'c006-2024.md#c006-4-acute-exacerbation-急性増悪等',
  },
  'C006-4b': {
    text: '急性増悪の扱いは6か月に1回までです。',
    spec: 'c006-2024.md#c006-4-acute-exacerbation-急性増悪等',
  },
  'C006-4c': {
    text: '介護保険の認定がある患者も、急性増悪の期間に限り算定できます。',
    spec: 'c006-2024.md#c006-4-acute-exacerbation-急性増悪等',
  },
  'C006-4d': {
    text: '1日4単位を超えた分は算定できません。',
    spec: 'c006-2024.md#c006-4-acute-exacerbation-急性増悪等',
  },
  'C006-5': {
    text: '1点10円で計算し、交通費は実費で保険の外です。',
    spec: 'c006-2024.md#c006-5-money',
  },

  // Money (money.md)
  'M-1': {
    text: '%加算は単位数で計算し、1行ごとに四捨五入します。',
    spec: 'money.md#care-insurance-介護保険',
  },
  'M-2': {
    text: '利用者・サービス種類・月ごとに単位数を合計します。',
    spec: 'money.md#care-insurance-介護保険',
  },
  'M-3': {
    text: '費用総額は合計単位数×単位数単価で、1円未満は切り捨てます。',
    spec: 'money.md#care-insurance-介護保険',
  },
  'M-4': {
    text: '保険請求額は費用総額×給付率（90/80/70%）で、1円未満は切り捨てます。',
    spec: 'money.md#care-insurance-介護保険',
  },
  'M-5': {
    text: '利用者負担額は費用総額から保険請求額を引いた額です。',
    spec: 'money.md#care-insurance-介護保険',
  },
  'M-6': {
    text: '居宅介護支援・介護予防支援に利用者負担はありません。',
    spec: 'money.md#care-insurance-介護保険',
  },
  'M-7': {
    text: '2009年度の算定表には2割・3割負担はありません。',
    spec: 'money.md#care-insurance-介護保険',
  },
  'M-10': {
    text: '医療保険は1点10円です。',
    spec: 'money.md#medical-insurance-医療保険-c006',
  },
  'M-11': {
    text: '一部負担金は総点数×10×負担割合で、10円未満を四捨五入します。',
    spec: 'money.md#medical-insurance-医療保険-c006',
  },
  'M-12': {
    text: '保険者負担は総点数×10から一部負担金を引いた額です。',
    spec: 'money.md#medical-insurance-医療保険-c006',
  },
  'M-13': {
    text: '訪問の交通費は実費で、保険の対象外です。',
    spec: 'money.md#medical-insurance-医療保険-c006',
  },

  // 公費 (docs/kohi.md in this repository, section 2)
  'KOHI-1': {
    text: '保険分を先に計算し、公費は公費表の順（他の法律の公費が先、生活保護は最後）に計算します。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-2': {
    text: '公費は、公費表でそのサービス種類が対象で、提供日に受給者証・介護券が有効なときだけ支払います。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-2b': {
    text: '月の一部の提供日だけに有効な公費は、その日の単位数を公費対象として計算します。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-2c': {
    text: '複数の公費のうち一部の提供日だけに有効なものがある請求は、公費なしで計算します。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-3': {
    text: '公費請求額は公費対象費用×（公費給付率−既に給付した率）で、1円未満は切り捨てます。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-3a': {
    text: '請求の全単位が対象の給付率100%の公費は、保険と先の公費の残り全額を負担します。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-4': {
    text: '生活保護では、介護券の本人支払額（月額）までを本人が支払い、残りを公費が負担します。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-5': {
    text: '指定難病では、他の医療機関等で支払った額と合わせて自己負担上限月額までを本人が支払います。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-6': {
    text: '指定難病では、本人の負担は2割負担の額を超えません。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-7': {
    text: '利用者負担は費用総額から保険請求額と公費請求額を引いた額で、保険・公費・利用者の合計は費用総額に等しくなります。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-8': {
    text: '介護保険の被保険者でない生活保護受給者（被保険者番号がH）は保険分がなく、公費が支払わない請求はできません。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-9': {
    text: '公費負担者番号は8桁（先頭2桁は法別番号、末尾は検証番号）、受給者番号は7桁（末尾は検証番号）です。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-10': {
    text: '同じ法別の公費は、有効期間を重ねずに1件ずつ登録します。',
    spec: 'docs/kohi.md#2-the-rules',
  },
  'KOHI-11': {
    text: '明細書の公費欄には、公費1〜3の番号・給付率・単位数・請求額・本人負担額を記載します。',
    spec: 'docs/kohi.md#7-the-claim-file-kohi-11-kohi-12',
  },
  'KOHI-12': {
    text: '請求書（7111）には法別ごとに公費の件数・単位数・費用・請求額の行を記載します。',
    spec: 'docs/kohi.md#7-the-claim-file-kohi-11-kohi-12',
  },

  contract: {
    text: '入力の形式・算定表の有無など、計算の前提に関する決まりです。',
    spec: 'contract.md',
  },
} as const satisfies Record<string, RuleEntry>;

/** A rule id of the spec: "K24-5b", "C006-3d", "M-1", "contract". */
export type RuleId = keyof typeof registry;

export const rules: Readonly<Record<RuleId, RuleEntry>> = registry;

declare const citation: unique symbol;

/**
 * The `rule` of a line or a refusal, and a rule id in a trace: one or more rule ids separated by a space
 * ("K24-3 K24-4"), as the contract prints them. Made only by `cite`, from typed ids.
 */
export type Citation = string & { readonly [citation]: true };

/** The citation of one or more rule ids, in the given order: cite('K24-3', 'K24-4') → "K24-3 K24-4". */
export function cite(...ids: readonly RuleId[]): Citation {
  return (ids.length === 1 ? ids[0]! : ids.join(' ')) as Citation;
}

export function isRuleId(s: string): s is RuleId {
  return Object.hasOwn(registry, s);
}

/** Rule ids in a `rule` field of the output ("K24-3 H21-8" → ["K24-3", "H21-8"]). */
export function ruleIds(rule: string): string[] {
  return rule.split(/[\s,]+/).filter((s) => s.length > 0);
}

/**
 * The text of a rule id read from an output (a stored claim may cite an id by another name than the
 * registry's): its own, else its parent's (K24-4x → K24-4), else undefined.
 */
export function ruleText(id: string): string | undefined {
  if (isRuleId(id)) return rules[id].text;
  const parent = /^(.*-\d+)[a-z]$/.exec(id)?.[1];
  return parent !== undefined && isRuleId(parent) ? rules[parent].text : undefined;
}

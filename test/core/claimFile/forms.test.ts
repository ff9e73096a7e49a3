// The printed forms come from the claim document, as the CSV does: one sheet for the 請求書 and one per 明細書,
// with the document's numbers (the chromium test, test/web/claimForms.test.ts, prints them).
import { describe, expect, it } from 'vitest';
import { renderClaimForms } from '../../../src/core/claimFile/forms.js';
import { month, okDocument, patient, visit } from './fixtures.js';

const doc = okDocument(
  month(
    [
      patient('P1', 1),
      patient('P2', 2, { care: { level: 'support1', copay: 1, from: '2024-04-01', to: '2025-03-31' } }),
    ],
    [visit('P1', '2024-07-03', 'pharmacist', { additions: ['narcotic'] }), visit('P2', '2024-07-05')],
  ),
);

describe('claim forms (様式第一, 様式第二 / 第二の二) from the claim document', () => {
  const html = renderClaimForms(doc, { patients: { P1: { name: '山田 <一郎>' } } });

  it('one sheet for the 請求書 and one per 明細書, each form by its 様式', () => {
    expect(html.match(/<section class="sheet /g)).toHaveLength(1 + doc.statements.length);
    expect(html.match(/data-form="様式第一"/g)).toHaveLength(1);
    expect(html.match(/data-form="様式第二"/g)).toHaveLength(1);
    expect(html.match(/data-form="様式第二の二"/g)).toHaveLength(1);
    expect(html).toContain('@page { size: A4;');
  });

  it('the 明細 lines of the CSV: code, units, count, days; a name from the records escaped', () => {
    expect(html).toContain('薬剤師居宅療養Ⅱ１・特薬');
    expect(html).toMatch(
      /<span>3<\/span><span>1<\/span><span>1<\/span><span>2<\/span><span>2<\/span><span>4<\/span>/,
    );
    expect(html).toContain('<td class="num">618</td><td class="num">1</td>');
    expect(html).toContain('山田 &#60;一郎&#62;');
    expect(html).not.toContain('<一郎>');
  });
});

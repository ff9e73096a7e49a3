// The bytes of the claim file. claim-file.md "File": MS932 (CP932), CRLF after every line. A file of 7111 /
// 7131 / 7132 holds no names and no kanji — every item is digits, a code or the 摘要's digits and commas —
// so its text is printable ASCII by construction, and for those characters the MS932 bytes are the ASCII
// bytes. The encoder checks that and refuses anything else, rather than carrying an encoding table for
// characters the file never has; the checker (./checker.ts) refuses any other byte in a file it reads.

/** A byte a 31 / 34 claim file may hold: printable ASCII, CR and LF. */
export function isClaimFileByte(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || b === 0x0d || b === 0x0a;
}

const CLAIM_FILE_TEXT = /^[\x20-\x7e\r\n]*$/;

/** The MS932 bytes of the file's text; throws on a character outside printable ASCII, CR and LF. */
export function encodeClaimFileText(text: string): Uint8Array {
  if (!CLAIM_FILE_TEXT.test(text)) {
    let i = 0;
    while (isClaimFileByte(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    throw new RangeError(
      `伝送ファイルに書けない文字 U+${c.toString(16).toUpperCase().padStart(4, '0')} があります（${i + 1}文字目）`,
    );
  }
  return new TextEncoder().encode(text); // ASCII: the UTF-8, ASCII and MS932 bytes are the same
}

/**
 * The text of the bytes, one character per byte (a byte outside ASCII, which the checker reports, becomes
 * some other character and is not read as part of a number).
 */
export function decodeClaimFileBytes(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

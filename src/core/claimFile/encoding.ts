// The bytes of the claim file. claim-file.md "File": MS932 (CP932), CRLF after every line. A file of 7111 /
// 7131 / 7132 holds no names and no kanji — every item is digits, a code or the 摘要's digits and commas —
// so its text is printable ASCII by construction, and for those characters the MS932 bytes are the ASCII
// bytes. The encoder checks that and refuses anything else, rather than carrying an encoding table for
// characters the file never has; the checker (./checker.ts) refuses any other byte in a file it reads.

/** A byte a 31 / 34 claim file may hold: printable ASCII, CR and LF. */
export function isClaimFileByte(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || b === 0x0d || b === 0x0a;
}

/** The MS932 bytes of the file's text; throws on a character outside printable ASCII, CR and LF. */
export function encodeClaimFileText(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isClaimFileByte(c)) {
      throw new RangeError(
        `伝送ファイルに書けない文字 U+${c.toString(16).toUpperCase().padStart(4, '0')} があります（${i + 1}文字目）`,
      );
    }
    bytes[i] = c;
  }
  return bytes;
}

/** The text of bytes that are all claim-file bytes (the checker has checked them). */
export function decodeClaimFileBytes(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(i + CHUNK, bytes.length)));
  }
  return out;
}

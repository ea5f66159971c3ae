import { describe, expect, it } from "vitest";
import { decodeCsv } from "~/domain/csv-encoding";

const polish = "date;time;channel;category;text\n03.12.2026;09:00;x;news;Zażółć gęślą jaźń — ĄĆĘŁŃÓŚŹŻ\n";

/** Windows-1250 bytes of `text`, from the code page's own table (TextDecoder has no encoder). */
function windows1250(text: string): Uint8Array<ArrayBuffer> {
  const table = new Map<string, number>();
  const decoder = new TextDecoder("windows-1250");
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Uint8Array.from([...text].map((char) => {
    const byte = table.get(char);
    if (byte === undefined) throw new Error(`${char} is not in Windows-1250`);
    return byte;
  }));
}

describe("CSV encodings", () => {
  it("reads UTF-8 with and without a BOM", () => {
    expect(decodeCsv(new TextEncoder().encode(polish))).toEqual({ ok: true, text: polish, encoding: "utf-8" });
    expect(decodeCsv(new TextEncoder().encode(`\uFEFF${polish}`))).toMatchObject({ ok: true, text: polish });
  });

  it("reads a Polish Excel file saved as Windows-1250 with its letters intact", () => {
    const decoded = decodeCsv(windows1250(polish));
    expect(decoded).toEqual({ ok: true, text: polish, encoding: "windows-1250" });
    expect(decoded.ok && decoded.text).not.toContain("\uFFFD");
  });

  it("reads UTF-16 with a BOM (Excel's Unicode text)", () => {
    const bytes = new Uint8Array(2 + polish.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < polish.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, polish.charCodeAt(i), true);
    expect(decodeCsv(bytes)).toMatchObject({ ok: true, text: polish, encoding: "utf-16le" });
  });

  it("refuses bytes that are neither, naming the problem", () => {
    const decoded = decodeCsv(Uint8Array.from([0x61, 0x81, 0x98, 0x62]));
    expect(decoded).toMatchObject({ ok: false });
    expect(!decoded.ok && decoded.message).toMatch(/neither UTF-8 nor Windows-1250.*CSV UTF-8/);
  });
});

// Which character encoding a plan spreadsheet is in. Polish Excel saves "CSV" in
// Windows-1250 unless told "CSV UTF-8"; read as UTF-8 such a file loses every Polish letter
// to U+FFFD. UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as they are; a
// file that is not valid UTF-8 is read as Windows-1250 when every byte means a character
// there, and refused with a message naming the problem otherwise.
export type DecodedCsv =
  | { ok: true; text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1250" }
  | { ok: false; message: string };

/** Bytes Windows-1250 leaves undefined (0x81, 0x83, 0x88, 0x90, 0x98) decode to C1 controls. */
const undefinedInWindows1250 = /[\u0080-\u009f]/u;

export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: the Central European Windows code page is what Polish spreadsheets write.
  }
  const text = new TextDecoder("windows-1250").decode(bytes);
  if (undefinedInWindows1250.test(text)) {
    return {
      ok: false,
      message: "The file is neither UTF-8 nor Windows-1250 text, so its letters cannot be read. Save it again as \"CSV UTF-8\" (in Excel: Save As → CSV UTF-8).",
    };
  }
  return { ok: true, text, encoding: "windows-1250" };
}

/** What to tell the person when the file was not UTF-8: a hint to check the letters. */
export function encodingNote(decoded: Extract<DecodedCsv, { ok: true }>): string | null {
  return decoded.encoding === "windows-1250"
    ? "The file is not UTF-8; it was read as Windows-1250 (Central European), as Polish Excel saves it; check that the letters look right."
    : null;
}

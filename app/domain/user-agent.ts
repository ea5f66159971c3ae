// A browser and system name for the sessions list, from a User-Agent header. Rough on
// purpose: it names what a person would recognise ("Firefox on Windows"), nothing more.
export type Device = { browser: string; system: string };

// Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari".
const browsers: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\/\d+/, "Edge"],
  [/OPR\/\d+|Opera/, "Opera"],
  [/SamsungBrowser\/\d+/, "Samsung Internet"],
  [/Firefox\/\d+|FxiOS\/\d+/, "Firefox"],
  [/Chrome\/\d+|CriOS\/\d+|Chromium\/\d+/, "Chrome"],
  [/Version\/[\d.]+.*Safari\/\d+/, "Safari"],
  [/^(curl|Wget|node|undici)/i, "a script"],
];

const systems: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

export function describeUserAgent(userAgent: string | null | undefined): Device | null {
  if (!userAgent) return null;
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser && !system) return null;
  return { browser: browser ?? "A browser", system: system ?? "an unknown system" };
}

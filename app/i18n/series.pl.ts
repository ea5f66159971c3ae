// Serie: powtarzanie w edytorze, daty, które nie istnieją, zasięg zmiany, seria na stronie
// posta, zatrzymanie serii i zmiana strefy czasowej.
import type { Adjustment, Frequency, MissingChoice, Weekday } from "~/domain/series-schedule";
import type { series as en } from "./series.en";

const rules = new Intl.PluralRules("pl");
const plural = (n: number, one: string, few: string, many: string) => {
  const form = rules.select(n);
  return `${new Intl.NumberFormat("pl").format(n)} ${form === "one" ? one : form === "few" ? few : many}`;
};
const formOf = (n: number, one: string, few: string, many: string) => {
  const form = rules.select(n);
  return form === "one" ? one : form === "few" ? few : many;
};
const dayNames: Record<Weekday, string> = { MO: "poniedziałek", TU: "wtorek", WE: "środę", TH: "czwartek", FR: "piątek", SA: "sobotę", SU: "niedzielę" };
const list = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} i ${items.at(-1)}`);
const period = (freq: Frequency, n: number) => {
  if (freq === "daily") return n === 1 ? "codziennie" : `co ${n} dni`;
  if (freq === "weekly") return n === 1 ? "co tydzień" : `co ${plural(n, "tydzień", "tygodnie", "tygodni")}`;
  if (freq === "monthly") return n === 1 ? "co miesiąc" : `co ${plural(n, "miesiąc", "miesiące", "miesięcy")}`;
  return n === 1 ? "co roku" : `co ${plural(n, "rok", "lata", "lat")}`;
};

export const series: typeof en = {
  missingLabel: "Gdy data lub godzina nie istnieje (29 lutego, 31., godzina pominięta przy zmianie czasu)",
  missing: {
    skip: "Pomiń ją (i powiedz, które daty)",
    "last-day": "Użyj ostatniego dnia miesiąca (albo godziny po zmianie czasu)",
    "next-valid": "Użyj najbliższego istniejącego dnia (albo godziny po zmianie czasu)",
  } satisfies Record<MissingChoice, string>,
  adjustment: {
    "last-day": (key: string) => `${key} nie istnieje: w ostatni dzień miesiąca`,
    "next-day": (key: string) => `${key} nie istnieje: następnego dnia`,
    "after-clock-change": () => "tego dnia zegary pomijają tę godzinę: po zmianie czasu",
    "first-of-two": () => "tego dnia ta godzina występuje dwa razy: za pierwszym razem",
  } satisfies Record<Adjustment, (key: string) => string>,
  skipped: (key, reason) => (reason === "no-such-day" ? `${key}: nie ma takiego dnia, pominięte` : `${key}: zegary pomijają tę godzinę, pominięte`),
  nextDates: "Najbliższe terminy:",
  noDates: "To powtarzanie nie wskazuje żadnej istniejącej daty.",
  ended: "Brak dalszych terminów.",
  scopeLegend: "Zastosuj zmiany do",
  scope: { this: "Tylko tego posta", following: "Tego i następnych postów", all: "Wszystkich postów serii" },
  scopeHint: "Opublikowane posty nigdy się nie zmieniają.",
  alternatesLabel: (channel) => `Kolejne teksty dla ${channel}, używane po kolei po tym`,
  alternatesHint: "Każdy termin serii bierze następny tekst, więc dwa kolejne terminy nie mówią tych samych słów (X, LinkedIn i Facebook odrzucają powtórzenia).",
  alternate: (n) => `Tekst ${n + 1}`,
  addAlternate: "Dodaj tekst",
  rule: (freq, interval, byWeekday, anchor, time) => {
    const on =
      freq === "weekly" ? ` ${byWeekday[0] === "TU" ? "we" : "w"} ${list(byWeekday.map((d) => dayNames[d])) || "ten sam dzień tygodnia"}` : freq === "monthly" ? `, ${anchor.day}. dnia miesiąca` : freq === "yearly" ? `, ${anchor.dayMonth}` : "";
    return `Powtarza się ${period(freq, interval)}${on} o ${time}`;
  },
  until: (date) => `do ${date}`,
  times: (n) => plural(n, "raz", "razy", "razy"),
  zoneOfSeries: (zone) => `według czasu ${zone}`,
  number: (n) => `Post nr ${n} serii`,
  movedFrom: (key) => `przeniesiony ze swojego terminu ${key}`,
  stoppedFrom: (date) => `Zatrzymana od ${date}.`,
  stopHeading: "Zatrzymaj serię",
  stopFrom: "Od (pierwszy termin, który ma już się nie pojawić)",
  stopButton: "Zatrzymaj serię",
  stopHint: "Posty od tej daty, które jeszcze nie wyszły, znikają z planu; opublikowane zostają.",
  stopped: (from, removed) => `Seria kończy się od ${from}: z planu ${formOf(removed, "zniknął", "zniknęły", "zniknęło")} ${plural(removed, "późniejszy post", "późniejsze posty", "późniejszych postów")}.`,
  keptBack: (n) => `${plural(n, "post został", "posty zostały", "postów zostało")} bez zmian: już wychodzą albo nie możesz ich zmienić.`,
  report: (updated, removed) =>
    [updated ? `Zmiana objęła też ${plural(updated, "inny post", "inne posty", "innych postów")} serii.` : "", removed ? `Z planu ${formOf(removed, "zniknął", "zniknęły", "zniknęło")} ${plural(removed, "post", "posty", "postów")}, których seria już nie obejmuje.` : ""]
      .filter(Boolean)
      .join(" "),
};

// „Wszystkie moje marki”: tydzień jednej osoby we wszystkich jej przestrzeniach i
// wstrzymywanie kilku marek naraz.
import type { BulkPauseOutcome } from "~/domain/all-brands";
import type { allBrands as english } from "./all-brands.en";

const rules = new Intl.PluralRules("pl");
const plural = (n: number, one: string, few: string, many: string) => {
  const form = rules.select(n);
  return `${new Intl.NumberFormat("pl").format(n)} ${form === "one" ? one : form === "few" ? few : many}`;
};

export const allBrands: typeof english = {
  nav: "Wszystkie moje marki",
  title: "Wszystkie moje marki",
  intro: (zone: string) => `Twój tydzień we wszystkich markach, do których należysz. Każda godzina jest podana w strefie marki i w Twojej (${zone}).`,
  zoneUnknown: "Twoja strefa czasowa nie jest jeszcze znana: Twoje godziny są w UTC, dopóki strona nie zapyta przeglądarki.",
  week: (from: string, to: string) => `${from} – ${to}`,
  previous: "Poprzedni tydzień",
  next: "Następny tydzień",
  thisWeek: "Ten tydzień",
  views: "Widok",
  view: { week: "Tydzień", list: "Lista" },
  filters: "Filtry",
  brands: "Marki",
  state: "Stan",
  channel: "Kanał",
  any: "Dowolny",
  apply: "Pokaż",
  showAll: "Pokaż wszystko",
  legendHint: "Każda marka ma swój kolor; zaznacz marki, aby pokazać tylko je.",
  role: (role: string) => `Ty: ${role}`,
  paused: "wstrzymana",
  twoFactorFirst: "włącz logowanie dwuetapowe, aby ją zobaczyć",
  time: (brandTime: string, city: string, yourTime: string) => `${brandTime} ${city} · ${yourTime} u Ciebie`,
  noChannel: "bez kanału",
  nothing: "Nic nie zaplanowano",
  nothingThisWeek: "W pokazanych markach nic nie zaplanowano w tym tygodniu.",
  more: (n: number) => `+${plural(n, "post więcej", "posty więcej", "postów więcej")}: zaznacz mniej marek, aby je zobaczyć`,
  noBrands: "Nie należysz jeszcze do żadnej marki.",
  calendar: "Tydzień wszystkich marek",
  day: (date: string, n: number) => `${date}, ${plural(n, "post", "posty", "postów")}`,
  pause: {
    heading: "Wstrzymaj lub wznów kilka marek",
    intro: "Publikowanie zatrzymuje się od razu w każdej wstrzymanej marce, tak jak na jej własnej stronie wstrzymania; członkowie każdej marki dostają powiadomienie.",
    choose: "Marki do wstrzymania lub wznowienia",
    notAllowed: (role: string) => `jako ${role} nie możesz jej wstrzymać`,
    twoFactorFirst: "najpierw włącz logowanie dwuetapowe",
    reason: "Powód (przy wstrzymaniu)",
    pause: "Wstrzymaj wybrane marki",
    resume: "Wznów wybrane marki",
    none: "Nie możesz wstrzymać żadnej ze swoich marek.",
    outcomes: "Co się stało",
    outcome: {
      paused: "publikowanie wstrzymane",
      resumed: "publikowanie wznowione",
      "already-paused": "już była wstrzymana: nic się nie zmieniło",
      "not-paused": "nie była wstrzymana: nic się nie zmieniło",
      "not-allowed": "odmowa: Twoja rola w tej marce nie pozwala wstrzymać",
      "two-factor-first": "odmowa: najpierw włącz logowanie dwuetapowe",
      "not-a-member": "odmowa: to nie jest Twoja marka",
    } satisfies Record<BulkPauseOutcome, string>,
    unknownBrand: "Marka, do której nie należysz",
    overdue: "Zdecyduj o zaległych postach",
  },
};

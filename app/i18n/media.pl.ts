// Biblioteka mediów i przesyłanie: strona, przesyłanie (postęp, przeciąganie, wklejanie),
// tekst alternatywny i usuwanie elementu, którego używają posty.
import type { media as en } from "./media.en";

const rules = new Intl.PluralRules("pl");
const plural = (n: number, one: string, few: string, many: string) => {
  const form = rules.select(n);
  return `${new Intl.NumberFormat("pl").format(n)} ${form === "one" ? one : form === "few" ? few : many}`;
};

export const media: typeof en = {
  nav: "Media",
  title: "Biblioteka mediów",
  intro: "Zdjęcia i filmy do postów tej przestrzeni. Każde potrzebuje tekstu alternatywnego: tego, co ma usłyszeć osoba, która go nie widzi.",
  empty: "Nie ma jeszcze mediów. Prześlij zdjęcie lub film.",
  upload: {
    choose: "Wybierz pliki",
    drop: "Upuść tu zdjęcia lub filmy, wklej je albo wybierz pliki.",
    accepted: "JPEG, PNG, WebP, GIF, MP4 lub MOV.",
    uploading: (name) => `Przesyłanie: ${name}`,
    done: (name) => `Przesłano ${name}.`,
    failed: (name, why) => `Nie przesłano ${name}: ${why}`,
    network: "połączenie zostało przerwane.",
  },
  kind: { IMAGE: "zdjęcie", GIF: "GIF", VIDEO: "film" },
  size: (bytes) => (bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} kB` : `${new Intl.NumberFormat("pl", { maximumFractionDigits: 1 }).format(bytes / 1_000_000)} MB`),
  dimensions: (width, height) => `${width} × ${height}`,
  alt: {
    label: "Tekst alternatywny",
    hint: "Opisz w zdaniu lub dwóch, co na zdjęciu jest ważne.",
    missing: "Brak tekstu alternatywnego",
    save: "Zapisz tekst alternatywny",
    saved: "Zapisano tekst alternatywny.",
  },
  usedBy: (n) => (n ? `Używany w ${plural(n, "poście", "postach", "postach")}` : "Nieużywany w żadnym poście"),
  unused: "Nieużywany w żadnym poście.",
  delete: {
    button: "Usuń",
    confirm: "Usuń mimo to",
    inUse: (n) => `${n === 1 ? "Tego elementu używa 1 zaplanowany post" : `Tego elementu używa ${plural(n, "zaplanowany post", "zaplanowane posty", "zaplanowanych postów")}`}. Usunięcie go zabierze go z nich; zostaną wysłane bez niego.`,
    deleted: (name) => `Usunięto ${name}.`,
  },
  notFound: "Tego elementu nie ma w bibliotece tej przestrzeni.",
  editor: {
    heading: "Zdjęcia i filmy",
    none: "Jeszcze żadnych.",
    pick: "Wybierz z biblioteki",
    add: (name) => `Dodaj ${name}`,
    libraryEmpty: "Biblioteka jest pusta.",
    allAttached: "Wszystko z biblioteki jest już dołączone.",
    remove: "Usuń",
    earlier: "Przesuń wcześniej",
    item: (n, name) => `Element ${n}: ${name}`,
  },
};

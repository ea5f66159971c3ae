// Podłączanie kanałów bez OAuth (decyzja 0036): Bluesky z nazwą konta i hasłem aplikacji oraz
// webhook Rytmu z sekretem do podpisów, który Rytm tworzy i pokazuje raz.
import type { signIn as en } from "./sign-in.en";

export const signIn: typeof en = {
  bluesky: {
    link: "Zaloguj się do Bluesky",
    heading: "Logowanie do Bluesky",
    reconnecting: (name: string) => `Ponowne logowanie kanału ${name}: wstrzymane posty wyjdą o swojej porze.`,
    intro: "Rytm loguje się hasłem aplikacji, nigdy hasłem do konta. Rytm przechowuje sesję, nie hasło, i sam ją odnawia.",
    howTo: "Utwórz je w Bluesky: Ustawienia → Prywatność i bezpieczeństwo → Hasła aplikacji → Dodaj hasło aplikacji. Usunięcie go tam odłącza Rytm.",
    handle: "Nazwa konta (nazwa.bsky.social albo własna domena)",
    password: "Hasło aplikacji (xxxx-xxxx-xxxx-xxxx)",
    submit: "Zaloguj",
    failed: {
      identifier: "Wpisz nazwę konta jako nazwa.bsky.social (albo własną domenę) lub identyfikator DID.",
      identity: "Żadne konto Bluesky nie ma takiej nazwy. Sprawdź pisownię.",
      password: "Bluesky nie przyjął nazwy konta albo hasła aplikacji. Sprawdź oba; hasło aplikacji wygląda tak: xxxx-xxxx-xxxx-xxxx.",
      "two-factor": "To konto wymaga kodu logowania: użyj hasła aplikacji zamiast hasła do konta.",
      refused: "Bluesky nie pozwala temu kontu się zalogować (może być zawieszone lub dezaktywowane).",
      "rate-limited": "Na razie za dużo logowań na to konto (Bluesky pozwala na 30 w ciągu 5 minut). Spróbuj za kilka minut.",
      unreachable: "Nie udało się połączyć z Bluesky. Spróbuj za chwilę.",
    },
  },
  webhook: {
    link: "Dodaj webhook",
    heading: "Nowy webhook",
    intro: "Rytm wysyła każdy post jako podpisane żądanie JSON (Standard Webhooks) pod podany adres; Twój serwer sprawdza podpis sekretem, który tworzy Rytm.",
    url: "Adres odbiorcy (https://…)",
    submit: "Utwórz webhook",
    secretHeading: "Sekret do podpisów",
    secretOnce: "Skopiuj go teraz i zapisz tam, skąd czyta go Twój serwer: Rytm pokazuje go tylko ten jeden raz (przechowuje go zaszyfrowany). Zgubiony? Wygeneruj nowy na stronie kanału.",
    secretLabel: "Sekret do podpisów",
    copy: "Kopiuj",
    copied: "Skopiowano.",
    created: (name: string) => `Kanał webhook ${name} jest gotowy.`,
    rotateHeading: "Sekret do podpisów",
    rotateHelp: "Nowy sekret działa od razu: od teraz nim są podpisywane wysyłki, a stary przestaje działać.",
    rotate: "Wygeneruj nowy sekret",
    rotated: "Od teraz wysyłki podpisuje nowy sekret.",
  },
};

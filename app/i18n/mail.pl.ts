// Wiadomości, które wysyła Rytm, po polsku. Same keys and shapes as mail.en.ts.
import type { mail as en } from "./mail.en";

export const mail: typeof en = {
  signOff: "— Rytm",
  signUp: {
    subject: "Dokończ zakładanie konta w Rytm",
    before: "Ktoś, prawdopodobnie Ty, poprosił o założenie konta w Rytm dla tego adresu. Otwórz ten link w ciągu 24 godzin, aby podać imię i ustawić hasło:",
    after: "Jeśli to nie Ty, zignoruj tę wiadomość: bez linku konto nie powstanie.",
  },
  signUpExisting: {
    subject: "Ktoś próbował założyć konto na Twój adres",
    before: (email: string) => `Ktoś poprosił o założenie konta w Rytm dla adresu ${email}, ale masz już konto. Jeśli to Ty, zaloguj się tutaj:`,
    reset: "Nie pamiętasz hasła? Ustaw nowe tutaj:",
    after: "Jeśli to nie Ty, zignoruj tę wiadomość: nic się nie zmieniło.",
  },
  passwordReset: {
    subject: "Zresetuj hasło w Rytm",
    before: "Ktoś, prawdopodobnie Ty, poprosił o zresetowanie hasła do Twojego konta w Rytm. Otwórz ten link w ciągu godziny, aby ustawić nowe; działa tylko raz:",
    after: "Jeśli to nie Ty, zignoruj tę wiadomość: Twoje hasło się nie zmieni.",
  },
  passwordChanged: {
    subject: "Hasło do Rytm zostało zmienione",
    before: (email: string) => `Hasło do Twojego konta w Rytm (${email}) zostało właśnie zmienione, a wszystkie pozostałe sesje wylogowane.`,
    after: "Jeśli to nie Ty, od razu zresetuj hasło:",
  },
  twoFactorOn: {
    subject: "Logowanie dwuskładnikowe jest włączone",
    before: (email: string) => `Dla Twojego konta w Rytm (${email}) właśnie włączono logowanie dwuskładnikowe. Przy logowaniu trzeba teraz podać też kod z aplikacji uwierzytelniającej.`,
    after: "Jeśli to nie Ty, od razu zresetuj hasło:",
  },
  twoFactorOff: {
    subject: "Logowanie dwuskładnikowe jest wyłączone",
    before: (email: string) => `Dla Twojego konta w Rytm (${email}) właśnie wyłączono logowanie dwuskładnikowe.`,
    after: "Jeśli to nie Ty, od razu zresetuj hasło i włącz je ponownie:",
  },
};

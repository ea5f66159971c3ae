// Powiadomienia po polsku. Same keys and shapes as notifications.en.ts. Sentences avoid the
// actor's grammatical gender ("przesłane przez: Marek"), which Rytm does not know.
import type { ClientState } from "~/domain/client-view";
import type { DeliveryChoice, EventData, NotificationKind } from "~/domain/notifications";
import type { notifications as en } from "./notifications.en";

const rules = new Intl.PluralRules("pl");
const count = (n: number, one: string, few: string, many: string) => {
  const form = rules.select(n);
  return `${new Intl.NumberFormat("pl").format(n)} ${form === "one" ? one : form === "few" ? few : many}`;
};
const formOf = (n: number, one: string, few: string, many: string) => {
  const form = rules.select(n);
  return form === "one" ? one : form === "few" ? few : many;
};
const quote = (title?: string) => `„${title ?? "post"}”`;
const said = (comment?: string) => (comment ? `: „${comment}”` : ".");

const line = (kind: NotificationKind, d: EventData, workspace: string, when: (iso: string) => string): string => {
  switch (kind) {
    case "review-requested":
      return `Post ${quote(d.title)} czeka na Twoje zatwierdzenie${d.at ? ` do ${when(d.at)}` : ""} (przesłany przez: ${d.actorName ?? "ktoś"}).`;
    case "approved":
      return `Post ${quote(d.title)} zatwierdzony przez: ${d.actorName ?? "ktoś"}${d.approvals && d.approvals.need > 1 ? ` (${d.approvals.have} z ${d.approvals.need})` : ""}${d.scheduled ? "; jest w harmonogramie" : ""}.`;
    case "changes-requested":
      return `Prośba o zmiany w poście ${quote(d.title)} od: ${d.actorName ?? "ktoś"}${said(d.comment)}`;
    case "client-decision":
      return d.decision === "approve"
        ? `Klient (${d.clientName ?? "?"}) — zatwierdzenie posta ${quote(d.title)}${d.scheduled ? "; jest w harmonogramie" : ""}.`
        : `Klient (${d.clientName ?? "?"}) — prośba o zmiany w poście ${quote(d.title)}${said(d.comment)}`;
    case "publish-failed":
      return `Post ${quote(d.title)} nie został opublikowany w kanale ${d.channelName ?? "?"}: ${d.reason ?? "sieć go odrzuciła"}`;
    case "publish-unknown":
      return `Czy post ${quote(d.title)} wyszedł w kanale ${d.channelName ?? "?"}? Odpowiedź sieci przepadła; sprawdź i zdecyduj.`;
    case "publish-held":
      return `Post ${quote(d.title)} wstrzymany w kanale ${d.channelName ?? "?"}: plan się zmienił i post łamie teraz regułę blokującą.`;
    case "channel-needs-reconnect":
      return `Kanał ${d.channelName ?? "?"} trzeba połączyć ponownie${d.reason ? `: ${d.reason}` : ""}. Jego posty do tego czasu czekają.`;
    case "publishing-paused":
      return `Publikowanie w ${workspace} wstrzymane (przez: ${d.actorName ?? "ktoś"})${d.reason ? `: ${d.reason}` : ""}.`;
    case "publishing-resumed":
      return `Publikowanie w ${workspace} wznowione (przez: ${d.actorName ?? "ktoś"}).${d.held ? ` ${count(d.held, "post, którego czas minął w przerwie, czeka", "posty, których czas minął w przerwie, czekają", "postów, których czas minął w przerwie, czeka")} na decyzję.` : ""}`;
    case "mention":
      return `Wzmianka o Tobie przy poście ${quote(d.title)} (${d.actorName ?? "ktoś"})${said(d.comment)}`;
    case "approval-reminder":
      return `Przypomnienie: post ${quote(d.title)} trzeba zatwierdzić do ${d.at ? when(d.at) : "jego terminu"}, żeby wyszedł na czas.`;
    case "approval-expired":
      return `Post ${quote(d.title)} nie wyszedł${d.at ? ` ${when(d.at)}` : ""}: nie został zatwierdzony na czas. Ustaw nowy termin.`;
  }
};

const kinds: Record<NotificationKind, string> = {
  "review-requested": "Post czeka na moje zatwierdzenie",
  approved: "Mój post został zatwierdzony",
  "changes-requested": "Ktoś prosi o zmiany w moim poście",
  "client-decision": "Klient podjął decyzję o poście",
  "publish-failed": "Publikacja posta się nie udała",
  "publish-unknown": "Nie wiadomo, czy post wyszedł",
  "publish-held": "Reguły wstrzymały post",
  "channel-needs-reconnect": "Kanał trzeba połączyć ponownie",
  "publishing-paused": "Publikowanie wstrzymano",
  "publishing-resumed": "Publikowanie wznowiono",
  mention: "Ktoś o mnie wspomniał",
  "approval-reminder": "Przypomnienie przed terminem zatwierdzenia",
  "approval-expired": "Post minął swój termin bez zatwierdzenia",
};

const choices: Record<DeliveryChoice, string> = { "in-app": "Tylko w Rytm", email: "E-mail od razu", digest: "Dzienne podsumowanie", off: "Nic" };

const clientStates: Record<ClientState, string> = {
  "awaiting-you": "Czeka na Twoje zatwierdzenie",
  "you-approved": "Zatwierdzone przez Ciebie; zespół może potrzebować jeszcze innych zatwierdzeń",
  "changes-asked": "Poproszono o zmiany; zespół go poprawia",
  approved: "Zatwierdzony",
  "on-its-way": "Zatwierdzony i zaplanowany do publikacji",
  published: "Opublikowany",
  "with-the-team": "W rękach zespołu",
};

export const notifications: typeof en = {
  line,
  kinds,
  choices,
  bell: (n: number) => (n ? `Powiadomienia: ${count(n, "nieprzeczytane", "nieprzeczytane", "nieprzeczytanych")}` : "Powiadomienia"),
  page: {
    title: "Powiadomienia",
    heading: "Powiadomienia",
    none: "Na razie nic. Gdy post będzie czekał na Ciebie, zostanie zatwierdzony, nie wyjdzie albo ktoś o Tobie wspomni, zobaczysz to tutaj.",
    markAll: "Oznacz wszystkie jako przeczytane",
    markRead: "Oznacz jako przeczytane",
    open: "Otwórz",
    unread: "nieprzeczytane",
    settings: "Wybierz, o czym i jak dostajesz powiadomienia",
    marked: (n: number) => `${count(n, "powiadomienie oznaczone", "powiadomienia oznaczone", "powiadomień oznaczonych")} jako przeczytane.`,
    back: "Wróć",
  },
  settings: {
    title: "Powiadomienia",
    menu: "Powiadomienia",
    heading: "O czym i jak dostajesz powiadomienia",
    intro: "Dla każdego rodzaju: tylko w Rytm (dzwonek), także e-mailem od razu, w jednym dziennym podsumowaniu albo wcale. E-maile przychodzą na adres Twojego konta, w Twoim języku.",
    kind: "Gdy…",
    how: "Jak",
    digestHour: "Dzienne podsumowanie o godzinie",
    timeZone: "w strefie czasowej",
    save: "Zapisz",
    saved: "Zapisano.",
  },
  mail: {
    open: "Otwórz w Rytm:",
    why: (workspace: string) => `Dostajesz tę wiadomość, bo należysz do przestrzeni ${workspace} w Rytm.`,
    change: "Wybierz, o czym dostajesz powiadomienia, albo wyłącz te e-maile:",
    digestSubject: (n: number) => `Rytm: ${count(n, "powiadomienie", "powiadomienia", "powiadomień")} z ostatniej doby`,
    digestIntro: (n: number) => `Od ostatniego podsumowania ${formOf(n, "wydarzyła się", "wydarzyły się", "wydarzyło się")} ${count(n, "rzecz", "rzeczy", "rzeczy")}:`,
    clientSubject: (workspace: string) => `${workspace}: posty czekają na Twoje zatwierdzenie`,
    clientReminderSubject: (workspace: string) => `${workspace}: post wkrótce potrzebuje Twojego zatwierdzenia`,
    clientAwaits: (title: string, when: string) => `Post „${title}”, zaplanowany na ${when}, czeka na Twoje zatwierdzenie.`,
    clientReminder: (title: string, when: string) => `Przypomnienie: post „${title}” trzeba zatwierdzić do ${when}, żeby wyszedł na czas.`,
    clientOpen: "Zobacz, jak będzie wyglądał, i zatwierdź albo poproś o zmiany:",
    clientWhy: (workspace: string) => `Dostajesz tę wiadomość, bo ${workspace} prosi Cię w Rytm o zatwierdzanie postów.`,
    clientStop: "Wyłącz te e-maile:",
  },
  unsubscribe: {
    title: "Wyłącz e-maile",
    heading: "Wyłączyć te e-maile?",
    kind: (kind: string) => `Nie będziesz już dostawać e-maili w sprawie: ${kind}. Powiadomienia zostaną w dzwonku w Rytm.`,
    client: (workspace: string) => `Nie będziesz już dostawać e-maili od ${workspace} o postach czekających na Twoje zatwierdzenie.`,
    confirm: "Wyłącz",
    done: "Gotowe: te e-maile są wyłączone.",
    invalid: "Ten link jest nieprawidłowy.",
  },
  deadline: {
    needsBy: (when: string) => `Trzeba zatwierdzić do ${when}, żeby wyszedł na czas.`,
    passed: (when: string) => `Jego termin (${when}) minął przed zatwierdzeniem: post nie wyjdzie. Ustaw nowy termin.`,
  },
  expired: {
    nav: "Przeterminowane",
    title: "Przeterminowane zatwierdzenia",
    heading: "Przeterminowane zatwierdzenia",
    intro: "Posty, których termin minął, zanim je zatwierdzono. Żaden z nich nie wyszedł; ustaw każdemu nowy termin (zachowa zatwierdzenia, jeśli przestrzeń na to pozwala) albo go anuluj.",
    none: "Żaden post nie minął terminu z braku zatwierdzenia.",
    was: (when: string) => `Był zaplanowany na ${when}`,
    awaiting: (have: number, need: number) => `zatwierdzenia: ${have} z ${need}`,
    lateApproval: "zatwierdzony po terminie",
    newTime: "Nowy termin",
    reschedule: "Przełóż",
    tomorrow: "Jutro o tej samej porze",
    cancel: "Anuluj post",
    rescheduled: (title: string, when: string) => `Post „${title}” ma teraz termin ${when}.`,
    cancelled: (title: string) => `Post „${title}” anulowany.`,
  },
  confirm: {
    approved: (scheduled: boolean, when: string | null) => (scheduled && when ? `Zatwierdzono. Post wyjdzie ${when}.` : "Zatwierdzono. Autor dostanie powiadomienie."),
    approvedWaiting: (missing: number) => `Zatwierdzono. Potrzeba jeszcze ${count(missing, "zatwierdzenia", "zatwierdzeń", "zatwierdzeń")}.`,
    changesRequested: "Poproszono o zmiany. Autor dostanie powiadomienie.",
    submitted: "Przesłano do zatwierdzenia. Zatwierdzający dostaną powiadomienie.",
  },
  client: {
    state: clientStates,
    whoHeading: "Kim jesteś?",
    whoIntro: "Twoje imię trafi do Twoich decyzji, żeby zespół wiedział, kto zatwierdził. Pytamy o nie raz na tym urządzeniu.",
    whoSave: "Dalej",
    signedAs: (name: string) => `Decydujesz jako ${name}.`,
    notYou: "To nie Ty?",
    approveAll: (n: number) => `Zatwierdź ${formOf(n, "widoczny", "wszystkie widoczne", "wszystkie widoczne")} ${count(n, "post", "posty", "postów")}`,
    approvedAll: (n: number, refused: number) =>
      `${count(n, "post zatwierdzony", "posty zatwierdzone", "postów zatwierdzonych")}.${refused ? ` ${count(refused, "posta", "postów", "postów")} nie udało się zatwierdzić: zobacz przy każdym.` : ""}`,
    approvedOne: "Zatwierdzono — dziękujemy.",
    changesOne: "Prośba o zmiany trafiła do zespołu.",
    comments: "Komentarze zespołu",
    you: (name: string) => `${name} (Ty)`,
    needsBy: (when: string) => `Prosimy o decyzję do ${when}.`,
    noDecision: "Teraz nie można podjąć decyzji o tym poście.",
  },
  share: {
    copy: "Kopiuj",
    copied: "Skopiowano",
    linkLabel: "Link dla klienta",
    clientEmail: "E-mail klienta (opcjonalnie: dostanie wiadomość, gdy posty będą czekać na zatwierdzenie, i przypomnienie przed terminem)",
    clientLocale: "Język e-maili do klienta",
    emailSaved: "Zapisano.",
    setEmail: "Zapisz e-mail",
    mailed: (email: string) => `Wiadomości idą na ${email}.`,
    oldLink: "Utworzony, zanim linki dało się pokazać ponownie: utwórz nowy, żeby go skopiować.",
  },
  feed: {
    linkLabel: "Adres kanału kalendarza",
    howTo: "W Kalendarzu Google: Inne kalendarze → + → Z adresu URL, i wklej ten adres. Kalendarz Apple i Outlook subskrybują go tak samo.",
  },
  chat: {
    heading: "Czat zespołu",
    intro: "Wklej adres przychodzącego webhooka Slacka albo Microsoft Teams: powiadomienia przestrzeni będą trafiać także tam.",
    url: "Adres przychodzącego webhooka",
    format: "Format",
    formats: { slack: "Slack (lub zgodny: Mattermost, Rocket.Chat)", teams: "Microsoft Teams (Workflows)" },
    save: "Zapisz",
    remove: "Usuń",
    on: (format: string) => `Powiadomienia trafiają na czat zespołu (${format}).`,
    off: "Nie ma jeszcze czatu zespołu.",
    saved: "Zapisano.",
  },
  reminderHours: "Przypominaj zatwierdzającym tyle godzin przed terminem zatwierdzenia posta (0: nigdy)",
  visibleToClient: "Widoczny dla klienta",
  shownToClient: "widoczny dla klienta",
};

import type { calendarMoves as en } from "./calendar-moves.en";

export const calendarMoves: typeof en = {
  roleDescription: "post do przeniesienia",
  handle: (title, when) => `Przenieś „${title}”, ${when}`,
  instructions:
    "Aby przenieść post, naciśnij Spację lub Enter na jego uchwycie. Strzałki przesuwają go o dzień w lewo lub w prawo; w siatce tygodnia w górę i w dół o 15 minut (z Shiftem o godzinę), w miesiącu o tydzień. Spacja lub Enter upuszcza go w tym miejscu, Escape zostawia go tam, gdzie był.",
  lifted: (title, when) => `Podniesiono „${title}”, ${when}. Strzałki go przesuwają, Spacja lub Enter upuszcza, Escape anuluje.`,
  over: (when) => `Na ${when}.`,
  dropped: (title, when) => `Upuszczono „${title}” na ${when}.`,
  cancelled: (title) => `Anulowano przenoszenie „${title}”; został tam, gdzie był.`,
  afterClockChange: (when, asked) => `${when} (tego dnia zegary pomijają ${asked})`,
  firstOfTwo: (when) => `${when} (pierwsza z dwóch, przed cofnięciem zegarów)`,
  hours: "Godziny",
  now: (time) => `Teraz, ${time}`,
  skipped: "Zegary pomijają tę godzinę",
  weekGrid: "Tydzień godzina po godzinie",
};

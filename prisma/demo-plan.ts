// The demo's content: what a Warsaw city museum and a New York coffee roaster plan for the
// next four weeks, each idea written anew for each network (as the mix rules ask), with a
// week of published history before it. Clean under the default rules, except the drafts
// titled "Przykład:" / "Example:", which show what a violation and its explanation look like.
import type { NetworkKind } from "../app/channels/networks.ts";

export type DemoStatus = "PUBLISHED" | "APPROVED" | "IN_REVIEW" | "DRAFT" | "CHANGES_REQUESTED";
export type DemoPost = {
  /** Which planning slot: 1 is the first slot after today, negative ones are past. */
  slot: number;
  /** A fixed local time; otherwise the brand's usual times in turn. */
  time?: string;
  title: string;
  category: string;
  status: DemoStatus;
  campaignTag?: string;
  texts: Partial<Record<NetworkKind, string>>;
  media?: Partial<Record<NetworkKind, string[]>>;
  /** A request for changes left by the approver. */
  changes?: string;
};

export const museumPlan: DemoPost[] = [
  {
    slot: -4,
    title: "Mapa miasta z 1912 roku",
    category: "educational",
    status: "PUBLISHED",
    texts: {
      facebook: "Mapa miasta z 1912 roku wróciła z konserwacji. Widać na niej tory tramwaju konnego, których dziś nikt nie pamięta.",
      mastodon: "Zdigitalizowaliśmy mapę miasta z 1912 roku. Skan w wysokiej rozdzielczości jest już w naszym katalogu online.",
    },
  },
  {
    slot: -3,
    title: "Nowy nabytek: album fotografa",
    category: "news",
    status: "PUBLISHED",
    texts: {
      linkedin: "Do naszych zbiorów trafił album fotograficzny Józefa Lipskiego, dokumentujący pracę drukarni przy ul. Piwnej w latach 30.",
      x: "Nowy nabytek: album Józefa Lipskiego ze zdjęciami drukarni przy Piwnej. Pierwsze skany w przyszłym tygodniu.",
    },
  },
  {
    slot: -2,
    title: "Podziękowania dla wolontariuszy",
    category: "behind-the-scenes",
    status: "PUBLISHED",
    texts: {
      facebook: "Dziękujemy 23 wolontariuszom, którzy w sobotę pomogli opisać ponad 400 pocztówek. Bez Was katalog rósłby latami!",
      linkedin: "Sobotni maraton opisywania pocztówek: 23 wolontariuszy, ponad 400 opisanych obiektów. Dziękujemy za wspólną pracę.",
    },
  },
  {
    slot: -1,
    title: "Pytanie o stare szyldy",
    category: "engagement",
    status: "PUBLISHED",
    texts: {
      x: "Pamiętacie szyldy sklepów z waszej ulicy sprzed lat? Zbieramy wspomnienia do nowego projektu.",
      mastodon: "Zbieramy wspomnienia o dawnych szyldach sklepów. Który najbardziej utkwił wam w pamięci?",
    },
  },
  {
    slot: 1,
    title: "Ten dzień 80 lat temu",
    category: "educational",
    status: "APPROVED",
    campaignTag: "pamiec-miasta",
    texts: {
      facebook: "Ten dzień 80 lat temu: jak wyglądała ulica Długa o świcie? Opowiadamy na podstawie relacji świadków zebranych przez nasz dział historii mówionej.",
      x: "80 lat temu, o świcie, na Długiej… Wątek z relacjami świadków 🧵",
      mastodon: "Relacje świadków sprzed 80 lat: ulica Długa o świcie. Pełne nagrania w archiwum historii mówionej.",
    },
  },
  {
    slot: 2,
    title: "Za kulisami konserwacji",
    category: "behind-the-scenes",
    status: "APPROVED",
    texts: {
      facebook: "Zajrzyjcie do pracowni konserwatorskiej: tak ratujemy jedwabny sztandar z 1863 roku. Każdy centymetr to kilka godzin pracy.",
      linkedin: "Jak wygląda praca konserwatorki tkanin? Rozmowa z Anną Wróbel o ratowaniu sztandaru z 1863 roku i o tym, czego uczy nas jedwab.",
    },
  },
  {
    slot: 3,
    title: "Zagadka z archiwum",
    category: "engagement",
    status: "APPROVED",
    texts: {
      facebook: "Zagadka: co przedstawia ta fotografia z 1936 roku? Podpowiedź: budynek stoi do dziś, choć stracił wieżyczkę. Odpowiedzi w komentarzach!",
      mastodon: "Zagadka z archiwum: rozpoznacie to skrzyżowanie z 1936 roku? Tramwaj na zdjęciu to linia 4.",
    },
  },
  {
    slot: 4,
    title: "Nowa wystawa czasowa",
    category: "promotional",
    status: "APPROVED",
    campaignTag: "miasto-w-kadrze",
    texts: {
      facebook: "Od piątku nowa wystawa czasowa „Miasto w kadrze”: 120 fotografii ulic z lat 1900–1939. Bilety już w sprzedaży!",
      linkedin: "Otwieramy wystawę „Miasto w kadrze”, przygotowaną z Archiwum Państwowym. Zapraszamy szkoły i firmy na oprowadzania grupowe.",
      x: "„Miasto w kadrze” – 120 zdjęć dawnych ulic, od piątku w Muzeum Miasta. Bilety online.",
    },
  },
  {
    slot: 5,
    title: "Polecamy lekturę",
    category: "curated",
    status: "APPROVED",
    texts: {
      linkedin: "Polecamy raport Europejskiej Sieci Muzeów o cyfryzacji zbiorów w Europie Środkowej – dużo konkretów o kosztach i standardach metadanych.",
      x: "Dobra lektura na weekend: raport o cyfryzacji zbiorów muzealnych w naszym regionie.",
    },
  },
  {
    slot: 6,
    title: "Jak czytać stare mapy",
    category: "educational",
    status: "APPROVED",
    texts: {
      facebook: "Jak czytać mapy z XIX wieku? Pięć wskazówek od naszej kartografki: od skali w sążniach po nazwy ulic, które zmieniały się co dekadę.",
      mastodon: "Pięć wskazówek, jak czytać XIX-wieczne mapy miasta. Wątek naszej kartografki, z przykładami ze zbiorów.",
      x: "Sążnie, wiorsty, stare nazwy ulic – jak czytać mapy z XIX wieku? Krótki poradnik.",
    },
  },
  {
    slot: 7,
    title: "Godziny otwarcia w grudniu",
    category: "news",
    status: "IN_REVIEW",
    texts: {
      facebook: "W grudniu muzeum jest otwarte dłużej: we wtorki i czwartki do 20:00. 24 i 25 grudnia zamknięte.",
      linkedin: "Grudniowe godziny otwarcia: wtorki i czwartki do 20:00, także dla grup zorganizowanych po wcześniejszym zgłoszeniu.",
      mastodon: "Grudzień w muzeum: dłużej we wtorki i czwartki (do 20:00), przerwa świąteczna 24–25 grudnia.",
    },
  },
  {
    slot: 8,
    title: "Wasze rodzinne fotografie",
    category: "engagement",
    status: "IN_REVIEW",
    texts: {
      x: "Macie w domu zdjęcia swojej ulicy sprzed 1939 roku? Pomóżcie nam uzupełnić mapę pamięci miasta.",
      mastodon: "Szukamy rodzinnych zdjęć ulic sprzed 1939 roku. Skanujemy na miejscu i oddajemy oryginały tego samego dnia.",
      facebook: "Rodzinne albumy to skarbnica: przynieście zdjęcia swojej ulicy sprzed wojny, zeskanujemy je w naszej pracowni.",
    },
  },
  {
    slot: 9,
    title: "Bezpłatny wtorek",
    category: "offer",
    status: "IN_REVIEW",
    texts: {
      facebook: "We wtorki wstęp na wystawę stałą jest bezpłatny. Zapraszamy od 10:00!",
      mastodon: "Przypominamy: wystawa stała we wtorki bez biletów, od 10:00 do 18:00.",
    },
  },
  {
    slot: 10,
    title: "Pracownia digitalizacji",
    category: "behind-the-scenes",
    status: "IN_REVIEW",
    texts: {
      linkedin: "Nasza pracownia digitalizacji skanuje 300 obiektów tygodniowo. Jak planujemy kolejkę i dbamy o jakość metadanych?",
      facebook: "Zajrzyjcie do pracowni digitalizacji: tak powstają skany, które potem oglądacie w katalogu online.",
    },
  },
  {
    slot: 11,
    title: "Historia tramwaju konnego",
    category: "educational",
    status: "IN_REVIEW",
    texts: {
      x: "Tramwaj konny kursował po mieście przez 28 lat. Skąd brano konie i ile kosztował bilet?",
      mastodon: "Historia tramwaju konnego w naszym mieście: trasy, tabor i bilety. Wątek na podstawie planów z archiwum.",
      facebook: "Zanim przyszła elektryczność, po mieście jeździł tramwaj konny. Opowiadamy o trasach i o tym, jak wyglądała podróż.",
    },
  },
  {
    slot: 12,
    title: "Archiwa otwarte – lektura",
    category: "curated",
    status: "IN_REVIEW",
    texts: {
      linkedin: "Ciekawy tekst o otwartych licencjach w archiwach miejskich i o tym, jak wpływają na liczbę badaczy korzystających ze zbiorów.",
      x: "Otwarte licencje w archiwach – dobry przegląd doświadczeń kilku miast.",
      facebook: "Polecamy artykuł o tym, jak archiwa miejskie otwierają swoje zbiory i co z tego mają mieszkańcy.",
    },
  },
  {
    slot: 13,
    title: "Wykład: architektura międzywojnia",
    category: "promotional",
    status: "DRAFT",
    campaignTag: "miasto-w-kadrze",
    texts: {
      facebook: "Czwartek, 18:00: wykład dr. Marka Zielińskiego o architekturze międzywojnia. Zapisy na stronie muzeum.",
      linkedin: "Zapraszamy na wykład o modernistycznej architekturze miasta, towarzyszący wystawie „Miasto w kadrze”.",
      x: "Wykład o architekturze międzywojnia – czwartek 18:00, liczba miejsc ograniczona.",
    },
  },
  {
    slot: 14,
    title: "Kto rozpozna tę kamienicę?",
    category: "engagement",
    status: "DRAFT",
    texts: {
      facebook: "Kto rozpozna tę kamienicę z charakterystycznym balkonem? Zdjęcie pochodzi z 1928 roku.",
      mastodon: "Kamienica z balkonem w kształcie łodzi – znacie ją? Fotografia z 1928 roku.",
    },
  },
  {
    slot: 15,
    title: "Rzemiosło dawnego miasta",
    category: "educational",
    status: "DRAFT",
    texts: {
      x: "Bednarze, powroźnicy, introligatorzy – jakie rzemiosła znikały z miasta najszybciej?",
      linkedin: "Rzemiosło w mieście przed 1939 rokiem: dane z ksiąg cechowych pokazują, które zawody znikały najszybciej.",
      mastodon: "Księgi cechowe mówią wiele o dawnym mieście. Przeglądamy, które rzemiosła zniknęły jako pierwsze.",
    },
  },
  {
    slot: 16,
    title: "Nowy katalog online",
    category: "news",
    status: "DRAFT",
    texts: {
      facebook: "Nowa wersja katalogu online: wyszukiwanie po ulicach i dzielnicach oraz lepsze skany.",
      x: "Katalog online w nowej odsłonie – teraz szukacie także po nazwach ulic.",
    },
  },
  {
    slot: 17,
    title: "Dzień z życia kustosza",
    category: "behind-the-scenes",
    status: "CHANGES_REQUESTED",
    changes: "Dodajmy imię kustosza i jedno zdanie o najnowszym nabytku.",
    texts: {
      facebook: "Jak wygląda dzień kustosza? Od porannej kontroli klimatu w magazynie po wieczorne oprowadzanie.",
      linkedin: "Kustosz to zawód na styku nauki i logistyki. Pokazujemy jeden dzień pracy w naszym muzeum.",
      mastodon: "Dzień z życia kustosza: kontrola klimatu, kwerendy, oprowadzanie. Krótka relacja.",
    },
  },
  {
    slot: 18,
    title: "Weekend rodzinny",
    category: "offer",
    status: "DRAFT",
    texts: {
      facebook: "W weekend rodziny z dziećmi wchodzą za 1 zł, a o 11:00 startują warsztaty z rysowania map.",
    },
  },
  {
    slot: 19,
    title: "Zanim powstało metro",
    category: "educational",
    status: "DRAFT",
    texts: {
      facebook: "Zanim powstało metro, miasto miało trzy projekty kolei podziemnej. Pokazujemy plany, których nie zrealizowano.",
      mastodon: "Trzy niezrealizowane projekty kolei podziemnej sprzed wojny. Plany ze zbiorów kartograficznych.",
      linkedin: "Niezrealizowane projekty infrastruktury mówią o mieście tyle samo, co zrealizowane. Przykład: trzy plany kolei podziemnej.",
    },
  },
  {
    slot: 20,
    title: "Wasze pytania do archiwistów",
    category: "engagement",
    status: "DRAFT",
    texts: {
      x: "Zadajcie pytanie naszym archiwistom – odpowiemy w piątkowym wątku.",
      facebook: "Co zawsze chcieliście wiedzieć o pracy w archiwum? Zbieramy pytania do piątkowej sesji odpowiedzi.",
      mastodon: "Piątkowa sesja pytań do archiwistów: piszcie w odpowiedziach, co was ciekawi.",
    },
  },
  // Examples, planned last so that they disturb nothing but themselves.
  {
    slot: 19,
    time: "20:00",
    title: "Przykład: druga promocja za szybko",
    category: "promotional",
    status: "DRAFT",
    texts: { facebook: "Ostatnie miejsca na warsztaty rodzinne w weekend – zarezerwujcie bilet już dziś!" },
  },
  {
    slot: 16,
    time: "20:00",
    title: "Przykład: ten sam tekst na innym kanale",
    category: "educational",
    status: "DRAFT",
    texts: { x: "Księgi cechowe mówią wiele o dawnym mieście. Przeglądamy, które rzemiosła zniknęły jako pierwsze." },
  },
];

const IMG = "https://images.northwind.example";

export const coffeePlan: DemoPost[] = [
  {
    slot: -2,
    title: "Roast day recap",
    category: "behind-the-scenes",
    status: "PUBLISHED",
    texts: { instagram: "Roast day recap: 14 batches, one very happy roaster and a warehouse that smells like caramel.", bluesky: "Tuesday is roast day. 14 batches went out today, all of them to cafés in Brooklyn and Queens." },
    media: { instagram: [`${IMG}/roast-day.jpg`] },
  },
  {
    slot: -1,
    title: "Why we cup every batch",
    category: "educational",
    status: "PUBLISHED",
    texts: { x: "Every batch we roast gets cupped before it ships. Here is what we taste for, and what makes us roast again." },
  },
  {
    slot: 1,
    title: "How we roast",
    category: "educational",
    status: "APPROVED",
    texts: {
      instagram: "Light, medium, dark: what actually changes in the roaster? Swipe for our head roaster's three-minute guide.",
      bluesky: "What really changes between a light and a dark roast? Our head roaster explains development time in plain words.",
    },
    media: { instagram: [`${IMG}/roast-levels.jpg`] },
  },
  {
    slot: 2,
    title: "Meet the farmers",
    category: "behind-the-scenes",
    status: "APPROVED",
    texts: {
      instagram: "Meet Ana and Luis, who grow our Huila beans at 1,700 m. This season's harvest arrived last week.",
      x: "The people behind our Colombian single origin: Ana and Luis, third-generation growers in Huila.",
    },
    media: { instagram: [`${IMG}/ana-luis.jpg`] },
  },
  {
    slot: 3,
    title: "Your brew method?",
    category: "engagement",
    status: "APPROVED",
    texts: {
      bluesky: "Pour-over, French press or espresso: how do you brew at home, and what would you change?",
      x: "Poll time: how do you brew your morning cup? Pour-over, French press, espresso or drip.",
    },
  },
  {
    slot: 4,
    title: "Winter blend is back",
    category: "promotional",
    status: "APPROVED",
    campaignTag: "winter-blend",
    texts: {
      instagram: "Our winter blend is back: cocoa, orange peel, molasses. In cafés and online from Monday.",
      bluesky: "The winter blend returns on Monday – cocoa and orange peel, roasted a touch darker than last year.",
    },
    media: { instagram: [`${IMG}/winter-blend.jpg`] },
  },
  {
    slot: 5,
    title: "Grind size, explained",
    category: "educational",
    status: "IN_REVIEW",
    texts: {
      x: "Coffee tastes sour or bitter? Nine times out of ten it is the grind. A quick guide to fixing it.",
      bluesky: "Sour means under-extracted, bitter means over-extracted. How grind size moves you between the two.",
    },
  },
  {
    slot: 6,
    title: "Reading list: coffee science",
    category: "curated",
    status: "IN_REVIEW",
    texts: {
      instagram: "Three books on coffee science we keep lending to each other. Saved for your winter reading list.",
      x: "Our team's favourite reads on coffee chemistry, from water hardness to Maillard reactions.",
    },
    media: { instagram: [`${IMG}/reading-list.jpg`] },
  },
  {
    slot: 7,
    title: "Inside the cupping lab",
    category: "behind-the-scenes",
    status: "IN_REVIEW",
    texts: {
      instagram: "Inside the cupping lab: twelve cups, four samples, one very quiet room.",
      bluesky: "What happens in a cupping session? We score every sample blind, then argue about it for an hour.",
    },
    media: { instagram: [`${IMG}/cupping-lab.jpg`] },
  },
  {
    slot: 8,
    title: "Weekend bundle",
    category: "offer",
    status: "IN_REVIEW",
    texts: { x: "Weekend bundle: two bags of any single origin plus a hand grinder, 20% off until Sunday night." },
  },
  {
    slot: 9,
    title: "Show us your setup",
    category: "engagement",
    status: "DRAFT",
    texts: {
      bluesky: "Show us your home coffee corner. Best setup this month wins a bag of the winter blend.",
      instagram: "Tag us in a photo of your coffee corner: we are collecting the cosiest setups in the city.",
    },
    media: { instagram: [`${IMG}/coffee-corner.jpg`] },
  },
  {
    slot: 10,
    title: "Water matters",
    category: "educational",
    status: "DRAFT",
    texts: {
      x: "Your coffee is 98% water. Why New York tap water is surprisingly good for brewing.",
      bluesky: "Soft water, bright cup: a short note on how water hardness changes extraction.",
    },
  },
  {
    slot: 11,
    title: "New café partner in Astoria",
    category: "news",
    status: "DRAFT",
    texts: {
      instagram: "Say hello to Kettle & Co. in Astoria, now pouring our Huila single origin.",
      x: "You can now find our coffee at Kettle & Co., 31st Street, Astoria.",
    },
    media: { instagram: [`${IMG}/kettle-co.jpg`] },
  },
  {
    slot: 12,
    title: "Gift cards for the holidays",
    category: "promotional",
    status: "DRAFT",
    texts: {
      instagram: "Holiday gift cards are here, printed on recycled coffee sacks. Available in all partner cafés.",
      bluesky: "Stuck for a gift? Our holiday cards work online and in every partner café.",
    },
    media: { instagram: [`${IMG}/gift-cards.jpg`] },
  },
  // An example, planned last so that it disturbs nothing but itself.
  {
    slot: 10,
    time: "18:00",
    title: "Example: too long for X",
    category: "educational",
    status: "DRAFT",
    texts: {
      x: "Brewing guide, part two: after the grind comes the ratio. We start at 1:16 for pour-over and 1:15 for French press, weigh both the coffee and the water, keep the kettle at 94 °C, bloom for 40 seconds, and then pour in slow circles so that every part of the bed is wet. Taste, then adjust one variable at a time.",
    },
  },
];

/**
 * Line icons on a 24 × 24 grid, drawn with a round 2-unit stroke. The catalog
 * names each category's icon; unknown names fall back to a map pin.
 */
export const ICONS: Readonly<Record<string, string>> = {
  // categories (protocols/src/catalog/categories.ts)
  store: "M3 10h18M4 10l1.5-5h13L20 10M5 10v10h14V10M9 20v-5h6v5",
  cart: "M3 4h2.5l2 11h10.5l2-8H7M9 20.5a.5.5 0 1 0 0-1 .5.5 0 0 0 0 1M17 20.5a.5.5 0 1 0 0-1 .5.5 0 0 0 0 1",
  basket: "M3 10h18l-2 10H5L3 10M8 10l3-6M16 10l-3-6M9 14v3M15 14v3M12 14v3",
  vegetable: "M12 21c-4 0-7-4-7-9 3 0 7 3 7 9M12 21c4 0 7-4 7-9-3 0-7 3-7 9M12 12V4M9 6l3-2 3 2",
  breakfast:
    "M4 11h13v4a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5v-4M17 12h1.5a2.5 2.5 0 0 1 0 5H16M8 4v3M12 3v4",
  laundry: "M5 3h14v18H5V3M5 7h14M12 17.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7M8 5h.01",
  scissors:
    "M6 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6M6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6M8.5 7.5 20 19M8.5 16.5 20 5",
  printer: "M7 9V3h10v6M7 18H4v-9h16v9h-3M7 14h10v7H7v-7",
  broom: "M14 3l-4 9M6 12h8l2 9H4l2-9M8 16v5M12 16v5",
  wrench: "M14.5 5.5a4 4 0 0 0 4.9 4.9L21 12l-9 9-3-3 9-9-1.6-1.5a4 4 0 0 0-4.9-4.9L14 5l-1 1",
  pill: "M10.5 20.5a5 5 0 0 1-7-7l6-6a5 5 0 0 1 7 7l-6 6M7 10l7 7",
  parcel: "M3 7l9-4 9 4v10l-9 4-9-4V7M3 7l9 4 9-4M12 11v10M7.5 5l9 4",
  recycle: "M7 19H4l3-5M17 19h3l-3-5M9 19h6M12 4l-2 3.5M12 4l2 3.5M8 13l3-5M16 13l-3-5",
  elder: "M12 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4M12 9v6l-3 6M12 15l3 6M9 11l3-2 3 2M17 12v9",
  canteen: "M4 13h16a8 8 0 0 1-16 0M12 5v3M8 6v2M16 6v2M2 21h20",
  dining: "M6 3v7a2 2 0 0 0 4 0V3M8 10v11M16 21V3c-2 1-3 4-3 8h3",
  fitness: "M4 9v6M7 7v10M17 7v10M20 9v6M7 12h10",
  book: "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2V5M4 19a2 2 0 0 1 2-2h13",
  school: "M2 9l10-5 10 5-10 5L2 9M6 11v5c3 2 9 2 12 0v-5M22 9v6",
  child: "M12 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6M7 12l5-2 5 2M12 10v6M9 21l3-5 3 5",
  leisure: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18M8.5 14.5a4.5 4.5 0 0 0 7 0M9 9h.01M15 9h.01",
  coffee:
    "M5 8h12v6a5 5 0 0 1-5 5h-2a5 5 0 0 1-5-5V8M17 9h1.5a2.5 2.5 0 0 1 0 5H17M4 21h14M9 3v2M13 3v2",
  pet: "M12 20c-3 0-6-1-6-4s3-5 6-5 6 2 6 5-3 4-6 4M6 10a1.5 2 0 1 0 0-.1M18 10a1.5 2 0 1 0 0-.1M9.5 6a1.5 2 0 1 0 0-.1M14.5 6a1.5 2 0 1 0 0-.1",
  clinic: "M4 4h16v16H4V4M12 8v8M8 12h8",
  // the shell and the panels
  pin: "M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21M12 12a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5",
  search: "M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13M15.5 15.5 21 21",
  map: "M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3V6M9 3v15M15 6v15",
  back: "M15 5l-7 7 7 7",
  forward: "M9 5l7 7-7 7",
  home: "M3 11l9-8 9 8M5 9.5V21h14V9.5M10 21v-6h4v6",
  speaker: "M4 9h4l5-4v14l-5-4H4V9M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12",
  stop: "M6 6h12v12H6V6",
  globe:
    "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18M3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9M12 3c-2.5 2.5-3.5 5.5-3.5 9s1 6.5 3.5 9",
  elderly: "M4 20V4h7v5h9v11H4M8 13h2M14 13h2M8 16.5h8",
  clock: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18M12 7v5l3 2",
  phone:
    "M5 4h3.5l1.5 4-2 1.5a11 11 0 0 0 6.5 6.5L16 14l4 1.5V19a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2",
  walk: "M13 5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3M10 21l2-6 2.5 2.5V21M9 11l2-4 3 1 2 3M11 7l-1.5 6",
  backspace: "M9 5h11v14H9l-6-7 6-7M12.5 9.5l5 5M17.5 9.5l-5 5",
  keyboard: "M3 6h18v12H3V6M7 10h.01M11 10h.01M15 10h.01M7 14h10",
  vending: "M5 3h14v18H5V3M8 6h5v9H8V6M16 7v2M16 12v2M8 18h8",
  smile: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18M8 14a5 5 0 0 0 8 0M9 9.5h.01M15 9.5h.01",
  flag: "M5 21V4M5 4h11l-2 4 2 4H5",
  check: "M5 12.5l4.5 4.5L19 7",
  qr: "M4 4h6v6H4V4M14 4h6v6h-6V4M4 14h6v6H4v-6M14 14h2.5v2.5H14V14M17.5 17.5H20V20h-2.5v-2.5M14 20h2M20 14v2",
  stroller:
    "M4 10h12a6 6 0 0 1-12 0M4 10a6 6 0 0 1 6-6v6M16 10l2-6h2M7 21a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3M14 21a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3",
  alert: "M12 3 2 20h20L12 3M12 10v4M12 17h.01",
  more: "M5 12h.01M12 12h.01M19 12h.01",
  wifiOff:
    "M3 3l18 18M8.5 16.5a5 5 0 0 1 7 0M5 13a10 10 0 0 1 5-2.7M19 13a10 10 0 0 0-2.6-1.9M2 9.5a15 15 0 0 1 4.5-2.8M22 9.5A15 15 0 0 0 11 5.1M12 20h.01",
};

// The searchable form of a person's name or alias, so that one spelling finds the others.
//
// Names reach advocates in several spellings and two scripts: "Fatma Ibrahimzade" and
// "Fatima Ibrahimzadeh", Azerbaijani Latin "Məmmədli" and English "Mammadli", Persian text
// typed on an Arabic keyboard (ي/ك instead of ی/ک), with diacritics, tatweel or invisible
// direction marks pasted from a web page. The normalised form removes the differences that
// never distinguish two people; pg_trgm similarity over it absorbs the rest (typos,
// transliteration variants).
//
// WHERE IT IS STORED: `people.name_normalized` and `person_aliases.name_normalized`
// (trigram-indexed). Every write of a person's name or an alias must set the column to
// `normalizeName(name)` (the demo importer and the synthetic loader do). The migration
// that added the columns defines the same function in SQL (`tracker_normalize_name`) for
// its backfill and for bulk SQL; tests/integration/normalize-name-sql.test.ts keeps the
// two identical, so change both together (in a new migration).
//
// The steps are deliberately explicit character lists rather than Unicode property
// classes: the SQL twin must do exactly the same, and PostgreSQL's regular expressions have
// no \p{...}.

/**
 * Azerbaijani and Turkish letters folded to the English-press transliteration used in the
 * records ("Şahruz" → "shahruz", "Ağayi" → "aghayi", "Məmməd" → "mammad"). Applied before
 * the decomposition, which would otherwise reduce ş to a bare s.
 */
const TURKIC_FOLDS: Readonly<Record<string, string>> = {
  Ə: "a",
  ə: "a",
  Ş: "sh",
  ş: "sh",
  Ç: "ch",
  ç: "ch",
  Ğ: "gh",
  ğ: "gh",
  ı: "i",
};
const TURKIC_LETTERS = /[ƏəŞşÇçĞğı]/g;

/**
 * Combining marks removed after NFKD decomposition: Latin diacritics (é → e, ü → u) and
 * Arabic-script vowel signs, hamza and madda marks (so أ إ آ become ا, ؤ becomes و, ئ
 * becomes ی).
 */
const COMBINING_MARKS =
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]/g;

/**
 * Characters that change how a name looks or is laid out but not which name it is: soft
 * hyphen, tatweel (ـ), Arabic letter mark, Mongolian vowel separator, zero-width space /
 * non-joiner / joiner, LRM/RLM, bidi embeddings, overrides and isolates, word joiner and
 * invisible operators, byte-order mark.
 */
const INVISIBLES = /[\u00ad\u0640\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Arabic letter variants unified to their Persian form, and Eastern digits to ASCII. */
const LETTER_VARIANTS: Readonly<Record<string, string>> = {
  "\u064a": "\u06cc", // ي Arabic yeh → ی Persian yeh
  "\u0649": "\u06cc", // ى alef maksura → ی
  "\u0643": "\u06a9", // ك Arabic kaf → ک keheh
  "\u0629": "\u0647", // ة teh marbuta → ه heh
  "\u06d5": "\u0647", // ە ae (what ۀ decomposes to) → ه
  "\u0671": "\u0627", // ٱ alef wasla → ا
  "٠": "0",
  "١": "1",
  "٢": "2",
  "٣": "3",
  "٤": "4",
  "٥": "5",
  "٦": "6",
  "٧": "7",
  "٨": "8",
  "٩": "9",
  "۰": "0",
  "۱": "1",
  "۲": "2",
  "۳": "3",
  "۴": "4",
  "۵": "5",
  "۶": "6",
  "۷": "7",
  "۸": "8",
  "۹": "9",
};
const LETTER_VARIANT_CHARS = /[\u064a\u0649\u0643\u0629\u06d5\u0671\u0660-\u0669\u06f0-\u06f9]/g;

/** Whitespace left after NFKD (which already turns no-break and typographic spaces into " "). */
const WHITESPACE = /[\t\n\v\f\r \u0085\u1680\u2028\u2029]+/g;

/**
 * The normalised form of a name: case-folded, without diacritics, Arabic/Persian letter
 * variants unified, Eastern Arabic digits as ASCII, invisible characters removed,
 * whitespace collapsed. Pure and idempotent: normalizeName(normalizeName(x)) === normalizeName(x).
 */
export function normalizeName(input: string): string {
  return input
    .normalize("NFC")
    .replace(TURKIC_LETTERS, (c) => TURKIC_FOLDS[c] ?? c)
    .normalize("NFKD")
    .toLowerCase()
    .replace(COMBINING_MARKS, "")
    .replace(INVISIBLES, "")
    .replace(LETTER_VARIANT_CHARS, (c) => LETTER_VARIANTS[c] ?? c)
    .replace(WHITESPACE, " ")
    .trim();
}

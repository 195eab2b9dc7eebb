import type { TextEncoderFn } from './elements';

/**
 * Encoders for the Specific Character Sets (0008,0005) the fixtures use (PS3.5 §6.1, Annex H/I).
 * They are written here, not borrowed from dcmjs (which only writes UTF-8), so the bytes are what a
 * real modality would send and the archive can be checked for returning them untouched.
 */

/** Specific Character Set values the fixtures can encode. */
export type CharsetTerm =
  | 'ISO_IR 6'
  | 'ISO_IR 100'
  | 'ISO_IR 144'
  | 'ISO_IR 126'
  | 'ISO_IR 127'
  | 'ISO_IR 192'
  | '\\ISO 2022 IR 87';

/** WHATWG labels of the single-byte ISO 8859 parts; G1 (0xA0–0xFF) is identical to the ISO table. */
const SINGLE_BYTE: Partial<Record<CharsetTerm, string>> = {
  'ISO_IR 100': 'iso-8859-1',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 127': 'iso-8859-6',
};

const reverseTables = new Map<string, Map<string, number>>();

/** Unicode → byte for 0xA0–0xFF of one ISO 8859 part, built from the platform decoder. */
function reverseTable(label: string): Map<string, number> {
  let table = reverseTables.get(label);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(label);
    for (let b = 0xa0; b <= 0xff; b++) {
      const ch = decoder.decode(Uint8Array.of(b));
      if (ch !== '\ufffd') table.set(ch, b);
    }
    reverseTables.set(label, table);
  }
  return table;
}

/**
 * JIS X 0208 codes (row/cell + 0x2020) for the kanji the fixtures use; checked against glibc
 * iconv ISO-2022-JP. Hiragana and katakana are computed (rows 4 and 5 follow Unicode order).
 */
const JIS_KANJI: Record<string, number> = {
  山: 0x3b33,
  田: 0x4544,
  太: 0x4240,
  郎: 0x4f3a,
  鈴: 0x4e6b,
  木: 0x4c5a,
  花: 0x3256,
  子: 0x3b52,
  佐: 0x3a34,
  藤: 0x4623,
  胸: 0x363b,
  部: 0x4974,
  正: 0x4035,
  面: 0x4c4c,
  ー: 0x213c,
  東: 0x456c,
  京: 0x357e,
  病: 0x4942,
  院: 0x3121,
  診: 0x3f47,
  療: 0x4e45,
  所: 0x3d6a,
};

function jisCode(ch: string): number | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x3041 && cp <= 0x3093) return 0x2421 + (cp - 0x3041); // hiragana, JIS row 4
  if (cp >= 0x30a1 && cp <= 0x30f6) return 0x2521 + (cp - 0x30a1); // katakana, JIS row 5
  if (cp === 0x3000) return 0x2121; // ideographic space
  return JIS_KANJI[ch];
}

const ESC_JIS_X_0208 = [0x1b, 0x24, 0x42]; // ESC $ B: G0 ← JIS X 0208 (ISO 2022 IR 87)
const ESC_ASCII = [0x1b, 0x28, 0x42]; // ESC ( B: G0 ← ASCII (ISO 2022 IR 6)

/**
 * ISO 2022 IR 87 with the default repertoire as the first value (`\ISO 2022 IR 87`): ASCII runs
 * stay as is, JIS X 0208 runs are wrapped in ESC $ B … ESC ( B. Because `^`, `=` and `\` are ASCII,
 * the encoder is back in ASCII before every delimiter and at the end of the value, as PS3.5
 * §6.1.2.5.3 requires.
 */
function encodeIso2022Jp(textValue: string): Uint8Array {
  const out: number[] = [];
  let inJis = false;
  for (const ch of textValue) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      if (inJis) out.push(...ESC_ASCII);
      inJis = false;
      out.push(cp);
      continue;
    }
    const code = jisCode(ch);
    if (code === undefined) throw new Error(`no JIS X 0208 code for "${ch}" in the fixture table`);
    if (!inJis) out.push(...ESC_JIS_X_0208);
    inJis = true;
    out.push(code >> 8, code & 0xff);
  }
  if (inJis) out.push(...ESC_ASCII);
  return Uint8Array.from(out);
}

/** The encoder for one Specific Character Set; throws on characters the set cannot hold. */
export function charsetEncoder(term: CharsetTerm): TextEncoderFn {
  if (term === 'ISO_IR 192') return (s) => new Uint8Array(Buffer.from(s, 'utf8'));
  if (term === '\\ISO 2022 IR 87') return encodeIso2022Jp;
  const label = SINGLE_BYTE[term];
  return (s) => {
    const table = label ? reverseTable(label) : new Map<string, number>();
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const ch = s[i] ?? '';
      const code = ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch);
      if (code === undefined) throw new Error(`"${ch}" is not in ${term}`);
      out[i] = code;
    }
    return out;
  };
}

/** Text placed in a character-set fixture; every value must be representable in `charset`. */
export interface CharsetSample {
  /** File-name-safe key, e.g. `latin1`. */
  key: string;
  charset: CharsetTerm;
  patientName: string;
  referringPhysician: string;
  institutionName: string;
  studyDescription: string;
  /** PatientComments (LT): longer free text with punctuation. */
  comments: string;
}

/** The character-set fixtures: Latin-1, UTF-8 (Japanese, Arabic, Cyrillic), ISO 2022 JIS, Cyrillic, Greek. */
export const CHARSET_SAMPLES: readonly CharsetSample[] = [
  {
    key: 'latin1',
    charset: 'ISO_IR 100',
    patientName: 'MÜLLER^JOSÉ',
    referringPhysician: 'Gómez^Ana^Lucía^Dra.',
    institutionName: 'Clínica São João',
    studyDescription: 'Thorax p.a. Röntgen',
    comments: 'Ärztliche Überweisung: Tbc-Screening, Visum; Größe 1,78 m.',
  },
  {
    key: 'utf8-japanese',
    charset: 'ISO_IR 192',
    patientName: 'Yamada^Tarou=山田^太郎=やまだ^たろう',
    referringPhysician: '鈴木^花子',
    institutionName: '東京診療所',
    studyDescription: '胸部正面 Chest PA',
    comments: '結核スクリーニング（移民前検診）',
  },
  {
    key: 'utf8-arabic',
    charset: 'ISO_IR 192',
    patientName: 'قباني^لنزار',
    referringPhysician: 'الحسيني^فاطمة',
    institutionName: 'عيادة الفحص الطبي',
    studyDescription: 'أشعة الصدر Chest PA',
    comments: 'فحص السل قبل السفر',
  },
  {
    key: 'utf8-cyrillic',
    charset: 'ISO_IR 192',
    patientName: 'Иванов^Иван^Петрович',
    referringPhysician: 'Соколова^Мария',
    institutionName: 'Клиника №5',
    studyDescription: 'Рентген грудной клетки',
    comments: 'Скрининг туберкулёза перед поездкой.',
  },
  {
    key: 'iso2022-japanese',
    charset: '\\ISO 2022 IR 87',
    patientName: 'Yamada^Tarou=山田^太郎=やまだ^たろう',
    referringPhysician: 'Suzuki^Hanako=鈴木^花子=すずき^はなこ',
    institutionName: '東京診療所',
    studyDescription: '胸部正面',
    comments: 'ケッカク スクリーニング',
  },
  {
    key: 'iso8859-5-cyrillic',
    charset: 'ISO_IR 144',
    patientName: 'Люксембург^Ганс',
    referringPhysician: 'Петрова^Ольга',
    institutionName: 'Поликлиника №12',
    studyDescription: 'Рентген грудной клетки',
    comments: 'Ёлкин: скрининг, снимок в прямой проекции.',
  },
  {
    key: 'iso8859-7-greek',
    charset: 'ISO_IR 126',
    patientName: 'Διονυσιος',
    referringPhysician: 'Παπαδοπούλου^Ελένη',
    institutionName: 'Κλινική Αθηνών',
    studyDescription: 'Ακτινογραφία θώρακος',
    comments: 'Έλεγχος φυματίωσης.',
  },
];

// A small SQL scanner that follows SQLite's tokenizer rules just far enough to
// - split a text into statements (for `sequence`, and to reject multi-statement `execute`), keeping
//   the semicolons inside CREATE TRIGGER ... BEGIN ... END bodies, and
// - number the parameters the way SQLite does (`?`, `?NNN`, `:name`, `@name`, `$name`).
//
// Why not ask the engine: the libsql npm binding exposes neither the statement tail nor parameter
// names, and its own named binding aborts the whole process on nameless `?` parameters. Knowing the
// parameter layout here lets the server always bind positionally and report missing or unknown
// arguments clearly.

export interface ScannedStatement {
  /** Text of this one statement, without the separating semicolon. */
  sql: string;
  /** names[i] is the name of parameter i + 1 (":id", "?3"), or null if nameless or unused. */
  names: (string | null)[];
  /** used[i] tells whether parameter i + 1 occurs in the text (so it needs a value). */
  used: boolean[];
  /** Upper-cased first keyword, e.g. "SELECT" or "EXPLAIN". */
  firstKeyword: string | null;
}

const MAX_PARAM_INDEX = 32766; // SQLITE_MAX_VARIABLE_NUMBER default

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdStart = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
const isIdChar = (c: number) => isIdStart(c) || isDigit(c) || c === 36; // letters, digits, _, $, non-ASCII
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

class StatementBuilder {
  start: number;
  names: (string | null)[] = [];
  used: boolean[] = [];
  byName = new Map<string, number>();
  words: string[] = []; // leading keywords, to recognise CREATE [TEMP] TRIGGER
  leadingDone = false;
  lastWord: string | null = null;
  hasContent = false;

  constructor(start: number) {
    this.start = start;
  }

  token(word: string | null): void {
    this.hasContent = true;
    this.lastWord = word;
    if (this.leadingDone) return;
    if (word === null || this.words.length >= 6) this.leadingDone = true;
    else this.words.push(word);
  }

  param(text: string): void {
    this.token(null);
    let index: number;
    if (text === "?") {
      index = this.names.length + 1;
    } else if (text.startsWith("?")) {
      index = Number(text.slice(1));
      // An out-of-range ?NNN makes SQLite reject the statement; let the engine report it.
      if (!Number.isInteger(index) || index < 1 || index > MAX_PARAM_INDEX) return;
    } else {
      index = this.byName.get(text) ?? this.names.length + 1;
      this.byName.set(text, index);
    }
    while (this.names.length < index) {
      this.names.push(null);
      this.used.push(false);
    }
    this.used[index - 1] = true;
    if (text !== "?" && this.names[index - 1] === null) this.names[index - 1] = text;
  }

  /** Inside a trigger body a semicolon ends the statement only right after END. */
  semicolonEnds(): boolean {
    const w =
      this.words[0] === "EXPLAIN"
        ? this.words.slice(this.words[1] === "QUERY" ? 3 : 1)
        : this.words;
    const temp = w[1] === "TEMP" || w[1] === "TEMPORARY";
    const isTrigger = w[0] === "CREATE" && w[temp ? 2 : 1] === "TRIGGER";
    return !isTrigger || this.lastWord === "END";
  }

  finish(sql: string, end: number): ScannedStatement {
    return {
      sql: sql.slice(this.start, end),
      names: this.names,
      used: this.used,
      firstKeyword: this.words[0] ?? null,
    };
  }
}

/** Split `sql` into statements; empty statements (only whitespace/comments) are dropped. */
export function scanSql(sql: string): ScannedStatement[] {
  const out: ScannedStatement[] = [];
  let st = new StatementBuilder(0);
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    const next = i + 1 < n ? sql.charCodeAt(i + 1) : 0;
    if (isSpace(c)) {
      i++;
    } else if (c === 45 && next === 45) {
      // -- line comment
      const eol = sql.indexOf("\n", i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === 47 && next === 42) {
      // /* block comment */ (unterminated runs to the end, as in SQLite)
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === 39 || c === 34 || c === 96 || c === 91) {
      // 'string', "identifier", `identifier`, [identifier]; quotes escape by doubling
      const quote = c === 91 ? "]" : sql[i];
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(quote as string, j);
        if (k < 0 || c === 91 || sql[k + 1] !== quote) {
          j = k < 0 ? n : k + 1;
          break;
        }
        j = k + 2;
      }
      st.token(null);
      i = j;
    } else if (c === 63) {
      // ? or ?NNN
      let j = i + 1;
      while (j < n && isDigit(sql.charCodeAt(j))) j++;
      st.param(sql.slice(i, j));
      i = j;
    } else if (c === 58 || c === 64 || c === 36) {
      // :name @name $name, including Tcl-style "::" segments and a "(...)" suffix
      const j = scanVariable(sql, i);
      if (j > i + 1) st.param(sql.slice(i, j));
      else st.token(null);
      i = Math.max(j, i + 1);
    } else if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdChar(sql.charCodeAt(j))) j++;
      st.token(sql.slice(i, j).toUpperCase());
      i = j;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < n && (isIdChar(sql.charCodeAt(j)) || sql[j] === ".")) j++;
      st.token(null);
      i = j;
    } else if (c === 59 && st.semicolonEnds()) {
      if (st.hasContent) out.push(st.finish(sql, i));
      st = new StatementBuilder(i + 1);
      i++;
    } else {
      st.token(null);
      i++;
    }
  }
  if (st.hasContent) out.push(st.finish(sql, n));
  return out;
}

/** End index of a variable starting at `i` (a prefix char followed by at least one id char). */
function scanVariable(sql: string, i: number): number {
  let j = i + 1;
  let idChars = 0;
  while (j < sql.length) {
    const c = sql.charCodeAt(j);
    if (isIdChar(c)) {
      idChars++;
      j++;
    } else if (c === 40 && idChars > 0) {
      // "(" suffix: runs to ")" unless whitespace comes first (then SQLite rejects the token)
      let k = j + 1;
      while (k < sql.length && !isSpace(sql.charCodeAt(k)) && sql[k] !== ")") k++;
      return sql[k] === ")" ? k + 1 : k;
    } else if (c === 58 && sql.charCodeAt(j + 1) === 58) {
      j += 2;
    } else {
      break;
    }
  }
  return idChars > 0 ? j : i + 1;
}

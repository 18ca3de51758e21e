// Text people type or paste into the bot, made safe to store: control characters (NUL from a pasted document, a
// terminal's escape codes, C1 controls from mis-decoded text) mean nothing to a reader, and PostgreSQL refuses a NUL
// in a text column where SQLite keeps it. They are dropped, the same way before either engine sees them; tab and
// newline stay, since the form's fields are multi-line.

/** C0 controls except tab (\t), newline (\n) and carriage return (\r, which callers fold into \n), DEL, and C1 controls. */
const CONTROL = /[^\P{Cc}\t\n\r]/gu;

/** `text` without control characters other than tab and line breaks. */
export function withoutControlChars(text: string): string {
  return text.replace(CONTROL, '');
}

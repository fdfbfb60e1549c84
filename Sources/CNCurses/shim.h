#ifndef HOOKBENCH_CNCURSES_SHIM_H
#define HOOKBENCH_CNCURSES_SHIM_H

// Wide-character ncurses. These two macros must come before the include, or wget_wch and
// the cchar_t functions are not declared.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// Swift cannot import the macros and global variables below, so each has a function.

static inline attr_t hb_attribute_bold(void) { return A_BOLD; }
static inline attr_t hb_attribute_reverse(void) { return A_REVERSE; }
static inline attr_t hb_attribute_underline(void) { return A_UNDERLINE; }
static inline attr_t hb_attribute_dim(void) { return A_DIM; }
static inline attr_t hb_attribute_normal(void) { return A_NORMAL; }

static inline WINDOW *hb_stdscr(void) { return stdscr; }
static inline int hb_columns(void) { return COLS; }
static inline int hb_lines(void) { return LINES; }
static inline int hb_colors(void) { return COLORS; }
static inline int hb_ok(void) { return OK; }
static inline int hb_err(void) { return ERR; }

/// Starts curses on standard input and output like initscr, but returns -1 instead of
/// exiting when the terminal type is unknown.
static inline int hb_start_screen(void) {
  SCREEN *screen = newterm(NULL, stdout, stdin);
  if (screen == NULL) return -1;
  set_term(screen);
  return 0;
}

static inline int hb_key_code_yes(void) { return KEY_CODE_YES; }
static inline int hb_key_resize(void) { return KEY_RESIZE; }
static inline int hb_key_up(void) { return KEY_UP; }
static inline int hb_key_down(void) { return KEY_DOWN; }
static inline int hb_key_left(void) { return KEY_LEFT; }
static inline int hb_key_right(void) { return KEY_RIGHT; }
static inline int hb_key_home(void) { return KEY_HOME; }
static inline int hb_key_end(void) { return KEY_END; }
static inline int hb_key_page_up(void) { return KEY_PPAGE; }
static inline int hb_key_page_down(void) { return KEY_NPAGE; }
static inline int hb_key_backspace(void) { return KEY_BACKSPACE; }
static inline int hb_key_delete(void) { return KEY_DC; }
static inline int hb_key_back_tab(void) { return KEY_BTAB; }
static inline int hb_key_enter(void) { return KEY_ENTER; }
static inline int hb_key_f0(void) { return KEY_F0; }

/// Reads one key from the standard screen; returns OK, KEY_CODE_YES or ERR (timeout).
static inline int hb_read_key(wint_t *key) { return wget_wch(stdscr, key); }

/// Draws `count` wide characters at `row`, `column` with `attributes` and colour `pair`.
static inline int hb_draw(int row, int column, const wchar_t *text, int count,
                          attr_t attributes, short pair) {
  wattr_set(stdscr, attributes, pair, NULL);
  return mvwaddnwstr(stdscr, row, column, text, count);
}

static inline int hb_wcwidth(wchar_t character) { return wcwidth(character); }

/// Returns 1 when the locale's character set is UTF-8, after setlocale(LC_ALL, "").
static inline int hb_locale_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// Signal handlers that restore the terminal, then let the previous handler (the default
// action, or the Swift runtime's backtracer) run on a readable screen.

/// The handler in place before ours, per signal. A function-local static, because Swift's
/// importer emits the functions of this header but not its file-scope variables.
// NOTE: each Swift object file that calls these functions gets its own copy of this storage,
// so install, remove and the handler must all be called from one Swift file
// (CursesTerminal.swift).
static inline struct sigaction *hb_previous_action(int signal_number) {
  static struct sigaction previous_actions[NSIG];
  return &previous_actions[signal_number];
}

static void hb_restore_terminal_and_reraise(int signal_number) {
  endwin();
  sigaction(signal_number, hb_previous_action(signal_number), NULL);
  // The signal is blocked while this handler runs, so it is delivered again, to the previous
  // handler, as soon as this one returns. A fault re-executes the faulting instruction.
  raise(signal_number);
}

/// Installs the terminal-restoring handler for `signal_number`; returns 0 or -1 (errno set).
static inline int hb_install_terminal_restorer(int signal_number) {
  if (signal_number <= 0 || signal_number >= NSIG) return -1;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = hb_restore_terminal_and_reraise;
  sigemptyset(&action.sa_mask);
  return sigaction(signal_number, &action, hb_previous_action(signal_number));
}

/// Puts back the handler that was in place before hb_install_terminal_restorer.
static inline int hb_remove_terminal_restorer(int signal_number) {
  if (signal_number <= 0 || signal_number >= NSIG) return -1;
  return sigaction(signal_number, hb_previous_action(signal_number), NULL);
}

#endif

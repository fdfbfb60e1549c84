#ifndef HOOKBENCH_CNCURSES_SHIM_H
#define HOOKBENCH_CNCURSES_SHIM_H

// Wide-character ncurses. These two macros must come before the include, or wget_wch and
// the cchar_t functions are not declared.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

#endif

/* The ncurses face of the demo. The only module that includes curses. */
#ifndef IPCSCOPE_UI_H
#define IPCSCOPE_UI_H

#include "config.h"

/* Returns the exit status: 0, or 2 when the terminal or session fails. */
int	ui_main(const struct config *);
/* The screen's themes (--theme): index of name or -1; "dark, light, ...". */
int	ui_theme_find(const char *name);
const char *ui_theme_names(void);

#endif

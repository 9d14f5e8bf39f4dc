/* The replay face: a recording (--record) played back, from the file alone. */
#ifndef IPCSCOPE_REPLAY_H
#define IPCSCOPE_REPLAY_H

#include "config.h"

/* --headless replay FILE: each snapshot again as the line --json prints;
 * the exit status (2 and one line for a file it cannot read). */
int	replay_lines(const char *path);
/* replay FILE: the same screen as the demo, one step back and forth. */
int	ui_replay(const struct config *, const char *path);

#endif

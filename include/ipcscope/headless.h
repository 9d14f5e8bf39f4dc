/* The demo without a screen: the same engine, snapshots as lines. */
#ifndef IPCSCOPE_HEADLESS_H
#define IPCSCOPE_HEADLESS_H

#include "config.h"

/* Returns the exit status: 0, or 2 when the session cannot start. */
int	headless_main(const struct config *);

#endif
